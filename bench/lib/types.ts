/**
 * The one interface between the runner (bench/run.ts) and a benchmark suite (bench/suites/*.ts): a suite exports
 * `run(ctx)` returning result rows. The runner starts each suite in its own Node process, so a suite's memory and
 * timers never disturb the next one, and writes the rows to bench-results.json.
 */

/** A target from the issue: `value op target`, e.g. `{ op: '<=', target: 3 }` for "at most 3×". */
export interface Goal {
  op: '<=' | '>=';
  target: number;
}

export interface ResultRow {
  /** Short, stable, unique within the suite: "pdf.pages-per-second". The suite name is the prefix. */
  name: string;
  /** What the row measures, for the table. */
  label: string;
  value: number;
  unit: string;
  /** The same figure for the alternative tool measured in the same run, e.g. pdftotext's pages/s. */
  baseline?: { tool: string; value: number };
  goal?: Goal;
  /** How the value was obtained: "median of 7 interleaved passes", caveats. */
  note?: string;
}

export interface SuiteContext {
  /** Smaller sizes and shorter runs (the smoke test and a quick look); the figures are then indicative only. */
  quick: boolean;
  /** A scratch folder for this suite (generated archives, exports); the runner deletes nothing a suite keeps. */
  workDir: string;
  /** The repository root; suites spawn `bin/paragraf.js` and read the corpus relative to it. */
  repoRoot: string;
  /** Progress on stderr, prefixed with the suite name. */
  log(message: string): void;
}

export type SuiteRun = (ctx: SuiteContext) => Promise<ResultRow[]>;

/** Whether a value meets its goal; no goal → undefined. */
export function meetsGoal(value: number, goal: Goal | undefined): boolean | undefined {
  if (!goal || !Number.isFinite(value)) return goal ? false : undefined;
  return goal.op === '<=' ? value <= goal.target : value >= goal.target;
}

/** Thrown by a suite that cannot run here (a part of Paragraf it measures is not built yet, a tool is missing). */
export class SuiteSkippedError extends Error {
  override name = 'SuiteSkippedError';
}

/**
 * Small statistics for noisy machines: medians and percentiles, never a single time. Times of the tool under test
 * and of its baseline are taken in interleaved passes (A B, B A, A B, …), so load from other processes falls on both,
 * and the reported ratio is the median of the per-pair ratios.
 */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Nearest-rank percentile (p in 0..100) of the values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export interface Interleaved {
  /** Per-pass times (ms) of the subject and the baseline. */
  subject: number[];
  baseline: number[];
  /**
   * subject / baseline per pair of passes (A B then B A): whichever runs first in a pass may pay for the other's
   * leftovers (garbage collection, cache eviction); summing a pass with its mirror cancels that. An odd last pass
   * counts alone.
   */
  ratios: number[];
}

/**
 * Runs `subject` and `baseline` alternately `passes` times (the order flips every pass so neither always runs on a
 * warmer or colder machine) and returns their times and per-pair ratios.
 */
export async function interleave(
  passes: number,
  subject: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<Interleaved> {
  const result: Interleaved = { subject: [], baseline: [], ratios: [] };
  for (let i = 0; i < passes; i++) {
    const [s, b] = i % 2 === 0 ? [await subject(), await baseline()] : swap(await baseline(), await subject());
    result.subject.push(s);
    result.baseline.push(b);
  }
  result.ratios = pairedRatios(result.subject, result.baseline);
  return result;
}

/** Σ subject ÷ Σ baseline over each pair of consecutive passes (see Interleaved.ratios). */
export function pairedRatios(subject: readonly number[], baseline: readonly number[]): number[] {
  const ratios: number[] = [];
  for (let i = 0; i < subject.length; i += 2) {
    const s = subject.slice(i, i + 2).reduce((a, x) => a + x, 0);
    const b = baseline.slice(i, i + 2).reduce((a, x) => a + x, 0);
    ratios.push(s / b);
  }
  return ratios;
}

function swap(b: number, s: number): [number, number] {
  return [s, b];
}

/** Milliseconds taken by `fn`. */
export async function timeMs(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** `digits` significant digits, but never rounds away integer digits (45123 stays 45123). */
export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value) || value === 0) return value;
  const magnitude = Math.floor(Math.log10(Math.abs(value))) + 1;
  return Number(value.toFixed(Math.min(20, Math.max(0, digits - magnitude))));
}

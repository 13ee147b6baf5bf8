import { oneLine } from '../../core/text/whitespace.ts';
import { hostOf } from '../../ports/http-client.ts';
import type { RunRecord } from './harvest-state.ts';

export interface HarvestError {
  host: string;
  url: string;
  /** The error's name, e.g. HttpStatusError, SoftNotFoundError, RobotsDisallowedError. */
  kind: string;
  message: string;
}

export interface DeliveredProtocol {
  meetingKey: string;
  body: string;
  date: string;
  sha256: string;
  sourceUrl: string;
  status: 'new' | 'changed';
}

/** What one harvest of one source did (docs/harvest.md, "Summary"). */
export interface HarvestSummary {
  sourceId: string;
  since: string;
  until: string;
  dryRun: boolean;
  /** Meetings in the date range. */
  meetings: number;
  /** Protocols delivered for meetings that had none before. */
  new: number;
  /** Protocols delivered that replace an earlier one (a correction). */
  changed: number;
  unchanged: number;
  /** Meetings without a protocol (not yet justerad, cancelled, or none published). */
  missing: number;
  /** Dry run only: protocols that a real run would fetch. */
  wouldFetch: number;
  errors: HarvestError[];
  errorsByHost: Record<string, number>;
  /** Configured body names the portal does not list. */
  bodiesNotFound: string[];
  delivered: DeliveredProtocol[];
  /** The bodies could not be listed (or every body failed): nothing was harvested. */
  failed: boolean;
  /** Stopped early (time limit); the next run continues. */
  incomplete: boolean;
  robotsOverride?: string;
}

/** Counts while a harvest runs and turns them into the summary and the state's run record. */
export class HarvestCounter {
  meetings = 0;
  failed = false;
  incomplete = false;
  readonly bodiesNotFound: string[] = [];
  readonly delivered: DeliveredProtocol[] = [];
  private readonly counts = { new: 0, changed: 0, unchanged: 0, missing: 0, wouldFetch: 0 };
  private readonly errors: HarvestError[] = [];

  count(status: 'new' | 'changed' | 'unchanged' | 'missing' | 'error' | 'would-fetch'): void {
    if (status === 'would-fetch') this.counts.wouldFetch++;
    else if (status !== 'error') this.counts[status]++;
  }

  /** Records an error under the host of the URL it names (or of `fallbackUrl`). */
  error(error: unknown, fallbackUrl: string): void {
    const url = typeof (error as { url?: unknown })?.url === 'string' ? (error as { url: string }).url : fallbackUrl;
    const kind = error instanceof Error ? error.name : 'Error';
    const message = oneLine(error instanceof Error ? error.message : String(error), 300);
    this.errors.push({ host: hostOf(url), url, kind, message });
  }

  errorCount(): number {
    return this.errors.length;
  }

  /** Meetings that were checked without an error (whatever they held). */
  checked(): number {
    const { new: added, changed, unchanged, missing, wouldFetch } = this.counts;
    return added + changed + unchanged + missing + wouldFetch;
  }

  errorsByHost(): Record<string, number> {
    const byHost: Record<string, number> = {};
    for (const e of this.errors) byHost[e.host] = (byHost[e.host] ?? 0) + 1;
    return byHost;
  }

  summary(sourceId: string, since: string, until: string, dryRun: boolean, robotsOverride?: string): HarvestSummary {
    return {
      sourceId,
      since,
      until,
      dryRun,
      meetings: this.meetings,
      ...this.counts,
      errors: [...this.errors],
      errorsByHost: this.errorsByHost(),
      bodiesNotFound: [...this.bodiesNotFound],
      delivered: [...this.delivered],
      failed: this.failed,
      incomplete: this.incomplete,
      ...(robotsOverride ? { robotsOverride } : {}),
    };
  }

  runRecord(
    startedAt: Date,
    finishedAt: Date,
    range: { from: string; to: string },
    robotsOverride?: string,
  ): RunRecord {
    const { new: added, changed, unchanged, missing } = this.counts;
    return {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      since: range.from,
      until: range.to,
      counts: { meetings: this.meetings, new: added, changed, unchanged, missing, errors: this.errors.length },
      errorsByHost: this.errorsByHost(),
      ...(robotsOverride ? { robotsOverride } : {}),
      ...(this.incomplete ? { incomplete: true } : {}),
    };
  }
}

import type { SourceDefinition } from '../../core/harvest/source-definition.ts';
import { municipalitySlug, slugify } from '../../core/records/ids.ts';
import { addDays } from '../../core/text/swedish-dates.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { Clock } from '../../ports/clock.ts';
import type { Inbox } from '../../ports/inbox.ts';
import type { PortalBody, PortalConnector, PortalDocument, PortalMeeting } from '../../ports/portal-connector.ts';
import { sha256Hex } from '../../lib/hash.ts';
import { selectBodies } from './body-match.ts';
import { HarvestCounter, type HarvestSummary } from './harvest-summary.ts';
import {
  deliveredHashes,
  readHarvestState,
  writeHarvestState,
  type HarvestState,
  type MeetingState,
} from './harvest-state.ts';
import { HARVEST_INBOX_FOLDER } from '../../store/keys.ts';

export interface HarvestDeps {
  connector: PortalConnector;
  inbox: Inbox;
  /** Where the harvest state lives (the store). */
  store: BlobStore;
  clock: Clock;
  onProgress?: (event: HarvestProgress) => void;
  /** Asked before each meeting; true stops the run early (a Lambda near its time limit). */
  shouldStop?: () => boolean;
  /** Set when an operator overrode robots rules for the source: recorded with the run. */
  robotsOverride?: string;
}

export interface HarvestOptions {
  /** First meeting date to look at (YYYY-MM-DD); default DEFAULT_LOOKBACK_DAYS before today. */
  since?: string;
  /** List and pick, but fetch no document, deliver nothing and write no state. */
  dryRun?: boolean;
}

export type HarvestProgress = {
  sourceId: string;
  body: string;
  date: string;
  status: 'new' | 'changed' | 'unchanged' | 'missing' | 'error' | 'would-fetch';
  detail?: string;
};

/** Live archives keep 12 months to 3 years (PORTALS.md): by default, everything a portal may still hold. */
export const DEFAULT_LOOKBACK_DAYS = 3 * 366;
/**
 * Protocols are corrected, and late ones appear, within weeks of the meeting. A meeting older than this whose
 * protocol is already held (or that was checked and had none) is not asked about again: listing its documents on
 * every run would cost one request per meeting of three years.
 */
export const RECHECK_DAYS = 90;

/**
 * Harvests one source: its configured bodies, their meetings from `since` to today, the full protocol of each.
 * New or changed protocols go to the inbox with their provenance (URL, portal and document id, notice date); the
 * state records what was seen after every delivery, so a run that stops half-way loses nothing. Errors are counted by
 * host and the run goes on with the next meeting; when there were errors and not one meeting could be checked (the
 * portal is down, or changed its shape), the run is `failed`.
 */
export async function harvestSource(
  source: SourceDefinition,
  deps: HarvestDeps,
  options: HarvestOptions = {},
): Promise<HarvestSummary> {
  const startedAt = deps.clock.now();
  const until = startedAt.toISOString().slice(0, 10);
  const since = options.since ?? addDays(until, -DEFAULT_LOOKBACK_DAYS);
  const state = await readHarvestState(deps.store, source.id);
  const run = new Run(source, deps, options.dryRun === true, state, { from: since, to: until });
  await run.all();
  if (!run.dryRun) {
    state.runs.push(
      run.counter.runRecord(startedAt, deps.clock.now(), { from: since, to: until }, deps.robotsOverride),
    );
    await writeHarvestState(deps.store, state);
  }
  return run.counter.summary(source.id, since, until, run.dryRun, deps.robotsOverride);
}

class Run {
  readonly counter = new HarvestCounter();
  private readonly hashes: Set<string>;

  constructor(
    private readonly source: SourceDefinition,
    private readonly deps: HarvestDeps,
    readonly dryRun: boolean,
    private readonly state: HarvestState,
    private readonly range: { from: string; to: string },
  ) {
    this.hashes = deliveredHashes(state);
  }

  async all(): Promise<void> {
    let bodies: PortalBody[];
    try {
      bodies = await this.deps.connector.listBodies();
    } catch (error) {
      this.counter.error(error, this.source.baseUrl);
      this.counter.failed = true;
      return;
    }
    const { selected, notFound } = selectBodies(bodies, this.source.bodies);
    this.counter.bodiesNotFound.push(...notFound);
    for (const body of selected) {
      let meetings: PortalMeeting[];
      try {
        meetings = await this.deps.connector.listMeetings(body, this.range);
      } catch (error) {
        this.counter.error(error, this.source.baseUrl);
        continue;
      }
      for (const meeting of meetings.sort((a, b) => a.date.localeCompare(b.date))) {
        if (this.deps.shouldStop?.()) {
          this.counter.incomplete = true;
          return;
        }
        await this.meeting(meeting);
      }
    }
    // Errors and not one meeting checked: the portal is down or changed; the run failed (and alarms, on AWS).
    if (this.counter.errorCount() > 0 && this.counter.checked() === 0) this.counter.failed = true;
  }

  private async meeting(meeting: PortalMeeting): Promise<void> {
    this.counter.meetings++;
    const now = this.deps.clock.now().toISOString();
    const known = this.state.meetings[meeting.key];
    const entry: MeetingState = known ?? {
      body: meeting.body.name,
      date: meeting.date,
      title: meeting.title,
      firstSeenAt: now,
      lastCheckedAt: now,
    };
    if (known !== undefined && isSettled(known, this.range.to)) {
      this.report(meeting, known.protocol ? 'unchanged' : 'missing', 'settled: not checked again');
      return;
    }
    try {
      await this.check(meeting, entry, now);
    } catch (error) {
      this.counter.error(error, meeting.url ?? this.source.baseUrl);
      this.report(meeting, 'error', error instanceof Error ? error.message : String(error));
    }
  }

  /** Lists the meeting's documents, picks the protocol, and fetches and delivers it unless it was seen before. */
  private async check(meeting: PortalMeeting, entry: MeetingState, now: string): Promise<void> {
    const { connector } = this.deps;
    const listed = await connector.listDocuments(meeting);
    const choice = connector.pickProtocol(listed.documents);
    entry.related = choice.related.map((d) => ({ id: d.id, name: d.name }));
    const doc = choice.protocol;
    if (doc === null) {
      entry.missing = listed.note ?? 'no-protocol';
      this.report(meeting, 'missing', entry.missing);
      return this.commit(meeting, entry, now);
    }
    delete entry.missing;
    const seen = entry.protocol;
    if (seen !== undefined && seen.id === doc.id && (seen.version ?? '') === (doc.version ?? '')) {
      this.report(meeting, 'unchanged');
      return this.commit(meeting, entry, now);
    }
    if (this.dryRun) {
      this.report(meeting, 'would-fetch', doc.name);
      return;
    }
    await this.fetchAndDeliver(meeting, entry, doc, doc.noticeDate ?? listed.noticeDate, now);
    return this.commit(meeting, entry, now, true);
  }

  /** Fetches the protocol; delivers it to the inbox with its provenance unless these bytes were delivered before. */
  private async fetchAndDeliver(
    meeting: PortalMeeting,
    entry: MeetingState,
    doc: PortalDocument,
    noticeDate: string | undefined,
    now: string,
  ): Promise<void> {
    const { connector } = this.deps;
    const fetched = await connector.fetchDocument(doc);
    const sha256 = sha256Hex(fetched.bytes);
    const seen = entry.protocol;
    entry.protocol = {
      id: doc.id,
      name: doc.name,
      url: doc.url,
      ...(doc.version ? { version: doc.version } : {}),
      sha256,
      fetchedAt: now,
      ...(noticeDate ? { noticeDate } : {}),
    };
    if (this.hashes.has(sha256)) {
      // Bytes delivered before (a re-published file under a new id or version): the new id is remembered, nothing delivered.
      this.report(meeting, 'unchanged', 'same bytes as a protocol delivered before');
      return;
    }
    await this.deps.inbox.deliver({
      path: this.inboxPath(meeting, sha256, fetched.mediaType),
      bytes: fetched.bytes,
      mediaType: fetched.mediaType,
      provenance: {
        sourceUrl: doc.url,
        portal: connector.system,
        portalDocumentId: doc.id.slice(0, 200),
        ...(noticeDate ? { noticeDate } : {}),
      },
    });
    this.hashes.add(sha256);
    if (seen !== undefined) entry.previous = [...(entry.previous ?? []), seen];
    const status = seen === undefined ? 'new' : 'changed';
    this.counter.delivered.push({
      meetingKey: meeting.key,
      body: meeting.body.name,
      date: meeting.date,
      sha256,
      sourceUrl: doc.url,
      status,
    });
    this.report(meeting, status, doc.name);
  }

  /**
   * Keeps the meeting's state; after a fetch it is written at once, so a run that stops half-way never fetches or
   * delivers that protocol again. Everything else is written with the run's record at the end.
   */
  private async commit(meeting: PortalMeeting, entry: MeetingState, now: string, persist = false): Promise<void> {
    entry.lastCheckedAt = now;
    this.state.meetings[meeting.key] = entry;
    if (persist && !this.dryRun) await writeHarvestState(this.deps.store, this.state);
  }

  /**
   * `harvest/<source>/<municipality>-<body>-<date>-<sha8>.pdf`: only ids and a hash, never the portal's file name,
   * and in the house naming convention, so ingest gets municipality, body and date as hints from the name.
   */
  private inboxPath(meeting: PortalMeeting, sha256: string, mediaType: string): string {
    const body = slugify(meeting.body.name) || 'organ';
    const ext = mediaType === 'application/pdf' ? 'pdf' : 'txt';
    return `${HARVEST_INBOX_FOLDER}${this.source.id}/${municipalitySlug(this.source.municipality)}-${body}-${meeting.date}-${sha256.slice(0, 8)}.${ext}`;
  }

  private report(meeting: PortalMeeting, status: HarvestProgress['status'], detail?: string): void {
    this.counter.count(status);
    this.deps.onProgress?.({
      sourceId: this.source.id,
      body: meeting.body.name,
      date: meeting.date,
      status,
      ...(detail ? { detail } : {}),
    });
  }
}

/** Checked before, older than the recheck window, and either holding its protocol or confirmed to have none. */
function isSettled(known: MeetingState, today: string): boolean {
  return known.date < addDays(today, -RECHECK_DAYS) && (known.protocol !== undefined || known.missing !== undefined);
}

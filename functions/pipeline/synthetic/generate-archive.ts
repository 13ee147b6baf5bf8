import type { BlobStore } from '../../ports/blob-store.ts';
import { buildMeetingProtocol } from './meeting.ts';
import { planMeetings, type PlanOptions } from './plan.ts';
import { writeProtocol } from './write-protocol.ts';

export interface GenerateOptions extends Partial<Omit<PlanOptions, 'meetings'>> {
  meetings: number;
  /** Called after every meeting written. */
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateSummary {
  meetings: number;
  paragraphs: number;
  held: number;
  units: number;
  municipalities: number;
  seed: number;
}

export const DEFAULT_SEED = 20261127;

/**
 * Builds a synthetic archive straight into a store: for each planned meeting, a protocol from the templates, stored
 * the way ingest stores it (privacy gate, meeting record, review entries, pending marker). Deterministic: the same
 * options give the same records, byte for byte. The ingest time of a meeting is a week after it, so pending markers
 * sort like a real year of uploads.
 */
export async function generateArchive(store: BlobStore, options: GenerateOptions): Promise<GenerateSummary> {
  const seed = options.seed ?? DEFAULT_SEED;
  const plan = { meetings: options.meetings, seed, fromYear: options.fromYear ?? 2019, toYear: options.toYear ?? 2026 };
  const summary: GenerateSummary = { meetings: 0, paragraphs: 0, held: 0, units: 0, municipalities: 0, seed };
  const units = new Set<string>();
  const municipalities = new Set<string>();
  for (const spec of planMeetings(plan)) {
    const protocol = buildMeetingProtocol(spec, seed);
    const at = new Date(`${spec.date}T09:00:00Z`);
    at.setUTCDate(at.getUTCDate() + 7);
    const { record } = await writeProtocol(store, protocol, {
      at,
      sha256: protocol.meeting.source.sha256,
      fileName: protocol.meeting.source.fileName,
    });
    summary.meetings++;
    summary.paragraphs += protocol.paragraphs.length;
    summary.held += record.held.length;
    units.add(`${record.municipalitySlug}/${record.bodySlug}/${record.year}`);
    municipalities.add(record.municipalitySlug);
    options.onProgress?.(summary.meetings, plan.meetings);
  }
  return { ...summary, units: units.size, municipalities: municipalities.size };
}

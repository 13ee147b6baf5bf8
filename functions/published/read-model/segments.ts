/**
 * The segments of a version's § index (docs/read-model.md, "Segments"): a base file and delta files, each an index
 * file of its own; a delta lists the unit folders of the segments before it that are no longer published. A unit of
 * a segment is live unless a later segment supersedes its folder (folders are content-addressed, so a changed unit
 * has a new folder and the old one is superseded).
 */
import type { ReadModelDelta, ReadModelEntry } from '../manifest.ts';
import type { ParagraphIndex } from './paragraph-index.ts';

/** One segment's file as the manifest lists it (the base as a delta that supersedes nothing). */
export type SegmentFile = ReadModelDelta;

/** A loaded segment and the folders it supersedes in the segments before it. */
export interface LoadedSegment {
  index: ParagraphIndex;
  supersedes: ReadonlySet<string>;
}

/** Segments, oldest (the base) first. The base supersedes nothing. */
export function segmentFiles(entry: ReadModelEntry): SegmentFile[] {
  const { sequence, bytes, sha256, mediaType, parts } = entry;
  const base = { sequence, bytes, sha256, mediaType, parts, paragraphs: entry.paragraphs ?? -1, supersedes: [] };
  return [base, ...(entry.deltas ?? [])];
}

/** The version a listing is complete for: its last segment's. */
export function listingSequence(entry: ReadModelEntry): number {
  return entry.deltas?.at(-1)?.sequence ?? entry.sequence;
}

/** Every file (part) a listing names, relative to public/. */
export function readModelPaths(entry: ReadModelEntry | undefined): string[] {
  return entry ? segmentFiles(entry).flatMap((s) => s.parts.map((p) => p.path)) : [];
}

/**
 * Per segment, the folders that later segments supersede: a unit of segment i is live unless its folder is in
 * `dead[i]`. (A folder superseded and then published again lives only in the later segment.)
 */
export function supersededAfter(segments: ReadonlyArray<{ supersedes: Iterable<string> }>): Array<Set<string>> {
  const dead = segments.map(() => new Set<string>());
  for (let i = segments.length - 2; i >= 0; i--) {
    for (const d of dead[i + 1]!) dead[i]!.add(d);
    for (const d of segments[i + 1]!.supersedes) dead[i]!.add(d);
  }
  return dead;
}

import { sha256Hex } from '../../lib/hash.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { FileEntry, PublicManifest, ReadModelDelta, ReadModelEntry } from '../../published/manifest.ts';
import { readModelPartPath } from '../../published/paths.ts';
import { exists, fileEntry, putFile } from '../../published/public-store.ts';
import {
  decodeIndex,
  encodeIndex,
  INDEX_FILE_FORMAT,
  isCurrentIndexFile,
} from '../../published/read-model/index-file.ts';
import { TERMS_ID } from '../../core/search/tokenize.ts';
import { INDEX_PART_BYTES, indexManifest, readIndexBytes } from '../../published/read-model/load-published.ts';
import type { ParagraphIndex } from '../../published/read-model/paragraph-index.ts';
import { listingSequence, segmentFiles, supersededAfter } from '../../published/read-model/segments.ts';
import { buildSegment, type SegmentSource, unitChanges } from './read-model-segment.ts';

const MEDIA_TYPE = 'application/octet-stream';

/** The base is rewritten when the deltas together hold more § than this share of it (docs/read-model.md). */
export const BASE_REWRITE_SHARE = 0.1;
/** … or when there would be more delta segments than this. */
export const MAX_DELTAS = 12;

export interface ReadModelPolicy {
  /** Rewrite the base when the deltas together hold more § than this share of it (default BASE_REWRITE_SHARE). */
  rewriteShare?: number;
  /** Fold deltas together so that there are never more than this many (default MAX_DELTAS). */
  maxDeltas?: number;
}

export interface WriteReadModelOptions extends ReadModelPolicy {
  /** Rewrite every segment into one base: an erasure must leave no segment holding an erased §. */
  compact?: boolean;
}

/**
 * Writes the § index of the draft version (docs/read-model.md, "Segments") so that its cost follows the change, not
 * the archive: the units rebuilt since the current version go into a new delta segment, merged with the last deltas
 * while those are no bigger (so every § is copied O(log n) times), and listed with the folders they supersede. The
 * base is rewritten only when the deltas outgrow BASE_REWRITE_SHARE of it, when asked (an erasure), or when the current
 * version has no usable listing (then built from the unit files). Files are content-addressed: the same state is
 * written once.
 */
export async function writeReadModel(
  store: BlobStore,
  draft: PublicManifest,
  current: PublicManifest | null,
  options: WriteReadModelOptions = {},
): Promise<ReadModelEntry> {
  const listing = current !== null && usable(current) ? current.readModel! : null;
  if (listing === null) return baseEntry(store, await indexManifest(store, draft), draft.sequence);
  const changes = await unitChanges(store, current!, draft);
  const files = segmentFiles(listing);
  if (changes.added.length === 0 && changes.removed.length === 0 && !options.compact) {
    // Nothing to index: the same segments describe the new version.
    const deltas = listing.deltas ?? [];
    if (deltas.length === 0) return { ...listing, sequence: draft.sequence };
    return { ...listing, deltas: [...deltas.slice(0, -1), { ...deltas.at(-1)!, sequence: draft.sequence }] };
  }
  const added = changes.added.reduce((n, u) => n + u.unit.paragraphs, 0);
  const dead = supersededAfter([...files, { supersedes: changes.removed }]);
  // files[from..] are merged with the change: the last deltas while they are no bigger than what is merged so far.
  let from = files.length;
  let merged = added;
  while (from > 1 && (files[from - 1]!.paragraphs <= merged || from > (options.maxDeltas ?? MAX_DELTAS)))
    merged += files[--from]!.paragraphs;
  const kept = files.slice(1, from).reduce((n, f) => n + f.paragraphs, 0);
  const baseParagraphs = listing.paragraphs ?? current!.totals.paragraphs;
  if (options.compact === true || kept + merged > (options.rewriteShare ?? BASE_REWRITE_SHARE) * baseParagraphs)
    from = 0;
  const sources: SegmentSource[] = [];
  try {
    for (let i = from; i < files.length; i++) {
      sources.push({ index: decodeIndex(await readIndexBytes(store, { ...listing, ...files[i]! })), dead: dead[i]! });
    }
  } catch {
    // A missing or damaged segment only costs time: the index is then built from every unit file.
    return baseEntry(store, await indexManifest(store, draft), draft.sequence);
  }
  const index = await buildSegment(store, sources, changes.added);
  if (from === 0) return baseEntry(store, index, draft.sequence);
  const delta: ReadModelDelta = {
    ...(await writeFile(store, index)),
    sequence: draft.sequence,
    paragraphs: index.size,
    supersedes: [...new Set([...files.slice(from).flatMap((f) => f.supersedes), ...changes.removed])].sort(),
  };
  return { ...listing, deltas: [...(listing.deltas ?? []).slice(0, from - 1), delta] };
}

/** Whether a version lacks an index listing this code would use (none yet, an older format, other search terms). */
export function needsReadModel(manifest: PublicManifest | null): boolean {
  return manifest !== null && !usable(manifest);
}

function usable(manifest: PublicManifest): boolean {
  return isCurrentIndexFile(manifest.readModel) && listingSequence(manifest.readModel!) === manifest.sequence;
}

async function baseEntry(store: BlobStore, index: ParagraphIndex, sequence: number): Promise<ReadModelEntry> {
  return {
    ...(await writeFile(store, index)),
    format: INDEX_FILE_FORMAT,
    terms: TERMS_ID,
    sequence,
    paragraphs: index.size,
  };
}

/** The index as one content-addressed file in parts of INDEX_PART_BYTES. */
async function writeFile(
  store: BlobStore,
  index: ParagraphIndex,
): Promise<{ bytes: number; sha256: string; mediaType: string; parts: FileEntry[] }> {
  const bytes = encodeIndex(index.parts);
  const sha256 = sha256Hex(bytes);
  const parts: FileEntry[] = [];
  for (let at = 0, n = 0; at < bytes.length || n === 0; at += INDEX_PART_BYTES, n++) {
    const path = readModelPartPath(sha256.slice(0, 16), n);
    const part = bytes.subarray(at, Math.min(bytes.length, at + INDEX_PART_BYTES));
    parts.push(
      (await exists(store, path)) ? fileEntry(path, part, MEDIA_TYPE) : await putFile(store, path, part, MEDIA_TYPE),
    );
  }
  return { bytes: bytes.length, sha256, mediaType: MEDIA_TYPE, parts };
}

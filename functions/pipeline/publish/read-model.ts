import { sha256Hex } from '../../lib/hash.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import type { FileEntry, PublicManifest, ReadModelEntry } from '../../published/manifest.ts';
import { readModelPartPath } from '../../published/paths.ts';
import { exists, fileEntry, putFile } from '../../published/public-store.ts';
import {
  decodeIndex,
  encodeIndex,
  INDEX_FILE_FORMAT,
  isCurrentIndexFile,
} from '../../published/read-model/index-file.ts';
import { TERMS_ID } from '../../core/search/tokenize.ts';
import {
  INDEX_PART_BYTES,
  indexManifest,
  readIndexBytes,
  type EarlierIndex,
} from '../../published/read-model/load-published.ts';

const MEDIA_TYPE = 'application/octet-stream';

/**
 * Writes the § index of the draft version as one file (docs/read-model.md), so that API instances load it with one
 * request instead of reading every unit's files. Built from the previous version's index file when there is a usable
 * one: unchanged municipalities and units are copied from it, only rebuilt units are read. Content-addressed, so the
 * same state is written once.
 */
export async function writeReadModel(
  store: BlobStore,
  draft: PublicManifest,
  current: PublicManifest | null,
): Promise<ReadModelEntry> {
  const earlier = await earlierIndex(store, current);
  const index = await indexManifest(store, draft, earlier);
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
  return {
    bytes: bytes.length,
    sha256,
    mediaType: MEDIA_TYPE,
    parts,
    format: INDEX_FILE_FORMAT,
    terms: TERMS_ID,
    sequence: draft.sequence,
  };
}

/** Whether a version lacks an index file this code would use (none yet, an older format, other search terms). */
export function needsReadModel(manifest: PublicManifest | null): boolean {
  return manifest !== null && !usable(manifest);
}

async function earlierIndex(store: BlobStore, current: PublicManifest | null): Promise<EarlierIndex | undefined> {
  if (current === null || !usable(current)) return undefined;
  // A missing or damaged earlier index only costs time: the new one is then built from the unit files.
  try {
    return { manifest: current, index: decodeIndex(await readIndexBytes(store, current.readModel!)) };
  } catch {
    return undefined;
  }
}

function usable(manifest: PublicManifest): boolean {
  return isCurrentIndexFile(manifest.readModel) && manifest.readModel!.sequence === manifest.sequence;
}

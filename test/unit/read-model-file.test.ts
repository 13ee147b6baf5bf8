import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { generateArchive } from '../../functions/pipeline/synthetic/generate-archive.ts';
import type { PublicManifest } from '../../functions/published/manifest.ts';
import { publicKey } from '../../functions/published/paths.ts';
import { jsonBytes, readManifest } from '../../functions/published/public-store.ts';
import { TERMS_ID } from '../../functions/core/search/tokenize.ts';
import {
  decodeIndex,
  encodeIndex,
  INDEX_FILE_FORMAT,
  IndexFileError,
} from '../../functions/published/read-model/index-file.ts';
import { whenComplete } from '../../functions/published/read-model/lazy-index.ts';
import { indexManifest, loadPublished, readIndexBytes } from '../../functions/published/read-model/load-published.ts';
import { newClock, publish } from './publish-support.ts';

/**
 * The publisher writes the § index as one file per version (published/read-model/index-file.ts); an API instance
 * loads it instead of every unit's files. The file must hold exactly the index that reading the unit files builds.
 */
async function published(meetings: number, store = new MemoryBlobStore(), clock = newClock()) {
  await generateArchive(store, { meetings, seed: 11 });
  await publish(store, clock);
  const manifest = (await readManifest(store))!;
  return { store, clock, manifest };
}

async function storedIndex(store: MemoryBlobStore, manifest: PublicManifest): Promise<Uint8Array> {
  return readIndexBytes(store, manifest.readModel!);
}

describe('the published index file', () => {
  it('is listed in the manifest with its size, hash, format and terms, and holds what the unit files give', async () => {
    const { store, manifest } = await published(60);
    expect(manifest.readModel).toMatchObject({
      format: INDEX_FILE_FORMAT,
      terms: TERMS_ID,
      sequence: manifest.sequence,
      mediaType: 'application/octet-stream',
    });
    const bytes = await storedIndex(store, manifest);
    expect(bytes.length).toBe(manifest.readModel!.bytes);
    const fromUnits = await indexManifest(store, manifest);
    expect(fromUnits.size).toBe(manifest.totals.paragraphs);
    expect(Buffer.compare(Buffer.from(encodeIndex(fromUnits.parts)), Buffer.from(bytes))).toBe(0);
  });

  it('decodes to an index that answers as the built one does, and encodes back to the same bytes', async () => {
    const { store, manifest } = await published(40);
    const bytes = await storedIndex(store, manifest);
    const loaded = await loadPublished(store);
    expect(loaded.from).toBe('index-file');
    const built = await indexManifest(store, manifest);
    const index = loaded.index;
    await whenComplete(index);
    expect(index.size).toBe(built.size);
    expect(index.municipalities()).toEqual(built.municipalities());
    expect(index.bodies()).toEqual(built.bodies());
    for (let d = 0; d < index.size; d += 7) {
      expect(index.paragraph(d)).toEqual(built.paragraph(d));
      expect(index.paragraphIndex(index.paragraphId(d))).toBe(d);
      const word = index
        .paragraph(d)
        .title.toLowerCase()
        .split(/\s+/u)
        .find((w) => w.length > 4);
      if (word) expect([...index.parts.text.postingsOf(word)]).toEqual([...built.parts.text.postingsOf(word)]);
    }
    await whenComplete(index);
    expect(Buffer.compare(Buffer.from(encodeIndex(index.parts)), Buffer.from(bytes))).toBe(0);
    expect(Buffer.compare(Buffer.from(encodeIndex(decodeIndex(bytes).parts)), Buffer.from(bytes))).toBe(0);
  });

  it('after an incremental publish, copied from the previous file where units did not change, equals a full build', async () => {
    const reads: string[] = [];
    const failOn = (op: string, key: string): boolean => {
      if (op === 'get' && key.endsWith('/paragraphs.ndjson')) reads.push(key);
      return false;
    };
    const store = new MemoryBlobStore({ failOn });
    const { clock, manifest: first } = await published(50, store);
    await generateArchive(store, { meetings: 90, seed: 11 }); // the first 50 again (unchanged) and 40 more
    reads.length = 0;
    const summary = await publish(store, clock, { autoDumpParagraphs: 0 }); // no dump: it would read every unit

    const second = (await readManifest(store))!;
    expect(second.sequence).toBe(first.sequence + 1);
    // Only the units the publish rebuilt were read back for the index; the others were copied from the first file.
    expect(summary.units.rebuilt).toBeLessThan(second.totals.units);
    expect(reads.length).toBe(summary.units.rebuilt);
    expect(second.readModel!.sha256).not.toBe(first.readModel!.sha256);
    const full = encodeIndex((await indexManifest(store, second)).parts);
    expect(Buffer.compare(Buffer.from(full), Buffer.from(await storedIndex(store, second)))).toBe(0);
  });

  it('is written by the next publish for a version that has none, even with nothing else to do', async () => {
    const { store, clock, manifest } = await published(20);
    const older = { ...manifest };
    delete older.readModel;
    await store.put(publicKey('manifest.json'), jsonBytes(older));
    expect((await loadPublished(store)).from).toBe('unit-files');
    const summary = await publish(store, clock);
    expect(summary.changed).toBe(true);
    const next = (await readManifest(store))!;
    expect(next.readModel?.sequence).toBe(next.sequence);
    expect((await loadPublished(store)).from).toBe('index-file');
  });

  it('is not used when built with other search terms or for another version: the unit files are read instead', async () => {
    const { store, manifest } = await published(20);
    for (const readModel of [
      { ...manifest.readModel!, terms: 'other-stemmer' },
      { ...manifest.readModel!, sequence: manifest.sequence - 1 },
    ]) {
      await store.put(publicKey('manifest.json'), jsonBytes({ ...manifest, readModel }));
      const loaded = await loadPublished(store);
      expect(loaded.from).toBe('unit-files');
      expect(loaded.index.size).toBe(manifest.totals.paragraphs);
    }
  });

  it('refuses bytes that are not an index file, or that are cut short', async () => {
    const { store, manifest } = await published(10);
    const bytes = await storedIndex(store, manifest);
    expect(() => decodeIndex(new TextEncoder().encode('{"not":"an index"}'))).toThrow(IndexFileError);
    expect(() => decodeIndex(bytes.subarray(0, bytes.length - 64))).toThrow(IndexFileError);
    await store.put(publicKey(manifest.readModel!.parts[0]!.path), bytes.subarray(0, 100));
    await expect(loadPublished(store)).rejects.toThrow(/shorter than the manifest says/u);
  });

  it('is read from its parts, fetched in parallel and joined in order', async () => {
    const { store, manifest } = await published(10);
    const whole = await storedIndex(store, manifest);
    expect(manifest.readModel!.parts.map((p) => p.path)).toEqual([
      expect.stringMatching(/^read-model\/[0-9a-f]{16}\/paragraphs\.idx\.000$/u),
    ]);
    const cuts = [0, 1000, 1001, 50_000, whole.length];
    const parts = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const path = `read-model/0123456789abcdef/paragraphs.idx.00${i}`;
      await store.put(publicKey(path), whole.subarray(cuts[i]!, cuts[i + 1]!));
      parts.push({ path, bytes: cuts[i + 1]! - cuts[i]!, sha256: '', mediaType: 'application/octet-stream' });
    }
    const joined = await readIndexBytes(store, { ...manifest.readModel!, parts });
    expect(Buffer.compare(Buffer.from(joined), Buffer.from(whole))).toBe(0);
    await expect(readIndexBytes(store, { ...manifest.readModel!, parts: parts.slice(1) })).rejects.toThrow(
      /do not add up|bytes/u,
    );
  });

  it('loads from a buffer at any byte offset (a store may hand back a view into a larger buffer)', async () => {
    const { store, manifest } = await published(10);
    const bytes = await storedIndex(store, manifest);
    const shifted = new Uint8Array(bytes.length + 3);
    shifted.set(bytes, 3);
    expect(decodeIndex(shifted.subarray(3)).size).toBe(manifest.totals.paragraphs);
  });
});

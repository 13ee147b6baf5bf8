import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createApp } from '../../functions/api/create-app.ts';
import { queryParagraphs } from '../../functions/api/read-model/query.ts';
import { generateArchive } from '../../functions/pipeline/synthetic/generate-archive.ts';
import { readManifest } from '../../functions/published/public-store.ts';
import { decodeIndex, encodeIndex, readIndexHeader } from '../../functions/published/read-model/index-file.ts';
import {
  IndexPartPendingError,
  openIndexLazily,
  type RangeReader,
  whenComplete,
} from '../../functions/published/read-model/lazy-index.ts';
import { readIndexBytes } from '../../functions/published/read-model/load-published.ts';
import type { ParagraphIndex } from '../../functions/published/read-model/paragraph-index.ts';
import { pendingOf } from '../support/pending-part.ts';
import { newClock, publish } from './publish-support.ts';

/**
 * An index file opened lazily (published/read-model/lazy-index.ts): usable once its hot sections are in; every other
 * part is read later, and reading one that is not in yet throws IndexPartPendingError instead of answering wrong.
 * The readers here hold back every read past the hot sections until the test lets them go, so nothing depends on
 * how fast anything runs.
 */
async function publishedStore(meetings: number) {
  const store = new MemoryBlobStore();
  await generateArchive(store, { meetings, seed: 5 });
  await publish(store, newClock());
  const manifest = (await readManifest(store))!;
  return { store, manifest, bytes: await readIndexBytes(store, manifest.readModel!) };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { opened, open };
}

/** A reader over `bytes` that holds back reads past the hot sections until `open()`; `failNext` fails one. */
function heldReader(bytes: Uint8Array) {
  const { hotBytes } = readIndexHeader(bytes);
  const held = gate();
  let failNext = false;
  const reader: RangeReader = {
    size: bytes.length,
    async read(start, end) {
      if (start >= hotBytes) {
        await held.opened;
        if (failNext) {
          failNext = false;
          throw new Error('injected read failure');
        }
      }
      return bytes.slice(start, end);
    },
  };
  return { reader, open: held.open, failOnce: () => (failNext = true) };
}

describe('an index file opened lazily', () => {
  it('answers lists and § ids from its hot sections alone, and waits for the rest', async () => {
    const { bytes } = await publishedStore(30);
    const full = decodeIndex(bytes);
    const { reader, open } = heldReader(bytes);
    // Resolves while every read past the hot sections would be held back.
    const index: ParagraphIndex = await openIndexLazily(reader);
    expect(index.size).toBe(full.size);
    const page = { sort: '-date', limit: 5 } as const;
    expect(queryParagraphs(index, {}, page)).toEqual(queryParagraphs(full, {}, page));
    const municipality = full.parts.municipalities[1]!.slug;
    expect(pendingOf(() => queryParagraphs(index, { municipality }, page)).part).toBe('partitions');
    for (let d = 0; d < full.size; d += 11) {
      expect(index.paragraphId(d)).toBe(full.paragraphId(d));
      expect(index.paragraphIndex(full.paragraphId(d))).toBe(d);
    }
    expect(index.meeting(3)).toEqual(full.meeting(3));
    expect(index.unitOfMeeting(3).modified).toBe(full.unitOfMeeting(3).modified);

    const strings = pendingOf(() => index.paragraph(0));
    expect(strings.part).toBe('strings');
    expect(pendingOf(() => index.parts.text).part).toBe('text');
    expect(pendingOf(() => index.docsWithCase('KS 2024/1')).part).toBe('cases');
    expect(pendingOf(() => index.parts.units[0]!.files).part).toBe('units.files');
    expect(pendingOf(() => index.parts.meetings.file[0]).part).toBe('meetings.file');

    open();
    await strings.ready;
    expect(index.paragraph(0)).toEqual(full.paragraph(0));
    await whenComplete(index);
    expect(queryParagraphs(index, { municipality }, page)).toEqual(queryParagraphs(full, { municipality }, page));
    expect(index.municipalities()).toEqual(full.municipalities());
    for (let d = 0; d < full.size; d += 7)
      expect(index.itemJson(d, 'https://x.se')).toBe(full.itemJson(d, 'https://x.se'));
    expect(index.parts.units.map((u) => u.files)).toEqual(full.parts.units.map((u) => u.files));
    expect(Buffer.compare(Buffer.from(encodeIndex(index.parts)), Buffer.from(bytes))).toBe(0);
  });

  it('a part whose read fails is read again when it is needed next', async () => {
    const { bytes } = await publishedStore(10);
    const { reader, open, failOnce } = heldReader(bytes);
    const index = await openIndexLazily(reader, { onError: () => undefined });
    failOnce();
    const first = pendingOf(() => index.parts.text);
    open();
    // Whichever of the text and the background reads met the failure, asking again ends with the part in.
    await first.ready.catch(() => undefined);
    await whenComplete(index);
    for (let tries = 0; tries < 3; tries++) {
      try {
        expect(index.parts.text.documents).toBe(index.size);
        break;
      } catch (error) {
        if (!(error instanceof IndexPartPendingError)) throw error;
        await error.ready;
      }
    }
    expect(index.parts.text.documents).toBe(index.size);
  });
});

describe('the API over a lazily opened index', () => {
  it('answers a request that needs a part still being read once it is in, as it answers later', async () => {
    const { store, manifest, bytes } = await publishedStore(30);
    const { hotBytes } = readIndexHeader(bytes);
    const part = `public/${manifest.readModel!.parts[0]!.path}`;
    const held = gate();
    const reached = gate();
    const getRange = store.getRange.bind(store);
    store.getRange = async (key, start, end) => {
      if (key === part && start >= hotBytes) {
        reached.open();
        await held.opened;
      }
      return getRange(key, start, end);
    };
    const app = createApp({ store, responseCacheBytes: 0 });
    const urls = ['/v1/paragraphs?limit=3', '/v1/paragraphs?q=beslut&limit=3', '/v1/datasets'];
    const early = urls.map((url) => Promise.resolve(app.request(url)));
    await reached.opened;
    // The memory store answers without I/O: once the microtasks have run, every request waits for a held part.
    const settled = early.map(() => false);
    early.forEach((p, i) => void p.then(() => (settled[i] = true)));
    await new Promise((r) => setImmediate(r));
    expect(settled).toEqual([false, false, false]);
    held.open();
    const answers = await Promise.all(early);
    const later = await Promise.all(urls.map((url) => app.request(url)));
    for (let i = 0; i < urls.length; i++) {
      expect(answers[i]!.status).toBe(200);
      expect(await answers[i]!.text()).toBe(await later[i]!.text());
    }
  });

  it('a part that cannot be read is a 503 for the request that needs it, and is tried again by the next', async () => {
    const { store, manifest, bytes } = await publishedStore(10);
    const { hotBytes } = readIndexHeader(bytes);
    const part = `public/${manifest.readModel!.parts[0]!.path}`;
    let failing = true;
    const getRange = store.getRange.bind(store);
    store.getRange = async (key, start, end) => {
      if (key === part && start >= hotBytes && failing) throw new Error('S3 is down');
      return getRange(key, start, end);
    };
    const errors: unknown[] = [];
    const app = createApp({ store, responseCacheBytes: 0, logError: (e) => errors.push(e) });
    const down = await app.request('/v1/paragraphs?limit=1');
    expect(down.status).toBe(503);
    expect(down.headers.get('Content-Type')).toMatch(/problem\+json/u);
    failing = false;
    const up = await app.request('/v1/paragraphs?limit=1');
    expect(up.status).toBe(200);
    expect(((await up.json()) as { items: unknown[] }).items).toHaveLength(1);
  });
});

import { describe, expect, it } from 'vitest';
import { search } from '../../functions/api/read-model/query.ts';
import { composeSegments } from '../../functions/api/read-model/segments.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import { readManifest } from '../../functions/published/public-store.ts';
import { whenComplete } from '../../functions/published/read-model/lazy-index.ts';
import { loadPublished } from '../../functions/published/read-model/load-published.ts';
import type { ParagraphIndex } from '../../functions/published/read-model/paragraph-index.ts';
import { pendingOf } from '../support/pending-part.ts';
import { ingest, memoryStore, newClock, protocol, publish } from './publish-support.ts';

/**
 * A base and a delta composed lazily (api/read-model/segments.ts): the composition needs only each segment's hot
 * parts, so a start with deltas listed answers as soon as those are in. The store here holds back every read that
 * does not start at a file's first byte (the header and hot sections do) until the test lets it go, so nothing
 * depends on how fast anything runs.
 */
function holding(store: BlobStore) {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  const held: BlobStore = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'getRange')
        return async (key: string, start: number, end: number) => {
          if (key.startsWith('public/read-model/') && start > 0) await opened;
          return target.getRange!(key, start, end);
        };
      const value = Reflect.get(target, prop, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { held, open };
}

async function baseAndDelta() {
  const store = memoryStore();
  const clock = newClock();
  for (const date of ['2025-01-13', '2025-02-10', '2025-03-10'])
    await ingest(store, protocol('Testby', 'Kommunstyrelsen', date, [{}, {}, {}]), clock);
  await ingest(store, protocol('Annanby', 'Kommunfullmäktige', '2025-02-24', [{}, {}]), clock);
  await publish(store, clock, { autoDumpParagraphs: 0 });
  await ingest(store, protocol('Testby', 'Kommunstyrelsen', '2025-06-09', [{ title: 'Ärende om badhus' }]), clock);
  await publish(store, clock, { autoDumpParagraphs: 0, readModel: { rewriteShare: 1 } });
  expect((await readManifest(store))!.readModel!.deltas).toHaveLength(1);
  return store;
}

describe('a base and a delta composed lazily', () => {
  it('composes from the hot parts alone and answers the cold ones once they are in, as a full read does', async () => {
    const store = await baseAndDelta();
    const full = (await loadPublished(store, { compose: composeSegments })).index;
    await whenComplete(full);
    const { held, open } = holding(store);
    // Resolves while every cold read is held back.
    const { index, from } = await loadPublished(held, { compose: composeSegments });
    expect(from).toBe('index-file');
    expect(index.size).toBe(full.size);
    for (let d = 0; d < full.size; d++) expect(index.paragraphId(d)).toBe(full.paragraphId(d));

    const strings = pendingOf(() => index.paragraph(0));
    expect(strings.part).toBe('strings');
    expect(pendingOf(() => index.parts.meetings.file[0]).part).toBe('meetings.file');
    expect(pendingOf(() => index.docsWithCase('KS 2025/1')).part).toBe('cases');
    expect(pendingOf(() => search(index, 'badhus')).part).toBe('text');

    open();
    await whenComplete(index);
    expect(everything(index)).toEqual(everything(full));
    expect(search(index, 'badhus')).toHaveLength(1);
  });
});

function everything(index: ParagraphIndex) {
  return {
    items: Array.from({ length: index.size }, (_, d) => index.itemJson(d, 'https://x.se')),
    files: [...index.parts.meetings.file],
    cases: index.docsWithCase('KS 2025/1'),
    references: { hashes: [...index.parts.references.hashes], docs: [...index.parts.references.docs] },
  };
}

import { describe, expect, it } from 'vitest';
import { parseProtocol } from '../../functions/core/parse/parse-protocol.ts';
import { mergeTemplates } from '../../functions/core/parse/template-profile.ts';
import type { PageText, Protocol } from '../../functions/core/records/types.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { ingestDocument } from '../../functions/pipeline/ingest-document.ts';
import { inboxTemplates, ingestStoreInbox, StoreInbox } from '../../functions/pipeline/store-inbox.ts';
import {
  combineSources,
  parseWithTemplate,
  StoreTemplateSource,
  TemplateBook,
} from '../../functions/pipeline/template-learning.ts';

/**
 * Batch learning: a body's protocols share a template, so what the others show is a prior for each. The synthetic
 * "Miljönämnden" template prints a page header in a shape no rule knows ("Miljönämnden | Sammanträde … | blad N").
 * A four-page protocol shows it on every page, so repetition finds it; a two-page one is too short to show it,
 * and without the prior its header ends up in a list. With the batch (or the store) it does not.
 */
const source = (pages: number) => ({ fileName: 'x.txt', sha256: '0'.repeat(64), pages, mediaType: 'text/plain' });
const header = (date: string, page: number) => `Miljönämnden | Sammanträde ${date} | blad ${page}\nAlingsås kommun`;

const firstLine = (text: string) => text.slice(0, text.indexOf('\n'));

function protocol(date: string, pageCount: number, first: number): PageText[] {
  const pages: PageText[] = [];
  for (let p = 1; p <= pageCount; p += 1) {
    const n = first + p - 1;
    const body =
      p === pageCount - 1 && pageCount === 2
        ? `§ ${n} 2024.${n} MN\nTillsyn av förskolor\nBeslut\nRapporten godkänns.\nExpedieras till\nBygg- och miljöförvaltningen`
        : `§ ${n} 2024.${n} MN\nÄrende nummer ${n}\nÄrendebeskrivning\nEn beskrivning av ärendet.\nBeslut\nFörslaget godkänns.`;
    pages.push({ number: p, text: `${header(date, p)}\n${body}` });
  }
  if (pageCount === 2)
    pages[1] = {
      number: 2,
      // One header line on this page: two pages prove a block of two lines or more alone (page-furniture.ts), so
      // this line is furniture only to a reader that knows the template.
      text: `${firstLine(header(date, 2))}\nKommunstyrelsen\n§ ${first + 1} 2024.${first + 1} MN\nÄrende\nBeslut\nGodkänns.`,
    };
  return pages;
}

const parse = (pages: PageText[], date: string): Protocol =>
  parseProtocol({
    pages,
    source: source(pages.length),
    hints: { municipality: 'Alingsås', body: 'Miljönämnden', date },
  });

describe('template learning', () => {
  const batch = [protocol('2024-01-10', 4, 1), protocol('2024-02-14', 4, 5), protocol('2024-03-13', 4, 9)];
  const short = protocol('2024-04-10', 2, 13);

  it('a protocol long enough learns its own page header as furniture', () => {
    const p = parse(batch[0] as PageText[], '2024-01-10');
    expect(Object.keys(p.template?.furniture ?? {})).toContain('Miljönämnden | Sammanträde #-#-# | blad #');
    expect(p.paragraphs.every((x) => !x.text.includes('blad'))).toBe(true);
  });

  it('a short protocol alone keeps the header; with the batch prior it is furniture', async () => {
    const alone = parse(short, '2024-04-10');
    expect(alone.paragraphs[0]?.recipients.join(' ')).toContain('blad 2');
    const book = new TemplateBook();
    batch.forEach((pages, i) => book.add(parse(pages, `2024-0${i + 1}-10`)));
    const input = {
      pages: short,
      source: source(2),
      hints: { municipality: 'Alingsås', body: 'Miljönämnden', date: '2024-04-10' },
    };
    const learned = await parseWithTemplate(input, book);
    expect(learned.paragraphs[0]?.recipients).toEqual(['Bygg- och miljöförvaltningen', 'Kommunstyrelsen']);
    expect(learned.paragraphs.map((x) => x.number)).toEqual(['13', '14']);
  });

  it('profiles add up, and a protocol is never its own prior', () => {
    const book = new TemplateBook();
    const first = parse(batch[0] as PageText[], '2024-01-10');
    book.add(first);
    expect(book.priorNow(first.meeting)).toBeUndefined();
    const second = parse(batch[1] as PageText[], '2024-02-14');
    book.add(second);
    const prior = book.priorNow(first.meeting);
    expect(prior?.protocols).toBe(1);
    expect(mergeTemplates([first.template!, second.template!]).paragraphs).toBe(
      first.paragraphs.length + second.paragraphs.length,
    );
  });

  it('counts keys that name Object properties like any other ("constructor", "__proto__", "toString")', () => {
    // A page header reading "constructor" is a furniture shape like "Protokoll"; profiles come back from JSON.
    const odd = ['constructor', '__proto__', 'toString'];
    const pages = (batch[0] as PageText[]).map((p) => ({ ...p, text: `${odd.join('\n')}\n${p.text}` }));
    const learned = parse(pages, '2024-01-10').template!;
    expect(Object.keys(learned.furniture)).toEqual(expect.arrayContaining(odd));
    const again = JSON.parse(JSON.stringify(learned)) as typeof learned;
    const merged = mergeTemplates([again, again, learned]);
    for (const key of odd) {
      expect(Object.hasOwn(merged.furniture, key), key).toBe(true);
      expect(merged.furniture[key], key).toBe(3);
    }
    expect(Object.getPrototypeOf(merged.furniture)).toBe(Object.prototype);
    expect(JSON.stringify(merged.furniture)).toContain('"__proto__":3');
  });

  it('the store is a source too: protocols ingested earlier teach the next one', async () => {
    const store = new MemoryBlobStore();
    const deps = {
      store,
      extractor: createDocumentExtractor(),
      clock: { now: () => new Date('2024-05-01T00:00:00Z') },
    };
    const encode = (pages: PageText[]) => new TextEncoder().encode(pages.map((p) => p.text).join('\f'));
    for (const [i, pages] of batch.entries()) {
      await ingestDocument(deps, { bytes: encode(pages), fileName: `alingsas-miljonamnden-2024-0${i + 1}-10.txt` });
    }
    const templates = combineSources(new TemplateBook(), new StoreTemplateSource(store));
    const outcome = await ingestDocument(
      { ...deps, templates },
      { bytes: encode(short), fileName: 'alingsas-miljonamnden-2024-04-10.txt' },
    );
    expect(outcome.status).toBe('ingested');
    const record = JSON.parse(
      new TextDecoder().decode(
        (await store.get(outcome.status === 'ingested' ? outcome.recordKey : '')) ?? new Uint8Array(),
      ),
    );
    expect(record.protocol.paragraphs[0].recipients).toEqual(['Bygg- och miljöförvaltningen', 'Kommunstyrelsen']);
  });

  it('a harvest run learns from its inbox as a batch: the files waiting there teach each other', async () => {
    // `paragraf harvest` ingests what it delivered to the store's inbox with inboxTemplates (as `paragraf ingest`
    // learns from the files it is given): the short protocol is read with the body's template.
    const encode = (pages: PageText[]) => new TextEncoder().encode(pages.map((p) => p.text).join('\f'));
    const recipientsOfShort = async (learn: boolean): Promise<string[]> => {
      const store = new MemoryBlobStore();
      const inbox = new StoreInbox(store);
      const files = [
        ...batch.map((pages, i) => ({ pages, date: `2024-0${i + 1}-10` })),
        { pages: short, date: '2024-04-10' },
      ];
      for (const { pages, date } of files) {
        await inbox.deliver({
          path: `harvest/alingsas-ciceron/alingsas-miljonamnden-${date}-0123abcd.txt`,
          bytes: encode(pages),
          mediaType: 'text/plain',
          provenance: { portal: 'ciceron', sourceUrl: `https://portal.example/${date}.txt` },
        });
      }
      const deps = {
        store,
        extractor: createDocumentExtractor(),
        clock: { now: () => new Date('2024-05-01T00:00:00Z') },
      };
      const templates = learn ? await inboxTemplates(store, createDocumentExtractor()) : undefined;
      const results = await ingestStoreInbox(store, (input) =>
        ingestDocument(templates ? { ...deps, templates } : deps, input),
      );
      const last = results.find((r) => r.key.includes('2024-04-10'));
      const key = last && 'outcome' in last && last.outcome.status === 'ingested' ? last.outcome.recordKey : '';
      const record = JSON.parse(new TextDecoder().decode((await store.get(key)) ?? new Uint8Array()));
      return record.protocol.paragraphs[0].recipients;
    };
    expect((await recipientsOfShort(false)).join(' ')).toContain('blad 2');
    expect(await recipientsOfShort(true)).toEqual(['Bygg- och miljöförvaltningen', 'Kommunstyrelsen']);
  });
});

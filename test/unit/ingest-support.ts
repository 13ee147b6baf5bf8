/**
 * Shared by the ingest tests: small protocols in Göteborg's text format (the four-line header of the corpus' Göteborg
 * files, then § blocks), written here by hand so each test can state exactly what it feeds in.
 */
import type { BlobStore } from '../../functions/ports/blob-store.ts';

export interface SyntheticParagraph {
  number: number;
  title: string;
  decision: string;
}

export const DEFAULT_PARAGRAPHS: SyntheticParagraph[] = [
  {
    number: 101,
    title: 'Val av protokolljusterare',
    decision: 'Protokollet justeras av ordföranden och 2:e vice ordföranden.',
  },
  {
    number: 102,
    title: 'Bidrag till föreningen Exempel',
    decision: 'Kommunstyrelsen beviljar bidrag med 50 000 kronor till föreningen.',
  },
];

/** A Göteborg KS protocol as UTF-8 text. */
export function protocolText(
  date: string,
  paragraphs: SyntheticParagraph[] = DEFAULT_PARAGRAPHS,
  body = 'Kommunstyrelsen',
): string {
  const blocks = paragraphs.map(
    (p) =>
      `§ ${p.number} Ärendenummer SLK-${date.slice(0, 4)}-${String(p.number).padStart(5, '0')}\n${p.title}\nBeslut\n\n${p.decision}\n`,
  );
  return `${body}\nGöteborgs Stad\nProtokoll\nSammanträdesdatum ${date}\n\n${blocks.join('\n')}`;
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Every key under `prefix`. */
export async function keys(store: BlobStore, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for await (const meta of store.list(prefix)) found.push(meta.key);
  return found;
}

export async function readJsonAt<T>(store: BlobStore, key: string): Promise<T> {
  const bytes = await store.get(key);
  if (bytes === null) throw new Error(`expected ${key} in the store`);
  return JSON.parse(new TextDecoder().decode(bytes)) as T;
}

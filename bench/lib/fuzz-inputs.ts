import type { PageText } from '../../functions/core/records/types.ts';
import { Rng } from './random.ts';

/**
 * Generated parser inputs for the fuzz benchmark, deterministic by index. Four kinds, chosen at random: a slice of a
 * real protocol; a slice with mutations (deleted, repeated and swapped lines, inserted parser keywords); a keyword
 * or character repeated to the input's size (what would make a backtracking regex blow up); random Unicode. The text
 * is then cut into pages at random points, some empty. Sizes are log-uniform from 10 bytes to 100 KB, and one input
 * in a hundred is up to 300 KB.
 */
export interface FuzzInput {
  kind: 'slice' | 'mutated' | 'repeated' | 'random';
  pages: PageText[];
  /** UTF-8 bytes of all pages. */
  bytes: number;
}

/** Words and lines each parser stage reacts to: § headings, case numbers, section headings, votes, furniture. */
const TOKENS = [
  '§',
  '§§',
  '§ 1',
  '§ 12',
  '§ 999',
  '§§ 94-110',
  'KF § 102 DNR: KU.2017.3',
  '§ 95 2026.016 KS',
  'Dnr',
  'Ärendenummer SLK-2024-00074',
  'Beslut',
  'Beslutsunderlag',
  'Expedieras till',
  'Protokollsutdrag skickas till',
  'Yrkanden',
  'Propositionsordning',
  'Omröstning',
  'Ja',
  'Nej',
  'Avstår',
  'X',
  'Reservation',
  'reserverar sig mot beslutet',
  'Särskilt yttrande',
  'Jäv',
  'Justerandes sign',
  'Utdragsbestyrkande',
  'Paragrafen förklaras omedelbart justerad',
  'Borttagen på grund av sekretess',
  'Plats och tid',
  'Beslutande',
  'Ersättare',
  'Övriga närvarande',
  'Justerare',
  'Ordförande',
  'Sekreterare',
  'Anslaget sätts upp',
  'Anslaget tas ned',
  '2024-02-05',
  'den 5 februari 2024',
  '13.00-15.30',
  '1.',
  'a)',
  '•',
  '-',
  'att',
  'Anna Andersson (S)',
  '(',
  ')',
  ':',
  '\t',
  '\u00a0',
  '\u00ad',
  '\u200b',
  '\f',
  '\r',
  '\ufeff',
  'å',
  'Ä',
  '🏛',
  'e\u0301',
  '٣',
];

/** `corpus`: the real protocol texts joined end to end. */
export function fuzzInput(seed: number, index: number, corpus: string): FuzzInput {
  const rng = new Rng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const size = rng.chance(0.01) ? rng.int(100_000, 300_000) : rng.logInt(10, 100_000);
  const kind = rng.pick(['slice', 'mutated', 'repeated', 'random'] as const);
  const text =
    kind === 'slice'
      ? slice(rng, corpus, size)
      : kind === 'mutated'
        ? mutate(rng, slice(rng, corpus, size))
        : kind === 'repeated'
          ? repeated(rng, size)
          : randomText(rng, size);
  const pages = paginate(rng, text);
  return { kind, pages, bytes: pages.reduce((n, p) => n + Buffer.byteLength(p.text), 0) };
}

/** A contiguous piece of the corpus, about `size` characters. */
function slice(rng: Rng, all: string, size: number): string {
  const start = rng.int(0, Math.max(0, all.length - size));
  let text = all.slice(start, start + size);
  while (text.length < size) text += `\n${all.slice(0, size - text.length)}`;
  return text;
}

function mutate(rng: Rng, text: string): string {
  const lines = text.split('\n');
  const edits = rng.int(1, Math.max(1, Math.ceil(lines.length / 10)));
  for (let e = 0; e < edits && lines.length > 0; e++) {
    const at = rng.int(0, lines.length - 1);
    const op = rng.int(0, 4);
    if (op === 0) lines.splice(at, rng.int(1, 20));
    else if (op === 1) lines.splice(at, 0, ...lines.slice(at, at + rng.int(1, 20)));
    else if (op === 2) lines.splice(at, 0, rng.pick(TOKENS) + (rng.chance(0.5) ? ` ${rng.pick(TOKENS)}` : ''));
    else if (op === 3) [lines[at], lines[lines.length - 1 - at]] = [lines[lines.length - 1 - at]!, lines[at]!];
    else lines[at] = insertAt(rng, lines[at]!, rng.pick(TOKENS));
  }
  return lines.join('\n');
}

function insertAt(rng: Rng, line: string, token: string): string {
  const at = rng.int(0, line.length);
  return line.slice(0, at) + token + line.slice(at);
}

/** One or two tokens repeated, with or without separators: the shape that exposes super-linear regexes. */
function repeated(rng: Rng, size: number): string {
  const unit = rng.pick(TOKENS) + rng.pick(['', ' ', '\n', ', ', '   ']) + (rng.chance(0.5) ? rng.pick(TOKENS) : '');
  const tail = rng.chance(0.5) ? rng.pick(TOKENS) : '';
  return unit.repeat(Math.max(1, Math.floor(size / Math.max(1, unit.length)))) + tail;
}

/** Random code points, weighted towards text-like ranges but including controls and astral planes. */
function randomText(rng: Rng, size: number): string {
  const chars: string[] = [];
  for (let i = 0; i < size; i++) {
    const r = rng.next();
    const cp =
      r < 0.5
        ? rng.int(0x20, 0x7e)
        : r < 0.65
          ? rng.pick([0x0a, 0x0a, 0x0a, 0x20, 0x20, 0x09, 0x0c, 0x0d, 0xa7])
          : r < 0.85
            ? rng.int(0xa0, 0x24f)
            : r < 0.95
              ? rng.int(0x0, 0xd7ff)
              : rng.int(0x10000, 0x10ffff);
    chars.push(String.fromCodePoint(cp));
  }
  return chars.join('');
}

function paginate(rng: Rng, text: string): PageText[] {
  const count = rng.chance(0.3) ? 1 : rng.int(1, Math.min(60, 1 + Math.floor(text.length / 500)));
  const cuts = Array.from({ length: count - 1 }, () => rng.int(0, text.length)).sort((a, b) => a - b);
  const pages: PageText[] = [];
  let from = 0;
  for (const [i, cut] of [...cuts, text.length].entries()) {
    pages.push({ number: i + 1, text: text.slice(from, cut) });
    from = cut;
  }
  return pages;
}

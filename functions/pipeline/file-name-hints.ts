import { findMunicipality, withoutMunicipalitySuffix } from '../core/records/municipalities.ts';
import { slugify } from '../core/records/ids.ts';
import type { ParseHints } from '../core/records/types.ts';

/**
 * Hints for the parser from a file name in the house convention `<municipality>-<body>-<YYYY-MM-DD>…` (e.g.
 * `alingsas-kommunstyrelsen-2024-02-05-p28.txt`), or `<body>-<YYYY-MM-DD>…` when the municipality is known from
 * elsewhere (a folder per municipality, `--municipality`, the MUNICIPALITY setting).
 *
 * Only hints: the parser prefers what the protocol itself says. A name that does not follow the convention
 * ("Protokoll KS 2024-02-05.pdf") still yields the date, and a body only when the municipality is certain and the
 * rest looks like a body name, so a random word is never passed on as a body name.
 */
export function fileNameHints(fileName: string, known: ParseHints = {}): ParseHints {
  const base = fileName.replace(/^.*[\\/]/u, '').replace(/\.[A-Za-z0-9]{1,5}$/u, '');
  const dateMatch = /(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)/u.exec(base);
  const hints: ParseHints = { ...known };
  if (dateMatch === null || !isRealDate(dateMatch[0])) return hints;
  hints.date ??= dateMatch[0];
  const prefix = slugify(base.slice(0, dateMatch.index));
  if (prefix === '') return hints;
  const split = splitMunicipality(prefix, known.municipality);
  if (split === undefined) return hints;
  hints.municipality ??= split.municipality;
  const body = recognisedBody(split.bodySlug);
  if (body !== undefined) hints.body ??= body.replace(/-/gu, ' ');
  return hints;
}

/** Where a file came from: its name, and the name of the folder it was in when there is one. */
export interface FileSource {
  fileName: string;
  folder?: string;
}

/**
 * Every hint a file's origin gives, worked out once: what the caller knows (flags, settings) first, then the file
 * name (`<municipality>-<body>-<date>…`), then a folder named after a municipality (alingsas/kommunstyrelsen-….pdf),
 * as the corpus and many archives are laid out. `paragraf parse` and ingest both use it, so they see the same hints.
 */
export function sourceHints(source: FileSource, known: ParseHints = {}): ParseHints {
  const hints = fileNameHints(source.fileName, known);
  if (hints.municipality !== undefined || source.folder === undefined) return hints;
  const folderMunicipality = findMunicipality(source.folder);
  if (folderMunicipality === undefined) return hints;
  return fileNameHints(source.fileName, { ...known, municipality: folderMunicipality });
}

/**
 * The words council bodies are named with (kommunstyrelsen, socialnämnden, kommunfullmäktige, arbetsutskottet,
 * presidiet, beredningen, förbundet, revisionen), as they look in an ASCII slug. A prefix without one of them
 * ("protokoll-kf", "ks") is not passed on: the parser takes hints over a body it cannot find in the text, and a
 * wrong body would give the meeting a wrong id.
 */
const BODY_ROOT = /namnd|styrelse|fullmaktige|utskott|presidi|beredning|forbund|revision/u;

/**
 * The words of a body name in a file-name slug, and nothing else (issue 12: a personnummer or any other text in a
 * file name must not become part of the body name, the meeting id and so every published file). A body name ends in
 * a word with a body root; before it may stand "<word> och" pairs ("barn-och-ungdomsnamnden"), another root word
 * ("kommunstyrelsens-arbetsutskott") or one attribute ("tekniska-namnden"); after it "for <words>"
 * ("namnden-for-funktionsstod"). Words with digits never belong to a name. Undefined when there is no root word.
 */
export function recognisedBody(slug: string): string | undefined {
  const words = slug.split('-').filter((w) => w !== '' && !/\d/u.test(w));
  let last = -1;
  words.forEach((w, i) => {
    if (BODY_ROOT.test(w)) last = i;
  });
  if (last < 0) return undefined;
  let first = last;
  while (first > 0) {
    const before = words[first - 1]!;
    if (BODY_ROOT.test(before)) first -= 1;
    else if (before === 'och' && first >= 2) first -= 2;
    else if (first === last && /^[a-z]{3,}(?:a|s)$/u.test(before) && !NOT_NAME_WORDS.has(before)) first -= 1;
    else break;
  }
  let end = last + 1;
  if (words[end] === 'for') {
    end += 1;
    while (end < words.length && end - last <= 4 && !NOT_NAME_WORDS.has(words[end]!)) end += 1;
  }
  return words.slice(first, end).join('-');
}

/** File-name words that are never part of a body's name. */
const NOT_NAME_WORDS: ReadonlySet<string> = new Set([
  'protokoll',
  'sammantradesprotokoll',
  'justerat',
  'justerad',
  'utdrag',
  'protokollsutdrag',
  'signerat',
  'signerad',
  'final',
  'slutlig',
  'rev',
  'reviderad',
  'version',
  'kopia',
  'webb',
  'publicering',
  'bilaga',
  'bilagor',
  'kallelse',
  'handlingar',
  'offentlig',
  'ovriga',
  'mote',
  'sammantrade',
  'nytt',
  'ny',
  'gamla',
  'pdf',
  'docx',
  'las',
]);

/** The municipality at the start of a slug ("upplands-vasby-kommunstyrelsen") and the rest, longest name first. */
function splitMunicipality(
  prefix: string,
  known: string | undefined,
): { municipality?: string; bodySlug: string } | undefined {
  if (known !== undefined) {
    const knownSlug = slugify(withoutMunicipalitySuffix(known));
    if (prefix === knownSlug) return { bodySlug: '' };
    return { bodySlug: prefix.startsWith(`${knownSlug}-`) ? prefix.slice(knownSlug.length + 1) : prefix };
  }
  const parts = prefix.split('-');
  for (let n = Math.min(parts.length, 3); n >= 1; n--) {
    const municipality = findMunicipality(parts.slice(0, n).join('-'));
    if (municipality !== undefined) return { municipality, bodySlug: parts.slice(n).join('-') };
  }
  return undefined;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

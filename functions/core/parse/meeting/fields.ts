/**
 * Reads the labelled fields of a cover page ("Plats och tid", "Beslutande", "Utses att justera" …) into pieces of
 * value text with their lines.
 *
 * The PDF extractor puts a two-column cover row on one line, the columns separated by a gap of three or more spaces:
 * "Ej tjänstgörande   Irene Jonsson (S) §§94-98" / "ersättare   Morgan Fredvi (S) §§94-98". A label may therefore
 * be split over two lines (its tail, "ersättare", starts the next line), a value may stand in the second column,
 * and a second label may stand in the right column ("… Ajourneringar   Paragrafer §§94-110").
 */
import type { Line } from '../lines.ts';

export type FieldKey =
  | 'place'
  | 'time'
  | 'paragraphs'
  | 'members'
  | 'substitutes'
  | 'nonServing'
  | 'others'
  | 'justerare'
  | 'justering'
  | 'secretary'
  | 'chair'
  | 'signers'
  | 'announcement'
  | 'anslag'
  | 'organ'
  | 'meetingDate'
  | 'noticeDates'
  | 'keptAt'
  | 'signature';

interface LabelDef {
  key: FieldKey;
  /** The whole label at the start of a segment. */
  full: RegExp;
  /** The first part of a label that wraps onto the next line, and what that next line starts with. */
  head?: RegExp;
  tail?: RegExp;
  /** The label words are part of the value ("Protokollet är justerat. …"). */
  keep?: boolean;
}

const LABELS: readonly LabelDef[] = [
  { key: 'place', full: /^(?:Plats och tid|Tid och plats|Plats och datum|Sammanträdesplats|Plats)\b:?/u },
  { key: 'paragraphs', full: /^(?:Paragrafer?|Ärenden)\b:?(?=\s*(?:§|\d|$))/u },
  { key: 'time', full: /^Tid\b:?(?=\s*(?:kl|\d))/u },
  { key: 'time', full: /^(?:Sammanträdestid|Sammanträdestd|Sammanträdesdag|Mötestid|Mötesdatum)\b:?/u },
  { key: 'organ', full: /^Beslutande organ\b:?/u },
  { key: 'members', full: /^(?:Beslutande(?: ledamöter)?|Närvarande ledamöter|Tjänstgörande ledamöter)\b:?/u },
  {
    key: 'nonServing',
    full: /^(?:Ej|Icke) tjänstgörande ersättare\b:?/u,
    head: /^(?:Ej|Icke) tjänstgörande\b/u,
    tail: /^ersättare\b:?/u,
  },
  { key: 'substitutes', full: /^Tjänstgörande ersättare\b:?/u, head: /^Tjänstgörande\b/u, tail: /^ersättare\b:?/u },
  { key: 'nonServing', full: /^(?:Närvarande )?[Ee]rsättare\b:?/u },
  {
    key: 'others',
    full: /^(?:Övriga (?:deltagare|närvarande)|Närvarande tjänstepersoner|Tjänstepersoner|Övriga)\b:?/u,
    head: /^Övriga\b/u,
    tail: /^(?:deltagare|närvarande)\b:?/u,
  },
  { key: 'justerare', full: /^(?:Utses att justera|Justerare)\b:?/u, head: /^Utses att\b/u, tail: /^justera\b:?/u },
  {
    key: 'justering',
    full: /^Justeringens (?:plats och tid|tid och plats)\b:?/u,
    head: /^Justeringens(?: plats och| tid och)?(?=\s|$)/u,
    tail: /^(?:plats och tid|tid och plats|tid|plats)\b:?/u,
  },
  { key: 'secretary', full: /^Sekreterare\b:?/u },
  { key: 'chair', full: /^Ordförande\b:?/u },
  { key: 'signers', full: /^Justerande\b:?/u },
  { key: 'announcement', full: /^Protokollet är justerat\b/u, keep: true },
  { key: 'anslag', full: /^(?:ANSLAG\/BEVIS|ANSLAGSBEVIS|BEVIS|Anslagsbevis)\b/u },
  { key: 'organ', full: /^Organ\b:?/u },
  { key: 'meetingDate', full: /^Sammanträdesdatum\b:?/u },
  {
    key: 'noticeDates',
    full: /^Datum (?:för|då) anslag(?:et|s)? (?:uppsättande|nedtagande|sätts upp|sattes upp|tas ned|togs ned)\b:?/u,
    head: /^Datum för anslags?\b/u,
    tail: /^(?:uppsättande|nedtagande)\b:?/u,
  },
  {
    key: 'keptAt',
    full: /^Förvaringsplats för protokollet\b:?/u,
    head: /^Förvaringsplats(?: för)?(?=\s|$)/u,
    tail: /^protokollet\b:?/u,
  },
  // The signature block, also when signed electronically ("Elektroniska underskrifter", "Elektronisk justering").
  {
    key: 'signature',
    full: /^(?:Underskrift(?:er)?|Elektroniska underskrif\p{L}*|Elektronisk (?:protokoll)?justering)\b:?/u,
  },
];

/** A piece of value text from one physical line. */
export interface Piece {
  text: string;
  line: Line;
}

export interface Field {
  key: FieldKey;
  /** The line the label stands on. */
  at: Line;
  pieces: Piece[];
}

/** The gap between a cover's columns, as the PDF extractor writes it: three spaces or more. */
export const COLUMN_GAP_RE = /\s{3,}/u;
/** Splitting is slow even where nothing splits: these tests say whether a line has a column gap / inline label. */
const HAS_COLUMN_GAP_RE = /\s{3}/u;
const HAS_INLINE_LABEL_RE = /\sParagrafer?\s/u;
/** A right-column label after a single space: "Plats och tid Nolhaga slott Paragrafer §§32-40". */
const INLINE_LABEL_RE = /\s(?=Paragrafer?\s+§)/u;

interface LabelMatch {
  def: LabelDef;
  rest: string;
  /** The label is incomplete; its tail starts the next line. */
  wrapped: boolean;
}

/** Every label regex in the order matchLabel tries them: all whole labels first, then the heads of wrapped ones. */
const ALTERNATIVES: ReadonlyArray<{ def: LabelDef; wrapped: boolean; re: RegExp }> = [
  ...LABELS.map((def) => ({ def, wrapped: false, re: def.full })),
  ...LABELS.flatMap((def) => (def.head ? [{ def, wrapped: true, re: def.head }] : [])),
];

/**
 * All labels in one anchored alternation, one capture group per label regex (their own groups do not capture): most
 * segments are values, and one test rules them out; for a label, the first alternative that matches is the one a
 * loop over ALTERNATIVES would find, with the same match, and its group says which it is.
 */
const ANY_LABEL_RE = new RegExp(ALTERNATIVES.map((a) => `(${a.re.source})`).join('|'), 'u');

function matchLabel(segment: string): LabelMatch | undefined {
  const m = ANY_LABEL_RE.exec(segment);
  if (!m) return undefined;
  for (let k = 0; k < ALTERNATIVES.length; k += 1) {
    if (m[k + 1] === undefined) continue;
    const { def, wrapped } = ALTERNATIVES[k] as { def: LabelDef; wrapped: boolean };
    return { def, rest: def.keep && !wrapped ? segment : segment.slice(m[0].length).trim(), wrapped };
  }
  return undefined;
}

/**
 * The first column of a trimmed line starts with a label (ANY_LABEL_RE holds every label regex matchLabel tries, so it
 * answers alone).
 */
export function isLabelText(t: string): boolean {
  const first = HAS_COLUMN_GAP_RE.test(t) ? t.slice(0, t.search(COLUMN_GAP_RE)) : t;
  return first !== '' && ANY_LABEL_RE.test(first);
}

/** The segments of a trimmed line with a column gap or an inline label (HAS_COLUMN_GAP_RE, HAS_INLINE_LABEL_RE). */
function segments(t: string, gap: boolean, inline: boolean): string[] {
  const columns = gap ? t.split(COLUMN_GAP_RE) : [t];
  // Trimmed and without empty ones, in one loop (no map/filter arrays).
  const out: string[] = [];
  for (const column of columns) {
    if (!inline) {
      pushTrimmed(out, column);
      continue;
    }
    for (const part of column.split(INLINE_LABEL_RE)) pushTrimmed(out, part);
  }
  return out;
}

function pushTrimmed(out: string[], text: string): void {
  const t = text.trim();
  if (t !== '') out.push(t);
}

/**
 * Fields in reading order. Continuation lines belong to the last field started in the left column. A label in a
 * later column (a side field) takes the rest of its own segment, or, when the extractor put a column gap between
 * label and value ("Paragrafer   §§94-110"), the segments after it on the same line. `texts` holds each line's
 * trimmed text.
 */
export function collectFields(lines: readonly Line[], texts: readonly string[]): Field[] {
  const reader: FieldReader = { fields: [], current: undefined, onLine: undefined, tails: NO_TAILS, pending: NO_TAILS };
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] as Line;
    const t = texts[i] as string;
    reader.tails = reader.pending;
    reader.pending = NO_TAILS;
    reader.onLine = undefined;
    // One column without a label inside (most lines): the trimmed line is the only segment, read without an array.
    const gap = HAS_COLUMN_GAP_RE.test(t);
    const inline = t.includes('Paragraf') && HAS_INLINE_LABEL_RE.test(t);
    if (!gap && !inline) {
      if (t !== '') readSegment(reader, t, 0, line);
      continue;
    }
    const parts = segments(t, gap, inline);
    for (let column = 0; column < parts.length; column += 1) readSegment(reader, parts[column] as string, column, line);
  }
  return reader.fields;
}

/** collectFields' state between segments. */
interface FieldReader {
  fields: Field[];
  /** The last field started in the left column (or the first field at all): continuation lines go there. */
  current: Field | undefined;
  /** The last field started on the current line: the segments after it on the line go there. */
  onLine: Field | undefined;
  /** The tails of labels wrapped on the previous line, which the current line may start with. */
  tails: RegExp[];
  /** The tails of labels wrapped on the current line. */
  pending: RegExp[];
}

function readSegment(r: FieldReader, segment: string, column: number, line: Line): void {
  const tail = r.tails.length === 0 ? undefined : r.tails.find((re) => re.test(segment));
  const text = tail ? segment.replace(tail, '').trim() : segment;
  const label = tail ? undefined : matchLabel(text);
  if (label) {
    const field: Field = { key: label.def.key, at: line, pieces: [] };
    r.fields.push(field);
    if (column === 0 || !r.current) r.current = field;
    r.onLine = field;
    if (label.wrapped && label.def.tail) {
      if (r.pending === NO_TAILS) r.pending = [];
      r.pending.push(label.def.tail);
    }
    if (label.rest) field.pieces.push({ text: label.rest, line });
  } else if (text && (r.onLine ?? r.current)) {
    (r.onLine ?? (r.current as Field)).pieces.push({ text, line });
  }
}

/** Shared by every line that leaves no label tail for the next (never written to: a new array is made for tails). */
const NO_TAILS: RegExp[] = [];

export function fieldsOf(fields: readonly Field[], key: FieldKey): Field[] {
  return fields.filter((f) => f.key === key);
}

/** The first field with the key (fieldsOf(…)[0] without the array). */
export function firstField(fields: readonly Field[], key: FieldKey): Field | undefined {
  for (const f of fields) if (f.key === key) return f;
  return undefined;
}

/** The key's pieces in field order (a loop: flatMap is a generic slow path, and this runs a dozen times per header). */
export function piecesOf(fields: readonly Field[], key: FieldKey): Piece[] {
  const out: Piece[] = [];
  for (const f of fields) {
    if (f.key !== key) continue;
    for (const p of f.pieces) out.push(p);
  }
  return out;
}

/**
 * The texts of the key's pieces joined by spaces, as `piecesOf(…).map((p) => p.text).join(' ')` reads them, in a loop:
 * the array that TurboFan's inlined `map` makes has another map than the builtin's, so the `join` after it threw the
 * optimised parseMeetingHeader back to the interpreter after every re-optimisation: a deopt loop that recompiled it
 * every 80 corpus passes or so, about 0.5 s of compiler time per 300 passes (node --trace-opt --trace-deopt).
 */
export function joinedText(fields: readonly Field[], key: FieldKey): string {
  let out = '';
  let first = true;
  for (const f of fields) {
    if (f.key !== key) continue;
    for (const p of f.pieces) {
      out = first ? p.text : `${out} ${p.text}`;
      first = false;
    }
  }
  return out;
}

/**
 * Justering (signing-off of the minutes, KL 5 kap. 69 §) and its notice on the anslagstavla (KL 8 kap. 12 §).
 * 2018 template: "Justeringens plats och tid  Rådhuset, Alingsås , 2018-04-09 11:00" and an ANSLAG/BEVIS block with
 * "Datum för anslags uppsättande/nedtagande" in two columns. 2026 template: "Protokollet justeras på distans." and no
 * notice dates (they are set on the digital anslagstavla), so the notice dates are then absent, never guessed.
 */
import type { Line } from '../lines.ts';
import type { Meeting } from '../../records/types.ts';
import { findDate, ISO_DATE_RE, SWEDISH_DATE_RE } from '../../text/swedish-dates.ts';
import type { Piece } from './fields.ts';

const MAX_PLACE_LENGTH = 80;

export function parseJustering(pieces: readonly Piece[]): Meeting['justering'] {
  // Joined in a loop, not by map(…).join(…): see joinedText in fields.ts.
  let joined = '';
  for (let i = 0; i < pieces.length; i += 1) joined += (i === 0 ? '' : ' ') + (pieces[i] as Piece).text;
  const raw = joined.replace(/\s+/gu, ' ').trim();
  if (!raw) return {};
  const iso = ISO_DATE_RE.exec(raw);
  const sv = SWEDISH_DATE_RE.exec(raw);
  const at = [iso, sv].filter((m) => m !== null).sort((a, b) => a.index - b.index)[0];
  const date = at ? findDate(raw.slice(at.index)) : undefined;
  const before = (at ? raw.slice(0, at.index) : raw).replace(/[\s,;:-]+$/u, '').trim();
  // "Protokollet justeras på distans." states how, not where.
  const isPlace = before !== '' && before.length <= MAX_PLACE_LENGTH && !/justera|distans/iu.test(before);
  return { ...(date ? { date } : {}), ...(isPlace ? { place: before } : {}), raw };
}

const NOTICE_LABEL_RE = /Datum för anslags?/gu;
const NOTICE_KIND_RE = /uppsättande|nedtagande/gu;
const HAS_NOTICE_WORD_RE = /uppsättande|nedtagande|Datum för anslag/u;
const POSTED_RE = /uppsättande|sätts upp|sattes upp|uppsatt/iu;
const REMOVED_RE = /nedtagande|tas ned|tas ner|togs ned|nedtaget/iu;
const BLOCK_START_RE = /^(?:ANSLAG\/BEVIS|ANSLAG|BEVIS)\b|Datum för anslag/u;
const BLOCK_LINES = 8;

type Notice = Meeting['notice'];

/**
 * Notice dates as stated. The two-column form puts both labels on one line and both label tails on the next:
 * "Datum för anslags   2018-04-09 Datum för anslags   2018-05-01" / "uppsättande   nedtagande"; the i-th date
 * belongs to the i-th tail. A label without a date leaves that date absent.
 */
export function parseNotice(
  lines: readonly Line[],
  trimmed: readonly string[],
  announcement: string | undefined,
): Notice {
  const start = blockStart(trimmed);
  if (start < 0) return announcement ? { raw: announcement } : {};
  const block = nonBlankFrom(lines, trimmed, start);
  const notice: Notice = {};
  block.forEach((line, i) => {
    const chunks = line.text.split(NOTICE_LABEL_RE).slice(1);
    const tails = [...(block[i + 1]?.text.matchAll(NOTICE_KIND_RE) ?? [])].map((m) => m[0]);
    chunks.forEach((chunk, j) => {
      const kind = /uppsättande|nedtagande/u.exec(chunk)?.[0] ?? tails[j];
      assign(notice, kind, dateAtStart(chunk));
    });
    if (chunks.length === 0) assign(notice, otherPhrasing(line.text), findDateIfAny(line.text));
  });
  const used = block.findLastIndex((l) => HAS_NOTICE_WORD_RE.test(l.text));
  let raw = '';
  for (let i = 0; i <= Math.max(used, 0) && i < block.length; i += 1)
    raw += (i === 0 ? '' : '\n') + (block[i] as Line).text.trim();
  return { ...notice, raw };
}

/**
 * The index of the first front line (`trimmed`: the front lines' trimmed texts) where the notice block starts, or -1.
 * BLOCK_START_RE holds only at an "A" or "B" or where "Datum för anslag" stands: other lines are ruled out unread.
 */
function blockStart(trimmed: readonly string[]): number {
  for (let i = 0; i < trimmed.length; i += 1) {
    const t = trimmed[i] as string;
    const c = t.charCodeAt(0);
    if ((c === 0x41 || c === 0x42 || t.includes('Datum för anslag')) && BLOCK_START_RE.test(t)) return i;
  }
  return -1;
}

/** The first BLOCK_LINES non-blank lines from `start` on. */
function nonBlankFrom(lines: readonly Line[], trimmed: readonly string[], start: number): Line[] {
  const out: Line[] = [];
  for (let i = start; i < trimmed.length && out.length < BLOCK_LINES; i += 1) {
    if (trimmed[i] !== '') out.push(lines[i] as Line);
  }
  return out;
}

/** "Anslaget sattes upp 2018-04-09" / "… tas ned 2018-05-01" in other templates. */
function otherPhrasing(text: string): string | undefined {
  if (POSTED_RE.test(text)) return 'uppsättande';
  return REMOVED_RE.test(text) ? 'nedtagande' : undefined;
}

function assign(notice: Notice, kind: string | undefined, date: string | undefined): void {
  if (!date || !kind) return;
  if (kind === 'uppsättande') notice.posted ??= date;
  else notice.removed ??= date;
}

/** The date a notice label is followed by: the first date before any other text of substance. */
function dateAtStart(chunk: string): string | undefined {
  const m = /^[\s:]*(?:uppsättande|nedtagande)?[\s:]*(\d{4}-\d{2}-\d{2}|\d{1,2}\s+\p{L}+\.?\s+\d{4})/u.exec(chunk);
  return m?.[1] ? findDate(m[1]) : undefined;
}

function findDateIfAny(text: string): string | undefined {
  return ISO_DATE_RE.test(text) || SWEDISH_DATE_RE.test(text) ? findDate(text) : undefined;
}

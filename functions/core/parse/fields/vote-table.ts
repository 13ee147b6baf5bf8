import type { RollEntry, VoteChoice } from '../../records/types.ts';

/**
 * A voteringslista printed as a table: a header row naming the columns (Ledamot/Namn, optionally Parti, then Ja, Nej,
 * Avstår, Frånvarande), one row per member with an X (or the word) under the column voted, and often a "Summa" row.
 * X marks are placed by their character offset under the header, which needs layout-preserving text; when a mark
 * cannot be placed the table is not used (null) rather than guessed.
 */
export interface TableRoll {
  roll: RollEntry[];
  totals: Partial<Record<VoteChoice, number>>;
}

const COLUMN_WORDS: ReadonlyArray<readonly [VoteChoice, RegExp]> = [
  ['yes', /^ja$/iu],
  ['no', /^nej$/iu],
  ['abstain', /^(?:avstår|avst\.?|avstående|avstod)$/iu],
  ['absent', /^(?:frånvarande|frånv\.?)$/iu],
];

interface Column {
  choice: VoteChoice;
  center: number;
}

function cells(line: string): Array<{ text: string; start: number }> {
  const out: Array<{ text: string; start: number }> = [];
  const re = /\S+(?:\s\S+)*/gu;
  for (let m = re.exec(line); m; m = re.exec(line)) out.push({ text: m[0], start: m.index });
  return out;
}

function choiceOf(word: string): VoteChoice | undefined {
  return COLUMN_WORDS.find(([, re]) => re.test(word))?.[0];
}

/**
 * A header has a cell "Ja" and a cell "Nej" (any case), each standing between whitespace or the line's ends: two
 * searches rule out every other line before it is cut into cells.
 */
const YES_CELL_RE = /(?<!\S)ja(?!\S)/iu;
const NO_CELL_RE = /(?<!\S)nej(?!\S)/iu;

function headerColumns(line: string): Column[] | undefined {
  if (!YES_CELL_RE.test(line) || !NO_CELL_RE.test(line)) return undefined;
  const cs = cells(line);
  const cols = cs.flatMap((c) => {
    const choice = choiceOf(c.text);
    return choice ? [{ choice, center: c.start + c.text.length / 2 }] : [];
  });
  return cols.some((c) => c.choice === 'yes') && cols.some((c) => c.choice === 'no') && cs.length >= 3
    ? cols
    : undefined;
}

export function rollFromTable(text: string): TableRoll | null {
  const lines = text.split('\n');
  const h = lines.findIndex((l) => headerColumns(l) !== undefined);
  if (h < 0) return null;
  const columns = headerColumns(lines[h] ?? '') as Column[];
  const hasParty = /\bparti\b/iu.test(lines[h] ?? '');
  const firstMark = Math.min(...columns.map((c) => c.center)) - 4;
  const roll: RollEntry[] = [];
  const totals: Partial<Record<VoteChoice, number>> = {};
  for (const line of lines.slice(h + 1)) {
    const cs = cells(line);
    if (cs.length < 2) continue;
    const first = cs[0] as { text: string; start: number };
    if (/^(?:summa|totalt|antal)/iu.test(first.text)) {
      for (const c of cs.slice(1)) {
        const col = nearest(columns, c.start + c.text.length / 2);
        if (col && /^\d{1,3}$/u.test(c.text)) totals[col.choice] = Number(c.text);
      }
      continue;
    }
    const entry = rowEntry(cs, columns, hasParty, firstMark);
    if (entry === null) return null;
    if (entry) roll.push(entry);
  }
  return roll.length > 0 ? { roll, totals } : null;
}

function rowEntry(
  cs: Array<{ text: string; start: number }>,
  columns: Column[],
  hasParty: boolean,
  firstMark: number,
): RollEntry | null | undefined {
  const nameCell = cs[0] as { text: string; start: number };
  const named = /^(.{1,80}?)\s?\(([^()]{1,12})\)$/u.exec(nameCell.text);
  const entry: RollEntry = { name: named ? (named[1] ?? '') : nameCell.text, vote: 'yes' };
  if (named?.[2]) entry.party = named[2];
  let marks = cs.slice(1);
  if (hasParty && marks[0] && /^[\p{Lu}-]{1,4}$/u.test(marks[0].text) && !/^X$/iu.test(marks[0].text)) {
    entry.party = marks[0].text;
    marks = marks.slice(1);
  }
  const mark = marks.find((c) => /^(?:x|ja|nej|avstår|frånvarande)$/iu.test(c.text));
  if (!mark) return undefined;
  const worded = choiceOf(mark.text);
  if (worded) entry.vote = worded;
  else {
    const center = mark.start + mark.text.length / 2;
    const col = nearest(columns, center);
    if (!col || center < firstMark) return null;
    entry.vote = col.choice;
  }
  return entry;
}

function nearest(columns: readonly Column[], at: number): Column | undefined {
  let best: Column | undefined;
  for (const c of columns) if (!best || Math.abs(c.center - at) < Math.abs(best.center - at)) best = c;
  return best && Math.abs(best.center - at) <= 6 ? best : undefined;
}

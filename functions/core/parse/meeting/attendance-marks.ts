/**
 * What attendance lists print around the names besides parentheses, as templates that tick boxes and write roles
 * after a comma do (KTweb and other Finland-Swedish and Swedish systems):
 *
 *   Beslutande
 *   ordinarie                                    ersättare
 *   [X] Lindvall Mikael, ordförande              [ ] Eklund Karita
 *   [ ] Karf Johannes                            [X] Rögård Linda
 *
 * A ticked box ("[X]", "☒", "☑") marks who was there and an empty one ("[ ]", "☐") who was not; the column headed
 * "ersättare" holds substitutes; "Anna Andersson (M), ordförande", "Anna Andersson (M) 1:e vice ordförande" and
 * "Dan Dahl, kommundirektör" carry the role outside parentheses.
 */
import { COLUMN_GAP_RE, type Piece } from './fields.ts';

/** An attendance entry's box: 'ticked', 'empty' (not there), or undefined (no box), and the text after it. */
export function checkbox(text: string): { box: 'ticked' | 'empty' | undefined; rest: string } {
  const m = BOX_RE.exec(text);
  if (!m) return { box: undefined, rest: text };
  const inside = (m[1] ?? m[2] ?? '').trim();
  const ticked = inside !== '' && inside !== '☐';
  return { box: ticked ? 'ticked' : 'empty', rest: text.slice(m[0].length) };
}

/** "[X] ", "[x]", "[ ] ", "[] ", "[✓]", "☒ ", "☑", "☐ " at the start of an entry. */
const BOX_RE = /^\s*(?:\[([ xX✓✔]?)\]|([☐☑☒]))\s*/u;

/** Column headings inside a list ("ordinarie", "ersättare", "ledamöter"): no person. */
export function isColumnHeading(text: string): boolean {
  return COLUMN_HEADING_RE.test(text.trim());
}

const COLUMN_HEADING_RE =
  /^(?:ordinarie(?:\s+ledamöter)?|ledamöter|(?:tjänstgörande\s+)?ersättare|närvarande\s+ersättare)$/iu;
const SUBSTITUTE_HEADING_RE = /^(?:tjänstgörande\s+|närvarande\s+)?ersättare$/iu;

/**
 * The pieces of a members list under a line of column headings, one of them for substitutes ("ordinarie" |
 * "ersättare", however the label reader split that line): from there on, a piece that starts where the substitutes'
 * heading starts, or further right, goes to `substitutes` (by its place in its line, so an empty cell on the left
 * changes nothing). Without such a heading line every piece stays a member's.
 */
export function splitColumns(pieces: readonly Piece[]): { members: Piece[]; substitutes: Piece[] } {
  const members: Piece[] = [];
  const substitutes: Piece[] = [];
  let column = -1;
  for (const piece of pieces) {
    const headings = headingColumn(piece.line.text);
    if (headings !== undefined) {
      column = headings;
      continue;
    }
    const at = column >= 0 ? piece.line.text.indexOf(piece.text.trim()) : -1;
    (at >= 0 && at + 2 >= column ? substitutes : members).push(piece);
  }
  return { members, substitutes };
}

/**
 * Where the substitutes' heading starts in a line of two or more column headings split by wide gaps; -1 for a heading
 * line without one; undefined when the line is no heading line.
 */
function headingColumn(line: string): number | undefined {
  // Every heading starts with o, l, e, t or n (either case) and has a second cell: most lines are ruled out uncut.
  const first = line.trimStart().charCodeAt(0) | 0x20;
  if (!(first === 0x6f || first === 0x6c || first === 0x65 || first === 0x74 || first === 0x6e)) return undefined;
  const cells = line.trim().split(COLUMN_GAP_RE);
  if (cells.length < 2 || !cells.every(isColumnHeading)) return undefined;
  const substitute = cells.find((c) => SUBSTITUTE_HEADING_RE.test(c));
  return substitute === undefined ? -1 : line.indexOf(substitute);
}

/**
 * A name with a role after a comma ("Lindvall Mikael, ordförande", "Dan Dahl, kommundirektör"): the comma that a
 * lower-case word or an ordinal ("1:e vice ordförande") follows. "Andersson, Anna" (a capital) stays a name.
 */
export function roleAfterComma(name: string): { name: string; role: string | undefined } {
  const m = COMMA_ROLE_RE.exec(name);
  if (!m) return { name, role: undefined };
  const role = name.slice(m.index + m[0].length).trim();
  return { name: name.slice(0, m.index).trim(), role: role === '' ? undefined : role };
}

const COMMA_ROLE_RE = /,\s*(?=[a-zåäöé]|\d:[a-z])/u;

/**
 * A role written after the party, outside parentheses ("(M), ordförande", "(M) 1:e vice ordförande"): the words from
 * `from` that start in lower case or are ordinals, up to the next parenthesis, "§" or capitalised word (a name:
 * "(M) ordförande Chatrine …" in a list run together); undefined when there is none ("ersätter …" is read elsewhere).
 */
export function roleAfterParty(text: string, from: number): string | undefined {
  ROLE_WORDS_RE.lastIndex = from;
  const m = ROLE_WORDS_RE.exec(text);
  const role = m?.[1];
  return role === undefined || /^ersätter\b/iu.test(role) ? undefined : role;
}

/** Commas and spaces, then lower-case words and ordinals ("1:e") separated by spaces or commas. */
const ROLE_WORDS_RE = /[\s,;:–-]*((?:\d:[a-z]+|[a-zåäöé][\p{L}.-]*)(?:,?\s+(?:\d:[a-z]+|[a-zåäöé][\p{L}.-]*))*)/uy;

/** The roles found, in order, joined by ", " (undefined when none). */
export function joinRoles(...roles: Array<string | undefined>): string | undefined {
  const present = roles.filter((r) => r !== undefined && r !== '');
  return present.length === 0 ? undefined : present.join(', ');
}

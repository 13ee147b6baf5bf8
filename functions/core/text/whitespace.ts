/**
 * Whitespace collapsing, the one text normalisation nearly every field reader needs. `text.replace(/\s+/gu, ' ')`
 * replaces every single space by itself; matching only runs of two or more and lone non-space whitespace gives the
 * same result with a fraction of the matches (each ordinary space between words is left alone).
 */
const RUN_RE = /\s\s+|[^\S ]/gu;

/** Every run of whitespace (\s, as in JavaScript regexes) becomes one space. Same result as `replace(/\s+/gu, ' ')`. */
export function collapseWhitespace(text: string): string {
  return text.replace(RUN_RE, ' ');
}

/** Whether `text` starts or ends with whitespace (\s): what trim() would remove; most lines neither start nor end so. */
export function hasOuterWhitespace(text: string): boolean {
  const n = text.length;
  return n > 0 && (isWhitespaceCode(text.charCodeAt(0)) || isWhitespaceCode(text.charCodeAt(n - 1)));
}

/** True for exactly the characters `\s` matches in a JavaScript regex (WhiteSpace and LineTerminator). */
export function isWhitespaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * Text for one line of a message (a CLI line, a log field, a quarantine entry): whitespace runs collapsed, trimmed,
 * and at most `max` characters, cut with an ellipsis.
 */
export function oneLine(text: string, max = Number.POSITIVE_INFINITY): string {
  const flat = collapseWhitespace(text).trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

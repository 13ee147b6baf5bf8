/**
 * A PDF's text keeps the layout's hard line breaks inside sentences. For reading on a page, lines are joined into
 * paragraphs again; blank lines stay paragraph breaks and a line that starts a list item ("1.", "a)", "–", "•",
 * "att …") stays on a line of its own. A word broken at the line end ("kommunal-" / "lagen") is joined; a dash
 * before "och", "eller", "samt" or "till" ("plan- och bygglagen") is kept with its space. The verbatim text is kept
 * elsewhere (`text`): this is for display only.
 */
const LIST_ITEM = /^(?:\d{1,3}[.)]\s|[a-zåäö][.)]\s|[-–•*]\s|att\s)/u;
const KEEP_DASH_BEFORE = /^(?:och|eller|samt|till)\b/u;

export function reflow(text: string): string {
  return text
    .split(/\n[ \t]*\n/u)
    .map((block) =>
      reflowBlock(
        block
          .split('\n')
          .map((l) => l.trim())
          .filter((l) => l !== ''),
      ),
    )
    .filter((b) => b !== '')
    .join('\n\n');
}

function reflowBlock(lines: string[]): string {
  let out = '';
  for (const line of lines) {
    if (out === '') out = line;
    else if (LIST_ITEM.test(line)) out += `\n${line}`;
    else if (/\p{L}-$/u.test(out) && /^\p{Ll}/u.test(line) && !KEEP_DASH_BEFORE.test(line))
      out = out.slice(0, -1) + line;
    else out += ` ${line}`;
  }
  return out;
}

/**
 * Text from outside (file names, messages that quote them) made safe for one terminal line: control characters
 * (C0, DEL, C1: newline, carriage return, ESC …) and the bidirectional overrides that reorder what a reader sees are
 * written as escapes ("\n", "\x1b", "\u202e"), so a file named "a\n\x1b[32mingested  b.pdf" can neither forge an
 * output line nor colour one.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;
const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

export function printable(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named !== undefined) return named;
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

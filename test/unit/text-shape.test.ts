import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, listMarker } from '../../functions/core/parse/text-shape.ts';

/**
 * listMarker and isBlank read first characters before any regex or trim runs: these properties compare them with the
 * plain rules (trim, then the marker regexes in order) on text built from the pieces list markers are made of.
 */
const BULLET_RE = /^(?:[•▪●◦‣∙\uf0b7\uf0a7]|[-–—](?=\s|\p{Lu})|o(?=\s))\s*/u;
const NUMBERED_RE = /^(\d{1,2})[.)](?=\s)\s*/u;
const LETTERED_RE = /^([a-zA-Z])[.)/](?=\s)\s*/u;
const ATT_RE = /^att(?=\s)\s*/u;

function reference(text: string) {
  const t = text.trim();
  let m = NUMBERED_RE.exec(t);
  if (m) return { label: m[1] ?? '', kind: 'number', rest: t.slice(m[0].length) };
  m = LETTERED_RE.exec(t);
  if (m) return { label: m[1] ?? '', kind: 'letter', rest: t.slice(m[0].length) };
  m = BULLET_RE.exec(t);
  if (m) return { label: m[0].trim() || '•', kind: 'bullet', rest: t.slice(m[0].length) };
  m = ATT_RE.exec(t);
  if (m) return { label: 'att', kind: 'att', rest: t.slice(m[0].length) };
  return undefined;
}

const pieces = [
  ...['•', '▪', '●', '◦', '‣', '∙', '\uf0b7', '\uf0a7', '-', '–', '—', 'o', 'O', '*', '\ud83d\ude00'],
  ...['1', '12', '123', 'a', 'B', '.', ')', '/', 'att', 'Att', 'atta', 'Beslut', 'x'],
  ...[' ', '  ', '\t', '\u00a0', '\u2009', '\n'],
];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 7 }).map((parts) => parts.join(''));

describe('listMarker', () => {
  it('finds what the marker regexes find on the trimmed text (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 12 })), (t) => {
        expect(listMarker(t)).toEqual(reference(t));
      }),
      { numRuns: 20000 },
    );
  });

  it('reads the usual markers', () => {
    expect(listMarker('  1. Godkänna')).toEqual({ label: '1', kind: 'number', rest: 'Godkänna' });
    expect(listMarker('• punkt')).toEqual({ label: '•', kind: 'bullet', rest: 'punkt' });
    expect(listMarker('att godkänna')).toEqual({ label: 'att', kind: 'att', rest: 'godkänna' });
    expect(listMarker('Kommunstyrelsen beslutar')).toBeUndefined();
  });
});

describe('isBlank', () => {
  it('is true exactly when trimming leaves nothing (property)', () => {
    fc.assert(
      fc.property(fc.oneof(text, fc.string({ maxLength: 6 })), (t) => {
        expect(isBlank(t)).toBe(t.trim() === '');
      }),
      { numRuns: 20000 },
    );
    expect(isBlank(' \t\u00a0\u3000')).toBe(true);
    expect(isBlank('  x ')).toBe(false);
  });
});

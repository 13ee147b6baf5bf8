import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendeeFrom, masking, maskedView, parseAttendee } from '../../functions/core/parse/meeting/attendees.ts';

/**
 * An attendee's text is searched with its parentheticals masked. Where masking would keep every position, the text is
 * read as its own view (the runs found by one scan, no masked string built): these properties compare that shortcut
 * with the masked string built the full way, on text made of the pieces attendance lines are made of, including the
 * characters that force the full way (a NUL, a surrogate pair inside parentheses).
 */
const PIECES = [
  '(',
  ')',
  '(S)',
  '(vice ordförande)',
  '§',
  '§§',
  '12',
  '94-98',
  ', ',
  ' och ',
  ' ',
  '  ',
  '\t',
  '\u00a0',
  ',',
  ';',
  ':',
  ' ersätter ',
  ' Ersätter ',
  'ersätter',
  'Anna Berg',
  'Irene',
  'KD',
  '-',
  '\u0000',
  '\ud83d\ude00',
  '\ud83d',
  '\ude00',
  'x',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((parts) => parts.join(''));

describe('attendee masking shortcut', () => {
  it('finds the same runs as the masked string, and reads the text itself only where masking keeps every position', () => {
    fc.assert(
      fc.property(text, (t) => {
        const fast = masking(t);
        const full = maskedView(t);
        expect(fast.groups).toEqual(full.groups);
        if (fast.view !== full.view) {
          expect(fast.view).toBe(t);
          expect(full.view.length).toBe(t.length);
          for (let i = 0; i < t.length; i += 1) expect([t[i], '\u0000']).toContain(full.view[i]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('parses every attendee as the full masked view does', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(parseAttendee(t)).toEqual(attendeeFrom(t, t, maskedView(t)));
      }),
      { numRuns: 3000 },
    );
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Paragraph } from '../../functions/core/records/types.ts';
import { parseCase } from './golden-case.ts';
import { listCases } from './load-case.ts';

/**
 * Field accuracy against readings/: for protocols from municipalities the parser was not built on, what a careful
 * reader finds (readings/README.md). Every § of the printed range must be found; titles, case numbers, decisions and
 * recipients must equal the reading, except the fields `parserDiffers` lists with a reason.
 */
interface Reading {
  source: string;
  body: string;
  date: string;
  printedRange: [string, string];
  paragraphs: Array<{ number: string; caseNumbers: string[]; title: string; decision: string; recipients: string[]; pages: [number, number] }>;
  parserDiffers?: Record<string, string>;
}

const dir = import.meta.dirname;
const readingsDir = join(dir, 'readings');
const readings = readdirSync(readingsDir).filter((f) => f.endsWith('.json'));
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
const FIELDS = ['title', 'caseNumbers', 'decision', 'recipients', 'pages'] as const;

function field(p: Paragraph, name: (typeof FIELDS)[number]): unknown {
  switch (name) {
    case 'title': return squash(p.title);
    case 'caseNumbers': return p.caseNumbers.map((c) => c.normalized);
    case 'decision': return squash(p.decision);
    case 'recipients': return p.recipients;
    case 'pages': return p.pages;
  }
}

describe('readings: field accuracy on unseen templates', () => {
  it('has readings for three municipalities', () => expect(readings.length).toBeGreaterThanOrEqual(4));
  for (const file of readings) {
    it(file.replace(/\.json$/u, ''), async () => {
      const reading = JSON.parse(readFileSync(join(readingsDir, file), 'utf8')) as Reading;
      const c = listCases(dir).find((k) => k.path.endsWith(reading.source));
      expect(c, `golden case ${reading.source}`).toBeDefined();
      const protocol = await parseCase(c!);
      expect(protocol.meeting.body).toBe(reading.body);
      expect(protocol.meeting.date).toBe(reading.date);
      const [from, to] = reading.printedRange.map(Number) as [number, number];
      const printed = Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
      expect(protocol.paragraphs.map((p) => p.number)).toEqual(printed);
      const differs: string[] = [];
      for (const expected of reading.paragraphs) {
        const actual = protocol.paragraphs.find((p) => p.number === expected.number) as Paragraph;
        for (const name of FIELDS) {
          const want = name === 'title' || name === 'decision' ? squash(expected[name]) : expected[name];
          if (JSON.stringify(field(actual, name)) !== JSON.stringify(want)) differs.push(`${expected.number} ${name}`);
        }
      }
      expect(differs.sort()).toEqual(Object.keys(reading.parserDiffers ?? {}).sort());
    }, 60_000);
  }
});

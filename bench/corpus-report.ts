/**
 * Per-municipality figures on the golden corpus (test/golden, copied from the development corpus): § found against
 * the printed range, decisions and recipients found, confidence, and field accuracy against what a person read in
 * the source — readings/ where one was written (municipalities the parser was not built on), else the reviewed
 * golden file. Files are read as `paragraf parse` reads them (production extractor, file-name hints).
 *
 *   node bin/run-ts.js bench/corpus-report.ts
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_MAX_BYTES } from '../functions/adapters/document-extractor.ts';
import { parseFile } from '../functions/cli/parse-file.ts';
import type { Paragraph } from '../functions/core/records/types.ts';
import { listCases } from '../test/golden/load-case.ts';

interface Expected {
  number: string;
  title: string;
  caseNumbers: Array<string | { normalized: string }>;
  decision: string;
  recipients: string[];
}

const dir = resolve(import.meta.dirname, '../test/golden');
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();
const FIELDS = ['title', 'caseNumbers', 'decision', 'recipients'] as const;

function value(p: Paragraph | Expected, field: (typeof FIELDS)[number]): string {
  if (field === 'caseNumbers')
    return JSON.stringify(p.caseNumbers.map((c) => (typeof c === 'string' ? c : c.normalized)));
  if (field === 'recipients') return JSON.stringify(p.recipients);
  return squash(p[field]);
}

function expectedOf(name: string): { source: string; printed?: [string, string]; paragraphs: Expected[] } {
  const reading = join(dir, 'readings', `${name}.json`);
  if (existsSync(reading)) {
    const r = JSON.parse(readFileSync(reading, 'utf8')) as { printedRange: [string, string]; paragraphs: Expected[] };
    return { source: 'reading', printed: r.printedRange, paragraphs: r.paragraphs };
  }
  const g = JSON.parse(readFileSync(join(dir, `${name}.expected.json`), 'utf8')) as { paragraphs: Expected[] };
  return { source: 'golden', paragraphs: g.paragraphs };
}

const rows: string[][] = [];
for (const c of listCases(dir)) {
  const protocol = await parseFile(c.path, {}, DEFAULT_MAX_BYTES);
  const { meeting, paragraphs } = protocol;
  const expected = expectedOf(c.name);
  const range = meeting.paragraphRange
    ? `${meeting.paragraphRange.from}–${meeting.paragraphRange.to}`
    : expected.printed
      ? `${expected.printed[0]}–${expected.printed[1]} (read)`
      : '—';
  let right = 0;
  let total = 0;
  const wrong: string[] = [];
  for (const e of expected.paragraphs) {
    const p = paragraphs.find((x) => x.number === e.number);
    for (const f of FIELDS) {
      total += 1;
      if (p && value(p, f) === value(e, f)) right += 1;
      else wrong.push(`${e.number} ${f}`);
    }
  }
  rows.push([
    c.name,
    range,
    `${paragraphs.length} (${paragraphs[0]?.number ?? ''}–${paragraphs.at(-1)?.number ?? ''})`,
    `${paragraphs.filter((p) => p.decision !== '').length}`,
    `${paragraphs.reduce((n, p) => n + p.recipients.length, 0)}`,
    `${meeting.confidence}${meeting.textLayer?.damaged ? ', text layer damaged' : ''}`,
    `${right}/${total} (${expected.source})${wrong.length > 0 ? `: ${wrong.join(', ')}` : ''}`,
  ]);
}
const header = ['protocol', 'printed range', '§ found', 'decisions', 'recipients', 'confidence', 'fields right'];
process.stdout.write(
  `| ${header.join(' | ')} |\n|${header.map(() => '---').join('|')}|\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`,
);

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toLines } from '../../functions/core/parse/lines.ts';
import { stripPageFurniture } from '../../functions/core/parse/page-furniture.ts';
import { inferPages } from '../../functions/core/parse/virtual-pages.ts';
import { parseCase } from '../golden/golden-case.ts';
import { listCases, readCasePages } from '../golden/load-case.ts';

/**
 * Traceability: every extracted text field is found verbatim in the source, whitespace aside. Fields may run across
 * a page break, so they are looked up in the source with whole furniture lines removed; a separate check makes sure
 * that removal only ever deletes whole source lines (nothing is rewritten).
 */
const dir = join(import.meta.dirname, '..', 'golden');
const cases = listCases(dir);
const squash = (s: string) => s.replace(/\s+/gu, ' ').trim();

describe('every extracted field is verbatim in the source', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const pages = await readCasePages(c);
      const lines = toLines(pages);
      // The same lines the parser reads: pages re-cut from printed page counters, then furniture removed.
      const kept = stripPageFurniture(inferPages(lines));
      const sourceLines = new Set(lines.map((l) => l.text));
      for (const l of kept) expect(sourceLines.has(l.text)).toBe(true);
      const source = squash(kept.map((l) => l.text).join('\n'));
      const protocol = await parseCase(c);
      let checked = 0;
      const check = (what: string, value: string) => {
        if (squash(value) === '') return;
        checked += 1;
        expect(source.includes(squash(value)), `${what}: ${value.slice(0, 120)}`).toBe(true);
      };
      for (const p of protocol.paragraphs) {
        const at = `§ ${p.number}`;
        check(`${at} heading`, p.heading);
        check(`${at} title`, p.title);
        check(`${at} decision`, p.decision);
        check(`${at} text`, p.text);
        p.caseNumbers.forEach((c) => check(`${at} case number`, c.raw));
        p.decisionItems.forEach((i) => check(`${at} decision item`, i.text));
        p.recipients.forEach((r) => check(`${at} recipient`, r));
        p.documents.forEach((d) => check(`${at} document`, d));
        p.references.forEach((r) => check(`${at} reference`, r.raw));
        p.reservations.forEach((r) => check(`${at} reservation`, r.text));
        p.sections.forEach((s) => check(`${at} section ${s.heading}`, s.text));
        p.votes.forEach((v) => {
          if (v.yesMeans) check(`${at} vote yes`, v.yesMeans);
          if (v.noMeans) check(`${at} vote no`, v.noMeans);
        });
      }
      expect(checked).toBeGreaterThan(protocol.paragraphs.length);
    }); // PDF cases run through pdf.js
  }
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-ingest-check-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('paragraf ingest: a protocol read with low confidence says so', () => {
  it('names the confidence and asks for a check before publishing; a well-read protocol says nothing', async () => {
    // The printed range promises eight § and two are found, without decisions: an unfamiliar template, as ingest sees it.
    const unsure = join(tmp, 'alingsas-kommunstyrelsen-2024-03-06.txt');
    writeFileSync(
      unsure,
      'Kommunstyrelsen\nSammanträdesprotokoll 2024-03-06\nParagrafer §§ 1-8\n\n§ 1\nVal av justerare\nTill justerare utses Anna Berg.\n\n§ 2\nBudget\nEtt ärende om budgeten som diskuterades länge.\n',
    );
    const sure = join(tmp, 'alingsas-kommunstyrelsen-2024-03-07.txt');
    writeFileSync(
      sure,
      'Kommunstyrelsen\nSammanträdesprotokoll 2024-03-07\n\n§ 1 KS 2024/1\nBudget för 2025\nBeslut\nKommunstyrelsen godkänner budgeten för 2025 enligt förslaget.\n\n§ 2 KS 2024/2\nTaxa för parkering\nBeslut\nKommunstyrelsen antar taxan för parkering enligt förslaget.\n',
    );
    const io = captureIo();
    expect(await main(['ingest', '--data', join(tmp, 'store'), unsure, sure], io), io.err).toBe(0);
    const [unsureLine, sureLine] = io.out.split('\n');
    expect(unsureLine).toMatch(
      /→ alingsas-kommunstyrelsen-2024-03-06 v1, read with low confidence \(0\.\d+\): check it before publishing/u,
    );
    expect(sureLine).toContain('→ alingsas-kommunstyrelsen-2024-03-07 v1');
    expect(sureLine).not.toContain('low confidence');
  });
});

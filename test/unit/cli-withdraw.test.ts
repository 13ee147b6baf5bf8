import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { captureIo } from '../support/cli-io.ts';
import { plantedProtocol } from '../support/planted-protocol.ts';

const ENV = { PARAGRAF_USER: 'Eva', PUBLIC_BASE_URL: '' };
const ID = 'alingsas-kommunstyrelsen-2024-03-06-5';
const PLANT = 'Vombatgrändens pumpstation';

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-withdraw-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesHolding(root: string, needle: string): string[] {
  return (
    readdirSync(root, { recursive: true, withFileTypes: true }) as Array<{
      isFile(): boolean;
      parentPath: string;
      name: string;
    }>
  )
    .filter((e) => e.isFile() && readFileSync(join(e.parentPath, e.name)).includes(needle))
    .map((e) => join(e.parentPath, e.name));
}

describe('paragraf withdraw in-process', () => {
  it('withdraws a published §; the next publish leaves it in no file under public/, the decision keeps who and why', async () => {
    const file = join(tmp, 'alingsas-kommunstyrelsen-2024-03-06.txt');
    writeFileSync(file, plantedProtocol({ title: `Yttrande om ${PLANT}` }));
    const store = join(tmp, 'store');
    expect(await main(['ingest', '--data', store, file], captureIo(ENV))).toBe(0);
    expect(await main(['publish', '--data', store], captureIo(ENV))).toBe(0);
    expect(filesHolding(join(store, 'public'), PLANT).length).toBeGreaterThan(5);

    const usage = captureIo(ENV);
    expect(await main(['withdraw', ID, '--data', store], usage)).toBe(2);
    expect(usage.err).toContain('--reason');
    const unknown = captureIo(ENV);
    expect(
      await main(['withdraw', 'alingsas-kommunstyrelsen-2024-03-06-99', '--reason', 'x', '--data', store], unknown),
    ).toBe(1);

    const withdraw = captureIo(ENV);
    expect(
      await main(['withdraw', ID, '--reason', 'Uppgifter om enskild', '--data', store], withdraw),
      withdraw.err,
    ).toBe(0);
    expect(withdraw.out).toContain(`withdrawn ${ID}`);
    const publish = captureIo(ENV);
    expect(await main(['publish', '--data', store], publish), publish.err).toBe(0);
    expect(publish.out).toMatch(/erased: +1 withdrawn §/u);
    expect(filesHolding(join(store, 'public'), PLANT)).toEqual([]);
    expect(filesHolding(join(store, 'public'), 'Uppgifter om enskild')).toEqual([]);

    const show = captureIo(ENV);
    expect(await main(['review', 'show', ID, '--json', '--data', store], show)).toBe(0);
    const detail = JSON.parse(show.out) as {
      item: { state: string };
      decision: { history: Array<{ action: string; by: string; reason: string }> };
    };
    expect(detail.item.state).toBe('withdrawn');
    expect(detail.decision.history).toMatchObject([{ action: 'withdraw', by: 'Eva', reason: 'Uppgifter om enskild' }]);
  });
});

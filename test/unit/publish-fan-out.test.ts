import { describe, expect, it } from 'vitest';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { publishDatasets } from '../../functions/pipeline/publish-datasets.ts';
import { FanOutError, finishPublish, planPublish, publishPart } from '../../functions/pipeline/publish-fan-out.ts';
import { generateArchive } from '../../functions/pipeline/synthetic/generate-archive.ts';
import { readManifest } from '../../functions/published/public-store.ts';
import { createJsonLogger } from '../../functions/handlers/support/json-logger.ts';
import { readPublishConfig } from '../../functions/handlers/support/publish-config.ts';
import { runId, runStep } from '../../functions/handlers/support/publish-handler.ts';
import { newClock, publishOptions } from './publish-support.ts';

/**
 * A publish fanned out per municipality (plan, parts in any order, finish) must publish exactly what one run does:
 * the same files under public/, byte for byte, the same manifest, the markers retired, and nothing left of the run.
 */
async function archive(meetings: number): Promise<MemoryBlobStore> {
  const store = new MemoryBlobStore();
  await generateArchive(store, { meetings, seed: 3 });
  return store;
}

async function tree(store: MemoryBlobStore, prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for await (const meta of store.list(prefix))
    out.set(meta.key, Buffer.from((await store.get(meta.key))!).toString('base64'));
  return out;
}

describe('publish fanned out per municipality', () => {
  it('publishes the same files and manifest as one run, from parts run in any order', async () => {
    const one = await archive(70);
    const fanned = await archive(70);
    const single = await publishDatasets({ store: one, clock: newClock() }, publishOptions());
    const deps = { store: fanned, clock: newClock() };
    const plan = await planPublish(deps, publishOptions(), 'run-1');
    expect(plan.municipalities.length).toBeGreaterThan(3);
    const half = Math.floor(plan.municipalities.length / 2);
    await publishPart(deps, 'run-1', plan.municipalities.slice(half).reverse());
    await publishPart(deps, 'run-1', plan.municipalities.slice(0, half));
    const summary = await finishPublish(deps, publishOptions(), 'run-1');
    expect({ ...summary, puts: 0, deletes: 0 }).toEqual({ ...single, puts: 0, deletes: 0 });
    expect(await tree(fanned, 'public/')).toEqual(await tree(one, 'public/'));
    expect([...(await tree(fanned, 'pending/')).keys()]).toEqual([]);
    expect([...(await tree(fanned, 'publish-runs/')).keys()]).toEqual([]);
  });

  it('does not switch before every part is done, and a part can be run again', async () => {
    const store = await archive(30);
    const deps = { store, clock: newClock() };
    const plan = await planPublish(deps, publishOptions({ full: true }), 'run-2');
    await publishPart(deps, 'run-2', plan.municipalities.slice(1));
    await expect(finishPublish(deps, publishOptions(), 'run-2')).rejects.toThrow(FanOutError);
    expect(await readManifest(store)).toBeNull();
    await publishPart(deps, 'run-2', plan.municipalities); // the first again, and the rest once more: idempotent
    const summary = await finishPublish(deps, publishOptions(), 'run-2');
    expect(summary).toMatchObject({ changed: true, full: true, sequence: 1 });
  });

  it('refuses a plan made against a version that is no longer the published one', async () => {
    const store = await archive(20);
    const deps = { store, clock: newClock() };
    const plan = await planPublish(deps, publishOptions(), 'run-3');
    await publishDatasets(deps, publishOptions());
    await expect(publishPart(deps, 'run-3', plan.municipalities)).rejects.toThrow(/planned against version 0/u);
    await expect(finishPublish(deps, publishOptions(), 'run-3')).rejects.toThrow(FanOutError);
    await expect(planPublish(deps, publishOptions(), '../x')).rejects.toThrow(/bad run id/u);
  });

  it('runs in the publish function step by step, as the state machine (infra/publish-fan-out.ts) invokes it', async () => {
    const store = await archive(25);
    const clock = newClock();
    const lines: string[] = [];
    const config = readPublishConfig({
      DATA_BUCKET: 'data',
      PUBLIC_BASE_URL: 'https://protokoll.example.se',
      MUNICIPALITY: 'Testby kommun',
    });
    const deps = {
      store,
      clock,
      config,
      logger: createJsonLogger({ write: (l) => lines.push(l), now: () => clock.now() }),
    };
    const plan = (await runStep({ step: 'plan', execution: 'Republish_2026-12-06', full: true }, deps)) as {
      run: string;
      municipalities: string[];
    };
    expect(plan.run).toBe(runId('Republish_2026-12-06'));
    expect(plan.run).toBe('republish-2026-12-06');
    for (const municipality of plan.municipalities) await runStep({ step: 'part', run: plan.run, municipality }, deps);
    expect(await runStep({ step: 'finish', run: plan.run }, deps)).toEqual({
      run: plan.run,
      sequence: 1,
      changed: true,
    });
    expect((await readManifest(store))?.totals.meetings).toBe(25);
    expect(lines.some((l) => l.includes('"published"'))).toBe(true);
  });
});

/**
 * The real connectors and the real polite HTTP client, wired as the CLI wires them, but with a clock that moves only
 * when the client sleeps: tests run at full speed and assert the schedule the client kept (request times per host,
 * backoff waits), never elapsed time.
 */
import { createHarvestClient, type HarvestClient } from '../../../functions/adapters/portals/harvest-client.ts';
import type { HttpEvent } from '../../../functions/adapters/http/polite-http-client.ts';
import { parseSourceDefinition, type SourceDefinition } from '../../../functions/core/harvest/source-definition.ts';
import { fixedClock } from '../../../functions/ports/clock.ts';

export const TEST_CONTACT = 'harvest-test@paragraf.example';

export interface Harness {
  client: HarvestClient;
  clock: ReturnType<typeof fixedClock>;
  sleeps: number[];
  events: HttpEvent[];
  /** Start times (ms, injected clock) of the requests sent to `host`. */
  startsAt(host: string): number[];
}

export function harness(sources: readonly SourceDefinition[], start = '2026-06-20T08:00:00Z'): Harness {
  const clock = fixedClock(start);
  const sleeps: number[] = [];
  const events: HttpEvent[] = [];
  const client = createHarvestClient(
    sources,
    TEST_CONTACT,
    {
      clock,
      sleep: async (ms) => {
        sleeps.push(ms);
        clock.advance(ms);
      },
      onEvent: (e) => events.push(e),
    },
    { timeoutMs: 30_000 },
  );
  return {
    client,
    clock,
    sleeps,
    events,
    startsAt: (host) =>
      events
        .filter(
          (e): e is Extract<HttpEvent, { type: 'request' }> => e.type === 'request' && new URL(e.url).host === host,
        )
        .map((e) => e.at),
  };
}

/** A source definition for a fake portal, validated like the shipped ones. */
export function testSource(fields: Record<string, unknown>): SourceDefinition {
  return parseSourceDefinition({ status: 'active', bodies: [], municipality: 'Alingsås', ...fields }, 'test source');
}

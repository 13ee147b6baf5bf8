import { checkedContact } from '../../core/harvest/contact.ts';
import { sourceHosts, type SourceDefinition } from '../../core/harvest/source-definition.ts';
import type { Clock } from '../../ports/clock.ts';
import type { HttpTransport, Sleep } from '../../ports/http-client.ts';
import type { PortalConnector } from '../../ports/portal-connector.ts';
import { createFetchTransport } from '../http/fetch-transport.ts';
import {
  DEFAULT_POLITENESS,
  PoliteHttpClient,
  userAgent,
  type HttpEvent,
  type PolitenessOptions,
} from '../http/polite-http-client.ts';
import { createConnector, hostPolicies } from './connectors.ts';

export interface HarvestClientDeps {
  clock: Clock;
  sleep: Sleep;
  transport?: HttpTransport;
  onEvent?: (event: HttpEvent) => void;
}

export interface HarvestClient {
  http: PoliteHttpClient;
  connectorFor(source: SourceDefinition): PortalConnector;
  /** The recorded reason when robots rules are overridden for the source, for the run's record. */
  robotsOverrideFor(source: SourceDefinition): string | undefined;
}

/**
 * One polite client for every source of a run (so two sources on one host share its pace) and a connector per source.
 * The composition roots (CLI, harvest Lambda) call this; tests pass a fake clock and sleep to see the schedule.
 */
export function createHarvestClient(
  sources: readonly SourceDefinition[],
  contact: string,
  deps: HarvestClientDeps,
  settings: Partial<
    Pick<PolitenessOptions, 'concurrency' | 'retries' | 'backoffBaseMs' | 'maxBackoffMs' | 'maxBytes' | 'timeoutMs'>
  > = {},
): HarvestClient {
  const options: PolitenessOptions = {
    ...DEFAULT_POLITENESS,
    ...settings,
    ...hostPolicies(sources),
    userAgent: userAgent(checkedContact(contact)),
  };
  const http = new PoliteHttpClient(options, {
    transport: deps.transport ?? createFetchTransport(),
    clock: deps.clock,
    sleep: deps.sleep,
    ...(deps.onEvent ? { onEvent: deps.onEvent } : {}),
  });
  const ctx = {
    http,
    robotsToken: options.robotsToken,
    robotsApply: (url: string) => http.robotsOverrideReason(new URL(url).host) === undefined,
  };
  return {
    http,
    connectorFor: (source) => createConnector(source, ctx),
    robotsOverrideFor: (source) =>
      source.robots === undefined
        ? undefined
        : sourceHosts(source)
            .map((h) => http.robotsOverrideReason(h))
            .find((r) => r),
  };
}

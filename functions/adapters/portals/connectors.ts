import {
  DEFAULT_NETPUBLICATOR_API,
  sourceHosts,
  type PortalSystem,
  type SourceDefinition,
} from '../../core/harvest/source-definition.ts';
import type { PortalConnector } from '../../ports/portal-connector.ts';
import type { PolitenessOptions } from '../http/polite-http-client.ts';
import { CiceronConnector } from './ciceron-connector.ts';
import { MeetingsPlusConnector } from './meetings-plus-connector.ts';
import { NetpublicatorConnector } from './netpublicator-connector.ts';
import type { ConnectorContext } from './portal-http.ts';
import { SiteVisionConnector } from './sitevision-connector.ts';

/** One registry of the systems: which adapter reads each, and what pace its hosts need. */
const FACTORIES: Record<PortalSystem, (source: SourceDefinition, ctx: ConnectorContext) => PortalConnector> = {
  ciceron: (s, c) => new CiceronConnector(s, c),
  netpublicator: (s, c) => new NetpublicatorConnector(s, c),
  'meetings-plus': (s, c) => new MeetingsPlusConnector(s, c),
  sitevision: (s, c) => new SiteVisionConnector(s, c),
};

export function createConnector(source: SourceDefinition, ctx: ConnectorContext): PortalConnector {
  return FACTORIES[source.system](source, ctx);
}

/**
 * Netpublicator's document host has answered a temporary 403 to harvesters that asked every second (PORTALS.md:
 * "space requests a few seconds apart"), so its API host gets three seconds unless the source sets its own pace, and
 * 403 counts as "try again later" there.
 */
const NETPUBLICATOR_INTERVAL_MS = 3000;

export type HostPolicies = Pick<PolitenessOptions, 'hostIntervalsMs' | 'hostRetryStatuses' | 'robotsOverrides'>;

/** The per-host settings the sources of one run need; when two sources share a host, the slower pace wins. */
export function hostPolicies(sources: readonly SourceDefinition[]): HostPolicies {
  const intervals: Record<string, number> = {};
  const retries: Record<string, number[]> = {};
  const robots: Record<string, string> = {};
  const slower = (host: string, ms: number): void => {
    intervals[host] = Math.max(intervals[host] ?? 0, ms);
  };
  for (const source of sources) {
    const hosts = sourceHosts(source);
    if (source.minIntervalMs !== undefined) for (const host of hosts) slower(host, source.minIntervalMs);
    if (source.system === 'netpublicator') {
      const api = new URL(source.netpublicator?.apiBase ?? DEFAULT_NETPUBLICATOR_API).host;
      slower(api, source.minIntervalMs ?? NETPUBLICATOR_INTERVAL_MS);
      retries[api] = [403];
    }
    if (source.robots !== undefined) {
      for (const host of hosts)
        robots[host] = `${source.robots.reason} (decided by ${source.robots.decidedBy}; source ${source.id})`;
    }
  }
  return { hostIntervalsMs: intervals, hostRetryStatuses: retries, robotsOverrides: robots };
}

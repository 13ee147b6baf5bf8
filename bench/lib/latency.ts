import { Agent, get } from 'node:http';

/**
 * Latency of individual requests at a fixed, modest concurrency (what a user of a search box sees), as opposed to
 * autocannon's saturation runs: `clients` keep-alive connections each send the next request when the previous
 * answered. Every response is read to the end; a non-2xx answer or a socket error is counted, not timed.
 */
export interface LatencySample {
  /** Milliseconds of the successful requests, in completion order. */
  times: number[];
  failures: number;
}

export async function sampleLatency(
  baseUrl: string,
  paths: readonly string[],
  clients: number,
): Promise<LatencySample> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const sample: LatencySample = { times: [], failures: 0 };
  let next = 0;
  const client = async () => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const start = performance.now();
      const ok = await request(agent, `${baseUrl}${path}`);
      if (ok) sample.times.push(performance.now() - start);
      else sample.failures++;
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  return sample;
}

function request(agent: Agent, url: string): Promise<boolean> {
  return new Promise((resolve) => {
    get(url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve((res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300));
      res.on('error', () => resolve(false));
    }).on('error', () => resolve(false));
  });
}

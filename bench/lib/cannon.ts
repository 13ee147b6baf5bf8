import autocannon, { type Result } from 'autocannon';

/**
 * One autocannon run: `connections` keep-alive connections sending the given paths round-robin (each connection
 * walks the list from its own offset) for `seconds`.
 */
export interface CannonRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Socket errors, timeouts and non-2xx answers. */
  errors: number;
  requests: number;
}

export async function cannon(
  url: string,
  paths: readonly string[],
  connections: number,
  seconds: number,
): Promise<CannonRun> {
  let next = 0;
  const result: Result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        setupRequest: (request) => {
          request.path = paths[next++ % paths.length]!;
          return request;
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
  };
}

/**
 * A fake portal's HTTP server on 127.0.0.1 (a free port): every request is recorded (method, raw path with query,
 * headers, body) and answered by the fake's handler. No test touches the network beyond loopback.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query exactly as sent (not decoded). */
  rawPath: string;
  pathname: string;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: string;
}

export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

export interface FakeServer {
  origin: string;
  /** host:port, as the harvester's per-host pacing and error counts name it. */
  host: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

export type FakeHandler = (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;

export async function startLoopbackServer(handler: FakeHandler): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then(async (body) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        rawPath: req.url ?? '/',
        pathname: url.pathname,
        query: url.searchParams,
        headers,
        body,
      };
      requests.push(recorded);
      let response: FakeResponse;
      try {
        response = await handler(recorded);
      } catch (error) {
        response = { status: 500, body: `fake portal bug: ${String(error)}` };
      }
      res.writeHead(response.status, response.headers ?? {});
      res.end(req.method === 'HEAD' ? undefined : response.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => resolve(body));
  });
}

export const html = (body: string, title = 'Kommunen'): FakeResponse => ({
  status: 200,
  headers: { 'content-type': 'text/html; charset=utf-8' },
  body: `<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
});

export const json = (value: unknown, headers: Record<string, string> = {}): FakeResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: JSON.stringify(value),
});

export const pdf = (bytes: Uint8Array): FakeResponse => ({
  status: 200,
  headers: { 'content-type': 'application/pdf' },
  body: bytes,
});

/** What many municipal sites answer for a wrong URL: a friendly page, with status 200 (a soft 404). */
export const sidanSaknas = (): FakeResponse =>
  html('<h1>Sidan saknas</h1><p>Sidan du söker finns inte.</p>', 'Sidan saknas - Kommunen');

export const notFound = (): FakeResponse => ({
  status: 404,
  headers: { 'content-type': 'text/plain' },
  body: 'Not found',
});

/** A small but well-formed-looking PDF whose bytes are unique to `label`. */
export function fakePdf(label: string): Uint8Array {
  return new TextEncoder().encode(
    `%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** robots.txt answers: a body for 200, or null for a 404 (no rules). */
export function robotsResponse(robots: string | null | undefined): FakeResponse {
  if (robots === null || robots === undefined) return notFound();
  return { status: 200, headers: { 'content-type': 'text/plain' }, body: robots };
}

import { serve, type ServerType } from '@hono/node-server';
import { FsBlobStore } from '../../adapters/fs-blob-store.ts';
import { createApp } from '../../api/create-app.ts';
import { EXIT, UsageError, type Command } from '../command.ts';
import { parseOptions } from '../options.ts';
import { DEFAULT_DATA_DIR } from '../data-dir.ts';

const NAME = 'serve';
export const DEFAULT_PORT = 3000;
export const DEFAULT_HOST = '127.0.0.1';

const OPTIONS = {
  data: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'base-url': { type: 'string' },
  'cache-mb': { type: 'string' },
  admin: { type: 'boolean' },
} as const;

export const serveCommand: Command = {
  name: NAME,
  summary: 'Serve the API, the web pages and the published files from the store',
  help: `Usage: paragraf serve [options]

Serves what 'paragraf publish' wrote (docs/api.md): the JSON API under /v1 (docs at /v1/docs), the web pages and
the published files under /datasets. Picks up a new publish within seconds, without a restart. Stop with Ctrl-C.

Options:
  --data DIR              the store folder (default ${DEFAULT_DATA_DIR})
  --port N                TCP port (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)
  --host ADDR             address to listen on (default ${DEFAULT_HOST}; 0.0.0.0 for every interface)
  --base-url URL          public URL for links (default $PUBLIC_BASE_URL; else http://localhost:PORT on a loopback
                          address, or the request's own address on others, cached per address)
  --cache-mb N            memory for rendered JSON answers, reused until the next publish (default 32; 0 = off)
  --admin                 also serve the municipality's admin pages at /admin (upload, preview, publish, review,
                          notice dates, settings). Sign in with the key printed at start: $PARAGRAF_ADMIN_TOKEN, else
                          one created at the first start and kept in DIR/.#admin-token (docs/admin.md)
  -h, --help              show this help

Exit status: 0 stopped by a signal; 2 usage error; 70 internal error (e.g. the port is taken).
`,
  run: async (args, io) => {
    const { values, positionals } = parseOptions(NAME, args, OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`, NAME);
    const dataDir = values.data ?? DEFAULT_DATA_DIR;
    const port = portOption(values.port ?? io.env.PORT, NAME);
    const baseUrl = values['base-url'] ?? io.env.PUBLIC_BASE_URL;
    // Loaded only with --admin: the admin needs the PDF reader and the publisher, the public site does not.
    const admin = values.admin
      ? await (await import('../admin-server.ts')).localAdmin({
          dataDir,
          baseUrl: baseUrl || `http://localhost:${port || DEFAULT_PORT}`,
          env: io.env,
        })
      : undefined;
    const server = await startServer({
      dataDir,
      port,
      host: values.host ?? DEFAULT_HOST,
      ...(values['cache-mb'] !== undefined ? { cacheMb: cacheOption(values['cache-mb']) } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      ...(admin ? { admin: admin.app } : {}),
    });
    io.stdout(`Paragraf is serving ${dataDir} on ${server.url}  (API docs: ${server.url}v1/docs; Ctrl-C stops)\n`);
    if (admin) {
      const where = admin.tokenSource === 'environment' ? 'from $PARAGRAF_ADMIN_TOKEN' : `kept in ${admin.tokenFile}`;
      io.stdout(`Admin: ${server.url}admin  sign-in key: ${admin.token}  (${where})\n`);
    }
    const code = await untilSignal(server.server);
    await admin?.close();
    return code;
  },
};

export interface ServeOptions {
  dataDir: string;
  port: number;
  host: string;
  baseUrl?: string;
  /** Response cache size in MB (default 32, 0 = off). */
  cacheMb?: number;
  /** The admin app, answering /admin and everything under it (the public app never sees those requests). */
  admin?: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> };
}

export interface RunningServer {
  server: ServerType;
  /** http://host:port/ as a browser would type it. */
  url: string;
  port: number;
}

/** Starts the app on @hono/node-server; resolves once it listens (rejects when the port cannot be bound). */
export function startServer(options: ServeOptions): Promise<RunningServer> {
  const make = (baseUrl: string | undefined) =>
    createApp({
      store: new FsBlobStore(options.dataDir),
      ...(baseUrl ? { baseUrl } : {}),
      ...(options.cacheMb !== undefined ? { responseCacheBytes: options.cacheMb * 1024 * 1024 } : {}),
    });
  // The app is made once the port is known: listening on a loopback address, only this machine can connect, so the
  // base URL is fixed to http://localhost:PORT at start and no request's Host header ever reaches a link.
  let app: ReturnType<typeof createApp> | undefined;
  return new Promise((resolve, reject) => {
    const admin = options.admin;
    const publicFetch = (request: Request, env: unknown) => (app as ReturnType<typeof createApp>).fetch(request, env);
    const fetch = admin
      ? (request: Request, env: unknown) =>
          isAdminPath(new URL(request.url).pathname) ? admin.fetch(request, env) : publicFetch(request, env)
      : publicFetch;
    const server = serve({ fetch, port: options.port, hostname: options.host }, (info) => {
      const host =
        options.host === '0.0.0.0' || options.host === '127.0.0.1'
          ? 'localhost'
          : options.host.includes(':')
            ? `[${options.host}]`
            : options.host;
      const url = `http://${host}:${info.port}/`;
      app = make(options.baseUrl ?? (isLoopback(options.host) ? url.slice(0, -1) : undefined));
      resolve({ server, url, port: info.port });
    });
    server.once('error', reject);
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/u.test(host);
}

/** `/admin` and everything under it, however the path is spelled (the admin app then answers 404 for the unknown). */
export function isAdminPath(pathname: string): boolean {
  return /^\/+admin(?:\/|$)/iu.test(pathname);
}

function cacheOption(value: string): number {
  if (!/^\d{1,5}$/u.test(value))
    throw new UsageError(`--cache-mb must be a whole number of megabytes, got '${value}'`, NAME);
  return Number(value);
}

export function portOption(value: string | undefined, command: string): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  if (!/^\d{1,5}$/u.test(value) || Number(value) > 65535)
    throw new UsageError(`--port must be a number 0-65535, got '${value}'`, command);
  return Number(value);
}

/** Runs until SIGINT or SIGTERM, then closes the server (finishing requests in flight) and returns exit code 0. */
export function untilSignal(server: ServerType): Promise<number> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      server.close(() => resolve(EXIT.ok));
      // Keep-alive connections would hold close() open; nothing here needs them to finish gracefully.
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

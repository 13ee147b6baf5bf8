/**
 * A throwaway S3 on loopback for tests: s3rver in a child process (see s3rver-host.ts for why), on 127.0.0.1 with a
 * free port, storing into a fresh temp dir that stop() removes.
 *
 * S3 event notifications: s3rver emits an S3 event for every PutObject, CopyObject, completed multipart upload
 * (as ObjectCreated:Post) and DeleteObject. They are relayed here as Lambda-shaped `S3Event`s with the object key
 * URL-encoded the way S3 delivers it ("Håbo KF.pdf" → "H%C3%A5bo+KF.pdf"; s3rver itself sends it raw), so a handler
 * driven by them must decode keys exactly as in production. s3rver ignores bucket notification configuration (it
 * emits for every bucket); `buckets[].configs` accepts what s3rver understands: CORS and website XML.
 */
import { S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export interface S3rverBucket {
  name: string;
  /** Raw CORS or website configuration XML documents. */
  configs?: string[];
}

export interface S3rverOptions {
  /** Buckets to create before the server answers. Default: one bucket named "test-bucket". */
  buckets?: (string | S3rverBucket)[];
  /** Milliseconds to wait for the child to come up. Default 20 s (a cold tsx start on a busy 2-core CI box). */
  startTimeoutMs?: number;
}

export interface RunningS3rver {
  endpoint: string;
  /** Configured for s3rver: path-style, S3RVER/S3RVER credentials, checksums only when required. */
  client: S3Client;
  /** Every event received so far, oldest first. */
  events(): readonly S3Event[];
  /** Calls `listener` for each event from now on; returns an unsubscribe function. */
  onEvent(listener: (event: S3Event) => void): () => void;
  /** The first event (already received or still to come) that matches; rejects after `timeoutMs`. */
  waitForEvent(matches: (event: S3Event) => boolean, timeoutMs?: number): Promise<S3Event>;
  stop(): Promise<void>;
}

const HOST = fileURLToPath(new URL('./s3rver-host.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export async function startS3rver(options: S3rverOptions = {}): Promise<RunningS3rver> {
  const directory = await mkdtemp(path.join(tmpdir(), 'paragraf-s3rver-'));
  const buckets = (options.buckets ?? ['test-bucket']).map((b) =>
    typeof b === 'string' ? { name: b, configs: [] } : { name: b.name, configs: b.configs ?? [] },
  );
  const child = fork(HOST, [], {
    execArgv: ['--openssl-legacy-provider', '--import', TSX],
    env: { ...process.env, S3RVER_HOST_CONFIG: JSON.stringify({ directory, buckets }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const relay = relayEvents(child); // listening before the server answers, so no event is missed
  let port: number;
  try {
    port = await waitUntilReady(child, options.startTimeoutMs ?? 120_000);
  } catch (err) {
    child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
    throw err;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3rverClient(endpoint);
  return {
    endpoint,
    client,
    ...relay,
    stop: async () => {
      client.destroy();
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export function s3rverClient(endpoint: string): S3Client {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

function relayEvents(child: ChildProcess): Pick<RunningS3rver, 'events' | 'onEvent' | 'waitForEvent'> {
  const received: S3Event[] = [];
  const listeners = new Set<(event: S3Event) => void>();
  child.on('message', (message: { type?: string; event?: S3Event }) => {
    if (message.type !== 'event' || !message.event) return;
    const event = withEncodedKeys(message.event);
    received.push(event);
    for (const listener of listeners) listener(event);
  });
  const onEvent = (listener: (event: S3Event) => void): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };
  return {
    events: () => received,
    onEvent,
    waitForEvent: (matches, timeoutMs = 60_000) => waitForEvent(received, onEvent, matches, timeoutMs),
  };
}

function waitUntilReady(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`s3rver did not start within ${timeoutMs} ms`)), timeoutMs);
    child.on('message', (message: { type?: string; port?: number; message?: string }) => {
      if (message.type === 'ready' && message.port) {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`s3rver failed to start: ${message.message}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver host exited with code ${code} before it was ready`));
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(killer);
      resolve();
    });
    if (child.connected) child.send({ type: 'stop' });
    else child.kill('SIGTERM');
  });
}

function waitForEvent(
  received: readonly S3Event[],
  onEvent: (listener: (event: S3Event) => void) => () => void,
  matches: (event: S3Event) => boolean,
  timeoutMs: number,
): Promise<S3Event> {
  const already = received.find(matches);
  if (already) return Promise.resolve(already);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching S3 event within ${timeoutMs} ms (${received.length} received)`));
    }, timeoutMs);
    const unsubscribe = onEvent((event) => {
      if (!matches(event)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(event);
    });
  });
}

/** S3 delivers keys form-URL-encoded (space as '+', '/' kept); decode with decodeURIComponent(k.replace(/\+/g, ' ')). */
function withEncodedKeys(event: S3Event): S3Event {
  return {
    Records: event.Records.map((record) => ({
      ...record,
      s3: { ...record.s3, object: { ...record.s3.object, key: encodeS3EventKey(record.s3.object.key) } },
    })),
  };
}

export function encodeS3EventKey(key: string): string {
  return key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');
}

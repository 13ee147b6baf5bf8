/**
 * Runs s3rver in its own process, started by test/support/s3rver.ts. It lives apart because s3rver signs ListObjectsV2
 * continuation tokens with DES, which Node 17+ only offers with `--openssl-legacy-provider`; that flag is given to
 * this process alone, not to the test workers. Protocol over the IPC channel:
 *   parent → { type: 'stop' }            child → { type: 'ready', port } | { type: 'event', event } | { type: 'failed', message }
 * Configuration arrives as JSON in S3RVER_HOST_CONFIG: { directory, buckets: [{ name, configs: string[] }] }.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createRequire } from 'node:module';
import path from 'node:path';

interface HostConfig {
  directory: string;
  buckets: { name: string; configs: string[] }[];
}

interface S3rverStore {
  getBucketPath(bucket: string): string;
  getResourcePath(bucket: string, key: string, resource: string): string;
  getMetadata(bucket: string, key: string): Promise<object>;
  putMetadata(bucket: string, key: string, metadata: object, md5: string): Promise<void>;
}

interface S3rverInstance {
  store: S3rverStore;
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
  on(event: 'event', listener: (event: unknown) => void): void;
}

const require = createRequire(import.meta.url);
const S3rver = require('s3rver') as new (options: object) => S3rverInstance;
const S3Object = require('s3rver/lib/models/object') as new (b: string, k: string, c: null, m: object) => object;
const OBJECT_SUFFIX = '._S3rver_object';

const send = (message: object): void => {
  process.send?.(message);
};

async function main(): Promise<void> {
  const config = JSON.parse(process.env['S3RVER_HOST_CONFIG'] ?? '') as HostConfig;
  const instance = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: config.directory,
    configureBuckets: config.buckets,
  });
  patchListOrder(instance);
  patchAtomicPut(instance.store);
  instance.on('event', (event) => send({ type: 'event', event }));
  const { port } = await instance.run();
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'stop') void instance.close().finally(() => process.exit(0));
  });
  process.on('disconnect', () => process.exit(0)); // the test process went away: do not linger
  send({ type: 'ready', port });
}

/**
 * s3rver lists in directory-walk order ("a/x" before "a b", "a/b" before "a") and pages by comparing JS strings, so
 * a listing can repeat or drop keys across pages. Real S3 lists in UTF-8 binary order; this replaces the store's
 * listObjects with one that does, so the contract suite tests our adapter and not the emulator's walk order.
 */
function patchListOrder(instance: S3rverInstance): void {
  const store = instance.store as S3rverInstance['store'] & { listObjects: unknown };
  store.listObjects = async (bucket: string, options: ListOptions) => {
    const all = (await objectKeys(store.getBucketPath(bucket))).sort(byUtf8);
    const { prefix = '', delimiter = '', startAfter = '', maxKeys = 1000 } = options;
    const keys: string[] = [];
    const commonPrefixes = new Set<string>();
    let isTruncated = false;
    for (const key of all) {
      if (!key.startsWith(prefix) || byUtf8(key, startAfter) <= 0) continue;
      const cut = delimiter ? key.indexOf(delimiter, prefix.length) : -1;
      if (cut !== -1) {
        commonPrefixes.add(key.slice(0, cut + delimiter.length));
        continue;
      }
      if (keys.length === maxKeys) {
        isTruncated = true;
        break;
      }
      keys.push(key);
    }
    const objects = await Promise.all(
      keys.map(async (key) => new S3Object(bucket, key, null, await store.getMetadata(bucket, key))),
    );
    return { objects, commonPrefixes: [...commonPrefixes].sort(byUtf8), isTruncated };
  };
}

/**
 * s3rver streams a PUT straight into the object's file, so two concurrent PUTs to one key interleave into a mix of
 * both. Real S3 is last-writer-wins with whole objects; this writes a temp file and renames it into place.
 */
function patchAtomicPut(store: S3rverStore): void {
  const patched = store as S3rverStore & { putObject: unknown };
  patched.putObject = async (object: { bucket: string; key: string; content: Buffer | Readable; metadata: object }) => {
    const objectPath = store.getResourcePath(object.bucket, object.key, 'object');
    const tmp = `${objectPath}.tmp-${randomBytes(6).toString('hex')}`;
    await mkdir(path.dirname(objectPath), { recursive: true });
    const md5 = createHash('md5');
    let size = 0;
    const measure = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        md5.update(chunk);
        size += chunk.length;
        done(null, chunk);
      },
    });
    const source = Buffer.isBuffer(object.content) ? Readable.from([object.content]) : object.content;
    try {
      await pipeline(source, measure, createWriteStream(tmp));
      await rename(tmp, objectPath);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
    const digest = md5.digest('hex');
    await store.putMetadata(object.bucket, object.key, object.metadata, digest);
    return { size, md5: digest };
  };
}

interface ListOptions {
  prefix?: string;
  delimiter?: string;
  startAfter?: string;
  maxKeys?: number;
}

async function objectKeys(bucketPath: string): Promise<string[]> {
  const entries = await readdir(bucketPath, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(OBJECT_SUFFIX))
    .map((e) => {
      const dir = path.relative(bucketPath, e.parentPath);
      const name = e.name.slice(0, -OBJECT_SUFFIX.length);
      return dir === '' ? name : `${dir.split(path.sep).join('/')}/${name}`;
    });
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

main().catch((err: unknown) => {
  send({ type: 'failed', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  process.exit(1);
});

import { createHash, randomBytes } from 'node:crypto';
import { constants, type BigIntStats, type Dirent } from 'node:fs';
import {
  link,
  lstat,
  mkdir,
  open,
  readdir,
  readFile,
  realpath,
  rename,
  rmdir,
  unlink,
  type FileHandle,
} from 'node:fs/promises';
import path from 'node:path';
import {
  assertValidKey,
  assertValidPrefix,
  assertValidRange,
  compareKeys,
  conditionOf,
  invalidKeyReason,
  PreconditionFailedError,
  StoreError,
  type BlobBody,
  type BlobMeta,
  type BlobStore,
  type PutOptions,
} from '../ports/blob-store.ts';
import { mediaTypeByExtension } from './media-type-by-extension.ts';

/**
 * A BlobStore in a directory: key "a/b/c.json" is the file <root>/a/b/c.json, so the store can be read with ordinary
 * tools. Writes go to a temp file in the target's directory and are renamed into place (rename(2) is atomic within a
 * filesystem), so readers see the old file or the new one, never a part. Temp names contain '#', which no valid key
 * does, so they can never collide with a key and list() skips them.
 *
 * The store never follows a symbolic link: a link anywhere in a key's path is refused with a StoreError (the parent
 * directory is checked with realpath, the file itself is opened with O_NOFOLLOW), and list() does not descend into or
 * report links. That keeps a link planted inside the root from reading or writing outside it.
 *
 * Limits: a key cannot also be a prefix of another key ("a" and "a/b"), because "a" cannot be both a file and a
 * directory; such a put fails with a StoreError. Content-Type and Cache-Control are not stored; head() reports the
 * media type of the key's extension.
 */
export class FsBlobStore implements BlobStore {
  readonly root: string;
  #base: Promise<string> | undefined;

  constructor(rootDir: string) {
    this.root = path.resolve(rootDir);
  }

  async get(key: string): Promise<Uint8Array | null> {
    const handle = await this.#openForRead(key);
    if (!handle) return null;
    try {
      const buffer = await handle.readFile();
      // A plain Uint8Array view of the same memory, like the other adapters return.
      return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    } catch (err) {
      throw storeError('read', key, err);
    } finally {
      await handle.close();
    }
  }

  async getRange(key: string, start: number, end: number): Promise<Uint8Array | null> {
    assertValidRange(start, end);
    const handle = await this.#openForRead(key);
    if (!handle) return null;
    try {
      const size = Number((await handle.stat()).size);
      const from = Math.min(start, size);
      const out = new Uint8Array(Math.min(end, size) - from);
      for (let at = 0; at < out.length; ) {
        const { bytesRead } = await handle.read(out, at, out.length - at, from + at);
        if (bytesRead === 0) return out.subarray(0, at); // the file shrank while read: what there was
        at += bytesRead;
      }
      return out;
    } catch (err) {
      throw storeError('read', key, err);
    } finally {
      await handle.close();
    }
  }

  async getStream(key: string): Promise<AsyncIterable<Uint8Array> | null> {
    const handle = await this.#openForRead(key);
    // The stream owns the handle and closes it when it ends, fails or is destroyed (a consumer breaking out early).
    return handle ? handle.createReadStream({ autoClose: true }) : null;
  }

  async put(key: string, body: BlobBody, options: PutOptions = {}): Promise<void> {
    const found = await this.#locate(key);
    const target = { ...found, dir: found.dir ?? (await this.#makeDirs(found.base, key.split('/').slice(0, -1), key)) };
    const tmp = path.join(target.dir, `.#tmp-${randomBytes(8).toString('hex')}`);
    const handle = await this.#createTemp(key, target, tmp);
    let renamed = false;
    try {
      await writeBody(handle, body);
      // Durable before visible: without the sync a crash after the rename could leave an empty file under the key.
      await handle.sync();
      await handle.close();
      await this.#commit(key, tmp, target, options);
      renamed = true;
    } catch (err) {
      await handle.close().catch(() => undefined);
      if (err instanceof BodyFailed) throw err.error; // the writer's own error, unchanged
      if (err instanceof PreconditionFailedError) throw err;
      if (isSystemError(err) && err.code === 'EISDIR') {
        throw new StoreError(`cannot put ${JSON.stringify(key)}: it is a prefix of other keys`, { cause: err });
      }
      throw storeError('write', key, err);
    } finally {
      if (!renamed) await unlink(tmp).catch(() => undefined);
    }
  }

  /**
   * Moves the finished temp file into place. Unconditional: rename(2). If-None-Match: link(2), which fails when the
   * name exists, so the check and the write are one step. If-Match: under a lock file next to the key (O_EXCL, so
   * one writer at a time across processes), the etag is compared and the file renamed into place.
   */
  async #commit(key: string, tmp: string, target: { dir: string; file: string }, options: PutOptions): Promise<void> {
    const condition = conditionOf(options);
    if (condition === null) {
      await rename(tmp, target.file);
      return;
    }
    if (options.ifNoneMatch === '*') {
      try {
        await link(tmp, target.file);
      } catch (err) {
        if (isSystemError(err) && err.code === 'EEXIST') throw new PreconditionFailedError(key, condition);
        throw err;
      }
      await unlink(tmp).catch(() => undefined);
      if (options.ifMatch === undefined) return;
    }
    const lock = path.join(
      target.dir,
      `.#lock-${createHash('sha256').update(path.basename(target.file)).digest('hex').slice(0, 16)}`,
    );
    await acquireFileLock(lock);
    try {
      const current = await this.head(key);
      if (current?.etag !== options.ifMatch) throw new PreconditionFailedError(key, condition);
      await rename(tmp, target.file);
    } finally {
      await unlink(lock).catch(() => undefined);
    }
  }

  async head(key: string): Promise<BlobMeta | null> {
    const target = await this.#locate(key);
    if (!target.dir) return null;
    const stat = await lstat(target.file, { bigint: true }).catch((err: unknown) => {
      if (isMissing(err)) return null;
      throw storeError('stat', key, err);
    });
    if (!stat || stat.isDirectory()) return null;
    if (stat.isSymbolicLink()) throw new StoreError(`refusing symbolic link at ${JSON.stringify(key)}`);
    return stat.isFile() ? { ...metaOf(key, stat), contentType: mediaTypeByExtension(key) } : null;
  }

  list(prefix: string): AsyncIterable<BlobMeta> {
    assertValidPrefix(prefix);
    return this.#list(prefix);
  }

  async delete(key: string): Promise<void> {
    const target = await this.#locate(key);
    if (!target.dir) return;
    const stat = await lstat(target.file).catch((err: unknown) =>
      isMissing(err) ? null : Promise.reject(storeError('stat', key, err)),
    );
    if (!stat || stat.isDirectory()) return; // absent, or only a prefix of other keys
    await unlink(target.file).catch((err: unknown) => {
      if (!isMissing(err)) throw storeError('delete', key, err);
    });
    await this.#pruneEmptyDirs(target.base, key.split('/').slice(0, -1));
  }

  async *#list(prefix: string): AsyncGenerator<BlobMeta> {
    const slash = prefix.lastIndexOf('/');
    const dirKey = prefix.slice(0, slash + 1);
    const base = await this.#resolveBase();
    const dirSegments = dirKey.split('/').filter((s) => s !== '');
    const dir = await this.#checkedDir(base, dirSegments, dirKey);
    if (dir) yield* walk(dir, dirKey, prefix.slice(slash + 1));
  }

  /** The real path of the root, created on first use. */
  #resolveBase(): Promise<string> {
    this.#base ??= mkdir(this.root, { recursive: true })
      .then(() => realpath(this.root))
      .catch((err: unknown) => {
        this.#base = undefined;
        throw new StoreError(`cannot use ${this.root} as a store root`, { cause: err });
      });
    return this.#base;
  }

  /** Validates the key, then finds its directory (null if missing) without following any link. */
  async #locate(key: string): Promise<{ base: string; dir: string | null; file: string }> {
    assertValidKey(key);
    const base = await this.#resolveBase();
    const segments = key.split('/');
    const file = path.join(base, ...segments);
    // Defence in depth: validated segments cannot climb out, but nothing that resolves outside root gets through.
    const rel = path.relative(base, file);
    if (rel.startsWith('..') || path.isAbsolute(rel)) throw new StoreError(`key ${JSON.stringify(key)} escapes root`);
    return { base, dir: await this.#checkedDir(base, segments.slice(0, -1), key), file };
  }

  /** The directory if it exists and its real path is the expected one (no link on the way); null if missing. */
  async #checkedDir(base: string, segments: readonly string[], key: string): Promise<string | null> {
    const expected = path.join(base, ...segments);
    let real: string;
    try {
      real = await realpath(expected);
    } catch (err) {
      if (isMissing(err)) return null;
      throw storeError('resolve', key, err);
    }
    if (real !== expected) throw new StoreError(`refusing symbolic link in the path of ${JSON.stringify(key)}`);
    const stat = await lstat(real).catch((err: unknown) =>
      isMissing(err) ? null : Promise.reject(storeError('stat', key, err)),
    );
    return stat?.isDirectory() ? real : null;
  }

  /** mkdir one level at a time, so a link on the way is seen before anything is created behind it. */
  async #makeDirs(base: string, segments: readonly string[], key: string): Promise<string> {
    let dir = base;
    for (const segment of segments) {
      dir = path.join(dir, segment);
      await mkdir(dir).catch((err: unknown) => {
        if (!isSystemError(err) || err.code !== 'EEXIST') throw storeError('mkdir', key, err);
      });
      const stat = await lstat(dir);
      if (stat.isSymbolicLink()) throw new StoreError(`refusing symbolic link in the path of ${JSON.stringify(key)}`);
      if (!stat.isDirectory()) {
        throw new StoreError(
          `cannot put ${JSON.stringify(key)}: ${path.relative(base, dir)} is an object, not a prefix`,
        );
      }
    }
    return dir;
  }

  /** Creates the temp file; retries when a concurrent delete pruned the freshly made directory in between. */
  async #createTemp(key: string, target: { base: string; dir: string }, tmp: string): Promise<FileHandle> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644);
      } catch (err) {
        if (!isMissing(err) || attempt >= 3) throw storeError('create temp file for', key, err);
        await this.#makeDirs(target.base, key.split('/').slice(0, -1), key);
      }
    }
  }

  async #openForRead(key: string): Promise<FileHandle | null> {
    const target = await this.#locate(key);
    if (!target.dir) return null;
    let handle: FileHandle;
    try {
      handle = await open(target.file, constants.O_RDONLY | constants.O_NOFOLLOW);
    } catch (err) {
      if (isMissing(err)) return null;
      if (isSystemError(err) && err.code === 'ELOOP') {
        throw new StoreError(`refusing symbolic link at ${JSON.stringify(key)}`, { cause: err });
      }
      throw storeError('open', key, err);
    }
    const stat = await handle.stat();
    if (stat.isFile()) return handle;
    await handle.close(); // a directory: only a prefix of other keys, not an object
    return null;
  }

  /** S3 has no empty "directories"; removing them keeps a deleted prefix free to become a key again. */
  async #pruneEmptyDirs(base: string, segments: readonly string[]): Promise<void> {
    for (let n = segments.length; n > 0; n--) {
      try {
        await rmdir(path.join(base, ...segments.slice(0, n)));
      } catch {
        return; // not empty (or already gone): the ancestors are not empty either
      }
    }
  }
}

/** Depth-first in key order: a directory "a" sorts as "a/", so "a b" < "a.txt" < "a/…" < "a0", as S3 lists them. */
async function* walk(dir: string, keyPrefix: string, namePrefix: string): AsyncGenerator<BlobMeta> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if (isMissing(err)) return; // removed while we were listing
    throw new StoreError(`cannot list ${JSON.stringify(keyPrefix)}`, { cause: err });
  }
  const items = entries
    .filter((e) => e.name.startsWith(namePrefix) && (e.isFile() || e.isDirectory()))
    .filter((e) => invalidKeyReason(keyPrefix + e.name) === null) // temp files and foreign names
    .map((e) => ({ entry: e, order: e.isDirectory() ? `${e.name}/` : e.name }))
    .sort((a, b) => compareKeys(a.order, b.order));
  for (const { entry } of items) {
    const full = path.join(dir, entry.name);
    const key = keyPrefix + entry.name;
    if (entry.isDirectory()) {
      yield* walk(full, `${key}/`, '');
      continue;
    }
    const stat = await lstat(full, { bigint: true }).catch(() => null);
    if (stat?.isFile()) yield metaOf(key, stat); // else deleted or replaced meanwhile
  }
}

function metaOf(key: string, stat: BigIntStats): BlobMeta {
  return {
    key,
    size: Number(stat.size),
    // Every put makes a new file (new inode, while the old one still exists) with a nanosecond mtime: consecutive
    // versions never share a tag.
    etag: `W/"${stat.ino.toString(16)}-${stat.size.toString(16)}-${stat.mtimeNs.toString(16)}"`,
    lastModified: new Date(Number(stat.mtimeMs)),
  };
}

const utf8 = new TextEncoder();

/** How long a writer waits for another's If-Match lock before giving up (they are held for one stat and one rename). */
const LOCK_WAIT_MS = 30_000;

/**
 * Creates `lock` with O_EXCL, waiting while another writer holds it. A lock whose process is gone (a crash between
 * create and unlink) is taken over; the file names its holder's pid.
 */
async function acquireFileLock(lock: string): Promise<void> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let pause = 1; ; pause = Math.min(pause * 2, 50)) {
    try {
      const handle = await open(
        lock,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
        0o644,
      );
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return;
    } catch (err) {
      if (!isSystemError(err) || err.code !== 'EEXIST') throw err;
    }
    const pid = Number((await readFile(lock, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(pid) && pid > 0 && !processExists(pid)) {
      await unlink(lock).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline) throw new StoreError(`lock ${lock} is held by process ${pid || 'unknown'}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isSystemError(err) && err.code === 'EPERM';
  }
}

/** Streams the body to the file chunk by chunk; never holds more than one chunk of a streaming body. */
async function writeBody(handle: FileHandle, body: BlobBody): Promise<void> {
  if (typeof body === 'string' || body instanceof Uint8Array) {
    await handle.writeFile(body);
    return;
  }
  let writing = false;
  try {
    for await (const chunk of body) {
      writing = true;
      const bytes = typeof chunk === 'string' ? utf8.encode(chunk) : chunk;
      let at = 0;
      while (at < bytes.length) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
      writing = false;
    }
  } catch (err) {
    // for-await has already closed the body if the write failed; tell the two causes apart for the caller.
    throw writing ? err : new BodyFailed(err);
  }
}

/** Marks an error thrown by the caller's body (as opposed to the filesystem) so put() can rethrow it unchanged. */
class BodyFailed {
  constructor(readonly error: unknown) {}
}

interface SystemError extends Error {
  code: string;
  syscall?: string;
}

function isSystemError(err: unknown): err is SystemError {
  return err instanceof Error && typeof (err as Partial<SystemError>).code === 'string';
}

function isMissing(err: unknown): boolean {
  return isSystemError(err) && (err.code === 'ENOENT' || err.code === 'ENOTDIR');
}

function storeError(action: string, key: string, err: unknown): StoreError {
  if (err instanceof StoreError) return err;
  const code = isSystemError(err) ? ` (${err.code})` : '';
  return new StoreError(`cannot ${action} ${JSON.stringify(key)}${code}`, { cause: err });
}

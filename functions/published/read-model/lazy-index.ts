import {
  aligned,
  byPartition,
  bytesOf,
  headerBytesOf,
  hotParts,
  type IndexHeader,
  readIndexHeader,
  SectionReader,
  textIndex,
} from './index-file.ts';
import { ParagraphIndex, type ParagraphIndexParts } from './paragraph-index.ts';
import { StringBlob } from './string-blob.ts';
import type { UnitInfo } from './types.ts';

/**
 * Opening an index file lazily (docs/read-model.md): the header and the hot sections are read first and the index is
 * usable as soon as they are in; every other part arrives by ranged reads, in the background and, when a request
 * needs it sooner, at once. Reading a part that is not in yet throws IndexPartPendingError, whose `ready` settles
 * when it is: the API waits for it and answers the request afresh (create-app.ts), so no answer is ever built from
 * a part that is missing. Parts: the § lists per municipality and body, the meetings' file paths, the units' file
 * lists, the search dictionary with its postings, the case and reference maps, and the titles and excerpts in
 * windows of STRING_WINDOW bytes.
 */
export const STRING_WINDOW = 512 * 1024;
/** Bytes read first: the header fits in them unless there are very many municipalities or sections. */
const FIRST_READ = 64 * 1024;
/** Parts loaded at once in the background. */
const BACKGROUND = 4;

export class IndexPartPendingError extends Error {
  override name = 'IndexPartPendingError';
  constructor(
    readonly part: string,
    /** Settles when the part is in (rejects when reading it failed; asking again retries). */
    readonly ready: Promise<void>,
  ) {
    super(`the § index part ${part} is still being read`);
  }
}

/**
 * `read()` once the parts it needs are in: for code that runs where a request can no longer be answered afresh (a
 * streamed body). Waits for each pending part in turn; a part that cannot be read rejects.
 */
export async function whenIn<T>(read: () => T): Promise<T> {
  for (;;) {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof IndexPartPendingError)) throw error;
      await error.ready;
    }
  }
}

/** Bytes [start, end) of one file, however it is stored (index-file-ranges.ts reads a file stored in parts). */
export interface RangeReader {
  readonly size: number;
  read(start: number, end: number): Promise<Uint8Array>;
}

export interface LazyIndexOptions {
  /** Told about a failed background read (the part is read again when a request needs it). */
  onError?: (error: unknown) => void;
}

interface Loading {
  /** Settles when every part is in, or when the background stopped (stop(), or an error). */
  done: Promise<void>;
  stop(): void;
}
const loadings = new WeakMap<ParagraphIndex, Loading>();

/** Resolves when every part of a lazily opened index is in (at once for any other index). */
export function whenComplete(index: ParagraphIndex): Promise<void> {
  return loadings.get(index)?.done ?? Promise.resolve();
}

/**
 * An index composed over lazily opened ones (api/read-model/segments.ts) is complete when they all are. Stopping it
 * stops nothing: its parts belong to the indexes it was composed from, which may serve the next version too.
 */
export function completesWith(index: ParagraphIndex, sources: readonly ParagraphIndex[]): void {
  loadings.set(index, { done: Promise.all(sources.map(whenComplete)).then(() => undefined), stop: () => undefined });
}

/** Stops reading the rest of an index in the background (a newer version replaced it); requests still can. */
export function stopBackground(index: ParagraphIndex): void {
  loadings.get(index)?.stop();
}

export async function openIndexLazily(reader: RangeReader, options: LazyIndexOptions = {}): Promise<ParagraphIndex> {
  let first = await reader.read(0, Math.min(reader.size, FIRST_READ));
  const need = headerBytesOf(first);
  if (need > first.length) first = await reader.read(0, Math.min(reader.size, need));
  const header = readIndexHeader(first);
  const hot = aligned(await reader.read(0, Math.min(reader.size, header.hotBytes)));
  const parts = hotParts(header, hot, 0);
  const jobs = new Jobs();
  const readSections = async (from: string, to: string) => {
    const start = header.dataStart + header.sections[from]!.offset;
    const end = header.dataStart + header.sections[to]!.offset + bytesOf(header.sections[to]!);
    return new SectionReader(header, aligned(await reader.read(start, end)), start);
  };
  const cold = {
    files: lazyPart(jobs, 'units.files', async () =>
      (await readSections('units.files', 'units.files')).json<UnitInfo['files'][]>('units.files'),
    ),
    maps: lazyPart(jobs, 'cases', async () => {
      const r = await readSections('cases.hashes', 'references.docs');
      return {
        cases: { hashes: r.u32('cases.hashes'), docs: r.u32('cases.docs') },
        references: { hashes: r.u32('references.hashes'), docs: r.u32('references.docs') },
      };
    }),
    text: lazyPart(jobs, 'text', async () =>
      textIndex(header, await readSections('text.words.bytes', 'text.postings')),
    ),
    meetingFiles: lazyPart(jobs, 'meetings.file', async () =>
      (await readSections('meetings.file', 'meetings.file')).json<string[]>('meetings.file'),
    ),
    partitions: lazyPart(jobs, 'partitions', async () => {
      const last = header.byBody > 0 ? `byBody.${header.byBody - 1}` : `byMunicipality.${header.byMunicipality - 1}`;
      return byPartition(header, await readSections(header.byMunicipality > 0 ? 'byMunicipality.0' : last, last));
    }),
  };
  const getter = (get: () => unknown) => ({ get, enumerable: true, configurable: true });
  parts.units.forEach((unit, i) =>
    Object.defineProperty(
      unit,
      'files',
      getter(() => cold.files.value()[i]),
    ),
  );
  jobs.onDone('units.files', () => {
    const files = cold.files.value();
    parts.units.forEach((u, i) => Object.defineProperty(u, 'files', { value: files[i], enumerable: true }));
  });
  Object.defineProperty(
    parts,
    'text',
    getter(() => cold.text.value()),
  );
  Object.defineProperty(
    parts,
    'cases',
    getter(() => cold.maps.value().cases),
  );
  Object.defineProperty(
    parts,
    'references',
    getter(() => cold.maps.value().references),
  );
  Object.defineProperty(
    parts.meetings,
    'file',
    getter(() => cold.meetingFiles.value()),
  );
  Object.defineProperty(
    parts,
    'byMunicipality',
    getter(() => cold.partitions.value().byMunicipality),
  );
  Object.defineProperty(
    parts,
    'byBody',
    getter(() => cold.partitions.value().byBody),
  );
  const windows = stringWindows(header, parts, jobs, reader);
  const index = new ParagraphIndex(parts);
  const names = ['partitions', 'meetings.file', 'units.files', 'text', 'cases', ...windows.names];
  loadings.set(index, jobs.background(names, options.onError));
  return index;
}

/** A part read by a job: value() returns it once in, else throws IndexPartPendingError (and starts the job). */
function lazyPart<T>(jobs: Jobs, name: string, read: () => Promise<T>): { value(): T } {
  let value: { v: T } | undefined;
  jobs.define(name, async () => {
    value = { v: await read() };
  });
  return {
    value: () => {
      if (value) return value.v;
      throw new IndexPartPendingError(name, jobs.need(name));
    },
  };
}

/** The string blob over chunks filled window by window; returns the window jobs in file order. */
function stringWindows(
  header: IndexHeader,
  parts: ParagraphIndexParts,
  jobs: Jobs,
  reader: RangeReader,
): { names: string[] } {
  const chunks: Buffer[] = [];
  const loaded: Uint8Array[] = [];
  const names: string[] = [];
  let missing = 0;
  for (let c = 0; c < header.stringChunks; c++) {
    const s = header.sections[`strings.${c}`]!;
    chunks.push(Buffer.alloc(s.length)); // zero pages: memory is taken as windows arrive
    const count = Math.ceil(s.length / STRING_WINDOW);
    loaded.push(new Uint8Array(count));
    missing += count;
    for (let w = 0; w < count; w++) {
      const name = `strings.${c}.${w}`;
      names.push(name);
      jobs.define(name, async () => {
        const from = w * STRING_WINDOW;
        const to = Math.min(s.length, from + STRING_WINDOW);
        const start = header.dataStart + s.offset + from;
        chunks[c]!.set(await reader.read(start, start + (to - from)), from);
        loaded[c]![w] = 1;
        if (--missing === 0) blob.complete();
      });
    }
  }
  const blob = StringBlob.filledLater(chunks, (chunk, offset, length) => {
    const last = Math.floor((offset + Math.max(0, length - 1)) / STRING_WINDOW);
    const pending: Promise<void>[] = [];
    for (let w = Math.floor(offset / STRING_WINDOW); w <= last; w++)
      if (loaded[chunk]?.[w] !== 1) pending.push(jobs.need(`strings.${chunk}.${w}`));
    if (pending.length > 0)
      throw new IndexPartPendingError(
        'strings',
        Promise.all(pending).then(() => undefined),
      );
  });
  if (missing === 0) blob.complete();
  parts.strings = blob;
  return { names };
}

/**
 * Named reads, each run at most once at a time; a failed one may be run again. Reads a request waits for come first:
 * the background starts a read only while none of those is in flight.
 */
class Jobs {
  readonly #defined = new Map<string, () => Promise<void>>();
  readonly #running = new Map<string, Promise<void>>();
  readonly #done = new Set<string>();
  readonly #after = new Map<string, () => void>();
  #demanded = 0;
  #idle: Array<() => void> = [];

  define(name: string, run: () => Promise<void>): void {
    this.#defined.set(name, run);
  }

  onDone(name: string, then: () => void): void {
    this.#after.set(name, then);
  }

  /** Starts the read unless it is running or done; resolves when it is done. */
  need(name: string, demanded = true): Promise<void> {
    if (this.#done.has(name)) return Promise.resolve();
    let running = this.#running.get(name);
    if (!running) {
      if (demanded) this.#demanded++;
      const settled = () => {
        this.#running.delete(name);
        if (demanded && --this.#demanded === 0) for (const go of this.#idle.splice(0)) go();
      };
      running = this.#defined.get(name)!().then(
        () => {
          this.#done.add(name);
          settled();
          this.#after.get(name)?.();
        },
        (error: unknown) => {
          settled();
          throw error;
        },
      );
      this.#running.set(name, running);
    }
    return running;
  }

  /** Resolves when no read a request waits for is in flight. */
  #whenIdle(): Promise<void> {
    return this.#demanded === 0 ? Promise.resolve() : new Promise((go) => this.#idle.push(go));
  }

  /** Runs the jobs in order, BACKGROUND at a time, until all are done, one fails or stop() is called. */
  background(names: readonly string[], onError?: (error: unknown) => void): Loading {
    let stopped = false;
    let next = 0;
    const worker = async (): Promise<void> => {
      // After the requests that are already waiting for this index have said what they need.
      await new Promise((go) => setTimeout(go, 0));
      while (!stopped && next < names.length) {
        await this.#whenIdle();
        if (!stopped && next < names.length) await this.need(names[next++]!, false);
      }
    };
    const done = Promise.all(Array.from({ length: BACKGROUND }, worker)).then(
      () => undefined,
      (error: unknown) => {
        stopped = true;
        onError?.(error);
      },
    );
    return { done, stop: () => (stopped = true) };
  }
}

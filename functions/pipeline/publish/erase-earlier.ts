/**
 * Erasure of withdrawn § from every earlier published version (docs/publishing.md, "Withdrawal and erasure").
 *
 * Published files are content-addressed and a snapshot pins them by path and sha256, so a § cannot simply be cut out
 * of a file: every unit version that held it is rendered again without it, exactly as the publisher would have
 * written it (from its own published meeting files), under new content-addressed names, and each snapshot manifest
 * that listed the old files is rewritten to list the new ones. An earlier snapshot whose dump held the § loses its
 * dump and the metadata that described it (its units still pin its whole state; rebuilding a dump per snapshot would
 * make one withdrawal cost a full dump for every publish ever made); the new version gets a fresh dump. Snapshot manifests are therefore immutable except for this erasure, which the law requires (GDPR art. 17,
 * dataskyddslagen): the only files under public/ ever rewritten at the same name besides the fixed-name ones.
 *
 * The old files are not deleted here: the current manifest lists them until the new version is switched in. The
 * caller deletes what `garbage` names after the switch (erase-sweep.ts adds what no manifest lists any more: folders
 * of crashed runs, old chunk and dump versions).
 */
import type { MeetingDocument, PublishedParagraph } from '../../core/render/records.ts';
import type { Paragraph } from '../../core/records/types.ts';
import type { BlobStore } from '../../ports/blob-store.ts';
import { shortHash } from '../../lib/hash.ts';
import {
  type ChunkEntry,
  type MunicipalityEntry,
  type PublicManifest,
  totalsOf,
  type UnitEntry,
} from '../../published/manifest.ts';
import { municipalityIndexPath, unitKey, type UnitRef } from '../../published/paths.ts';
import { readModelPaths } from '../../published/read-model/segments.ts';
import {
  exists,
  fileEntry,
  JSON_TYPE,
  jsonBytes,
  readMunicipalityIndex,
  readReferenced,
  readUnitManifest,
  putFile,
} from '../../published/public-store.ts';
import { renderUnitMeetings, type UnitMeeting } from './render-unit.ts';
import { unitEntry, writeFolder } from './unit-update.ts';
import type { ChunkEraser } from './erase-chunks.ts';

/** What to erase: § ids, and the units whose versions can hold them. */
export interface ErasureTarget {
  ids: ReadonlySet<string>;
  units: ReadonlyMap<string, UnitRef>;
}

export class PublishedEraser {
  /** Paths (relative to public/) no rewritten manifest lists any more; deleted after the switch. */
  readonly garbage = new Set<string>();
  writes = 0;
  readonly #units = new Map<string, UnitEntry>();
  readonly #indexes = new Map<string, MunicipalityEntry>();
  readonly #dumps = new Map<string, boolean>();

  constructor(
    private readonly store: BlobStore,
    private readonly target: ErasureTarget,
    private readonly chunks: ChunkEraser,
  ) {}

  /**
   * The manifest with every listed file that held an erased § replaced by its erased version; the same object when
   * nothing in it held one. `withDump: false` for the draft of the new version, whose dump and metadata the publish
   * writes afresh.
   */
  async manifest(m: PublicManifest, withDump = true): Promise<PublicManifest> {
    const municipalities = { ...m.municipalities };
    let changed = false;
    for (const slug of new Set([...this.target.units.values()].map((u) => u.municipality))) {
      const entry = m.municipalities[slug];
      if (!entry) continue;
      const next = await this.#municipality(slug, entry, m.baseUrl);
      if (next !== entry) {
        municipalities[slug] = next;
        changed = true;
      }
    }
    const chunks: ChunkEntry[] = [];
    for (const c of m.changes.chunks) {
      const next = await this.chunks.erased(c);
      if (next !== c) changed = true;
      chunks.push(next);
    }
    let next: PublicManifest = changed
      ? { ...m, municipalities, totals: totalsOf(municipalities), changes: { ...m.changes, chunks } }
      : m;
    if (withDump && m.dump && (await this.#dumpHolds(m.dump.files['paragraphs.ndjson']?.path))) {
      next = this.#withoutDump(next);
    }
    if (next !== m && next.readModel) {
      // The version's § index segments hold titles and excerpts of the erased § too: they go, and an API reading
      // this version falls back to the (erased) unit files (docs/read-model.md).
      for (const path of readModelPaths(next.readModel)) this.garbage.add(path);
      const { readModel: _index, ...rest } = next;
      next = rest;
    }
    return next;
  }

  async #municipality(slug: string, entry: MunicipalityEntry, baseUrl: string): Promise<MunicipalityEntry> {
    const memo = `${entry.index.path}\n${baseUrl}`;
    const known = this.#indexes.get(memo);
    if (known) return known;
    const index = await readMunicipalityIndex(this.store, entry);
    const units = { ...index.units };
    let changed = false;
    for (const [name, u] of Object.entries(index.units)) {
      if (!this.target.units.has(unitKey(u))) continue;
      const next = await this.#unit(u, baseUrl);
      if (next !== u) {
        units[name] = next;
        changed = true;
      }
    }
    let result = entry;
    if (changed) {
      const bytes = jsonBytes({ ...index, units });
      const path = municipalityIndexPath(slug, shortHash(bytes));
      const file = (await exists(this.store, path))
        ? fileEntry(path, bytes, JSON_TYPE)
        : await this.#put(path, bytes, JSON_TYPE);
      this.garbage.add(entry.index.path);
      const list = Object.values(units);
      const sum = (f: (u: UnitEntry) => number) => list.reduce((n, u) => n + f(u), 0);
      result = {
        ...entry,
        index: file,
        units: list.length,
        meetings: sum((u) => u.meetings),
        paragraphs: sum((u) => u.paragraphs),
        bytes: sum((u) => u.bytes),
      };
    }
    this.#indexes.set(memo, result);
    return result;
  }

  /** One unit version without the erased §, rendered from its own published meeting files. */
  async #unit(u: UnitEntry, baseUrl: string): Promise<UnitEntry> {
    const memo = `${u.dir}\n${baseUrl}`;
    const known = this.#units.get(memo);
    if (known) return known;
    const um = await readUnitManifest(this.store, u);
    let result = u;
    if (Object.keys(um.paragraphs).some((id) => this.target.ids.has(id))) {
      const meetings: UnitMeeting[] = [];
      for (const m of Object.values(um.meetings)) {
        const doc = (await readReferenced(this.store, m.file)) as MeetingDocument;
        const paragraphs = doc.paragraphs.filter((p) => !this.target.ids.has(p.id)).map(withoutPermalink);
        if (paragraphs.length !== doc.paragraphs.length) this.garbage.add(m.file.path);
        meetings.push({ meeting: doc.meeting, paragraphs, version: m.version, sourceSha256: m.sourceSha256 });
      }
      const ref: UnitRef = { municipality: u.municipality, body: u.body, year: u.year };
      const rendered = await renderUnitMeetings(ref, meetings, baseUrl);
      this.writes += await writeFolder(this.store, rendered.dir, rendered);
      for (const f of Object.values(u.files)) this.garbage.add(f.path);
      for (const f of Object.values(um.files)) this.garbage.add(f.path);
      result = unitEntry(ref, rendered, u.modified);
    }
    this.#units.set(memo, result);
    return result;
  }

  /** The manifest without its dump and the metadata that describes it (both go to the garbage). */
  #withoutDump(m: PublicManifest): PublicManifest {
    for (const f of Object.values(m.dump?.files ?? {})) this.garbage.add(f.path);
    for (const f of Object.values(m.metadata)) if (f) this.garbage.add(f.path);
    const { dump: _gone, ...rest } = m;
    return { ...rest, metadata: {} };
  }

  /** Whether a dump's § NDJSON holds an erased § (every line starts with the § id). */
  async #dumpHolds(path: string | undefined): Promise<boolean> {
    if (path === undefined) return true;
    const known = this.#dumps.get(path);
    if (known !== undefined) return known;
    const holds = await ndjsonHolds(this.store, path, this.target.ids);
    this.#dumps.set(path, holds);
    return holds;
  }

  async #put(path: string, bytes: Uint8Array, mediaType: string) {
    this.writes++;
    return putFile(this.store, path, bytes, mediaType);
  }
}

/** The unit entries of `m` in the target units. */
export async function targetUnits(
  store: BlobStore,
  m: PublicManifest,
  units: ReadonlyMap<string, UnitRef>,
): Promise<UnitEntry[]> {
  const out: UnitEntry[] = [];
  for (const slug of new Set([...units.values()].map((u) => u.municipality))) {
    const entry = m.municipalities[slug];
    if (!entry) continue;
    const index = await readMunicipalityIndex(store, entry);
    for (const u of Object.values(index.units)) if (units.has(unitKey(u))) out.push(u);
  }
  return out;
}

function withoutPermalink(p: PublishedParagraph): Paragraph {
  const { permalink: _link, ...paragraph } = p;
  return paragraph;
}

/**
 * Whether an NDJSON file under public/ has a line for one of `ids` (a § record starts `{"id":"…"`, a change event
 * has `"id":"…"` after its seq). Streams the file; a line is never split across the search.
 */
export async function ndjsonHolds(store: BlobStore, path: string, ids: ReadonlySet<string>): Promise<boolean> {
  const stream = await store.getStream(`public/${path}`);
  if (stream === null) return false;
  const needles = [...ids].map((id) => `"id":${JSON.stringify(id)}`);
  const decoder = new TextDecoder();
  let rest = '';
  for await (const chunk of stream) {
    const text = rest + decoder.decode(chunk, { stream: true });
    const cut = text.lastIndexOf('\n');
    const lines = cut < 0 ? '' : text.slice(0, cut);
    rest = cut < 0 ? text : text.slice(cut + 1);
    if (needles.some((n) => lines.includes(n))) return true;
  }
  rest += decoder.decode();
  return needles.some((n) => rest.includes(n));
}

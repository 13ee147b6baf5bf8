import { parseProtocol } from '../core/parse/parse-protocol.ts';
import { mergeTemplates } from '../core/parse/template-profile.ts';
import { slugify } from '../core/records/ids.ts';
import type { Meeting, ParseHints, ParseInput, Protocol, TemplateProfile } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import { readJson } from '../ports/blob-json.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import { isMeetingRecord } from '../store/meeting-record.ts';
import { RECORDS_PREFIX } from '../store/keys.ts';

/**
 * Batch learning of protocol templates, unsupervised and never per municipality in code: the protocols of one body
 * share a template (heading form, decision marker, page furniture), so what the body's other protocols showed — those
 * ingested in the same batch, and those the store already holds — is handed to the parser as a prior
 * (`ParseInput.template`). Each protocol's own profile comes out of the parser (`Protocol.template`); priors are
 * the sums of the others' profiles.
 */
export interface TemplateSource {
  /** The merged template of the body's other protocols (never `meeting`'s own), or undefined when none is known. */
  prior(meeting: Meeting): Promise<TemplateProfile | undefined>;
}

/** Which template a protocol belongs to: its municipality and body. */
export function templateKey(meeting: Pick<Meeting, 'municipality' | 'body'>): string {
  return `${slugify(meeting.municipality) || '-'}/${slugify(meeting.body) || '-'}`;
}

/** The profiles of a batch, in memory: fill it with `add` (one parse per file), then use it as a source. */
export class TemplateBook implements TemplateSource {
  private readonly profiles = new Map<string, Map<string, TemplateProfile>>();

  add(protocol: Protocol): void {
    if (!protocol.template || protocol.paragraphs.length === 0) return;
    const key = templateKey(protocol.meeting);
    const byMeeting = this.profiles.get(key) ?? new Map<string, TemplateProfile>();
    byMeeting.set(protocol.meeting.id, protocol.template);
    this.profiles.set(key, byMeeting);
  }

  /**
   * Extracts and parses one file of the batch (nothing is written) and adds its profile. A file that cannot be read is
   * skipped: the ingest pass reports it.
   */
  async learn(extractor: TextExtractor, bytes: Uint8Array, fileName: string, hints: ParseHints): Promise<void> {
    try {
      const extracted = await extractor.extract(bytes, fileName);
      const source = {
        fileName,
        sha256: '0'.repeat(64),
        pages: extracted.pages.length,
        mediaType: extracted.mediaType,
      };
      this.add(parseProtocol({ pages: extracted.pages, source, hints }));
    } catch {
      // Reported by the ingest pass itself.
    }
  }

  async prior(meeting: Meeting): Promise<TemplateProfile | undefined> {
    return this.priorNow(meeting);
  }

  /** Synchronous form, for callers that parse synchronously. */
  priorNow(meeting: Meeting): TemplateProfile | undefined {
    const others = [...(this.profiles.get(templateKey(meeting))?.entries() ?? [])].filter(([id]) => id !== meeting.id);
    return others.length > 0 ? mergeTemplates(others.map(([, p]) => p)) : undefined;
  }
}

/**
 * The templates of the body's protocols already in the store: the most recent `limit` meeting records under
 * records/<municipality>/<body>/, read once per body and kept for the life of this source.
 */
export class StoreTemplateSource implements TemplateSource {
  private readonly cache = new Map<string, Promise<Array<[string, TemplateProfile]>>>();

  constructor(
    private readonly store: BlobStore,
    private readonly limit = 12,
  ) {}

  async prior(meeting: Meeting): Promise<TemplateProfile | undefined> {
    const key = templateKey(meeting);
    let loading = this.cache.get(key);
    if (!loading) {
      loading = this.load(meeting);
      this.cache.set(key, loading);
    }
    const others = (await loading).filter(([id]) => id !== meeting.id).map(([, p]) => p);
    return others.length > 0 ? mergeTemplates(others) : undefined;
  }

  private async load(meeting: Meeting): Promise<Array<[string, TemplateProfile]>> {
    const municipality = slugify(meeting.municipality);
    const body = slugify(meeting.body);
    if (!municipality || !body) return [];
    const keys: string[] = [];
    for await (const blob of this.store.list(`${RECORDS_PREFIX}${municipality}/${body}/`)) keys.push(blob.key);
    const out: Array<[string, TemplateProfile]> = [];
    for (const key of keys.sort().slice(-this.limit)) {
      const record = await readJson(this.store, key).catch(() => undefined);
      if (isMeetingRecord(record) && record.protocol.template) out.push([record.meetingId, record.protocol.template]);
    }
    return out;
  }
}

/** Several sources as one: their priors added up. */
export function combineSources(...sources: ReadonlyArray<TemplateSource | undefined>): TemplateSource {
  const present = sources.filter((s): s is TemplateSource => s !== undefined);
  return {
    async prior(meeting) {
      const priors = (await Promise.all(present.map((s) => s.prior(meeting)))).filter(
        (p): p is TemplateProfile => p !== undefined,
      );
      return priors.length > 0 ? mergeTemplates(priors) : undefined;
    },
  };
}

/**
 * Parse with the body's template: once alone (which names the body and yields the protocol's own profile), and again
 * with the prior when the source knows one. The second parse is what is kept.
 */
export async function parseWithTemplate(
  input: ParseInput,
  source: TemplateSource | undefined,
  parse: (input: ParseInput) => Protocol = parseProtocol,
): Promise<Protocol> {
  const first = parse(input);
  if (!source || (first.paragraphs.length === 0 && first.meeting.body === '')) return first;
  const prior = await source.prior(first.meeting);
  return prior ? parse({ ...input, template: prior }) : first;
}

/**
 * The one door from the web admin (functions/admin) into the pipeline: every operation the municipality's
 * clerk can take, bound to a store, an extractor and a clock by the composition root (`paragraf serve --admin`,
 * later the admin Lambda). The admin pages call exactly these; the CLI calls the same pipeline functions, so the
 * web and the command line cannot drift apart (test/architecture.test.ts allows the admin nothing else of pipeline/).
 */
import type { SourceProvenance } from '../core/records/types.ts';
import type { BlobStore } from '../ports/blob-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { Inbox } from '../ports/inbox.ts';
import type { PublishTrigger } from '../ports/publish-notifier.ts';
import type { TextExtractor } from '../ports/text-extractor.ts';
import type { SignedUpload, UploadUrlSigner } from '../ports/upload-url.ts';
import { randomId } from '../lib/random-id.ts';
import { slugify } from '../core/records/ids.ts';
import { readManifest } from '../published/public-store.ts';
import { listQuarantine, listUnpublished, type MeetingPreview, previewMeeting } from './admin/meeting-preview.ts';
import { readSiteSettings, type SettingsInput, type SiteSettings, writeSiteSettings } from './admin/site-settings.ts';
import { ingestDocument } from './ingest-document.ts';
import type { IngestOutcome } from './ingest-outcome.ts';
import { type NoticeInput, type NoticeOutcome, setNoticeDate } from './notice.ts';
import { publishDatasets, type PublishSummary } from './publish-datasets.ts';
import {
  type DecisionOutcome,
  rejectParagraph,
  releaseParagraph,
  withdrawParagraph,
} from './review/review-decisions.ts';
import { listReview, type ReviewDetail, type ReviewItem, type ReviewState, showReview } from './review/review-queue.ts';
import type { PendingMarker, QuarantineEntry } from '../store/meeting-record.ts';

export { InvalidSettingsError, type SiteSettings } from './admin/site-settings.ts';
export type { MeetingPreview, PreviewParagraph } from './admin/meeting-preview.ts';
export { InvalidProvenanceError } from './ingest-provenance.ts';
import { checkedProvenance } from './ingest-provenance.ts';
export type { IngestOutcome } from './ingest-outcome.ts';
export { MeetingNotFoundError, NoticeRefusedError, type NoticeOutcome } from './notice.ts';
export type { PublishSummary } from './publish-datasets.ts';
export { InvalidReviewIdError } from './review/decision.ts';
export { ReviewRefusedError, type DecisionOutcome } from './review/review-decisions.ts';
export { NotUnderReviewError, type ReviewDetail, type ReviewItem, type ReviewState } from './review/review-queue.ts';
export type { PendingMarker, QuarantineEntry } from '../store/meeting-record.ts';

export interface UseCaseDeps {
  store: BlobStore;
  clock: Clock;
  /**
   * Locally: uploads are ingested at once with this extractor. On AWS (`inbox` given instead) they go to the inbox and
   * the ingest function reads them, as any other upload.
   */
  extractor?: TextExtractor;
  inbox?: Inbox;
  /** Presigned uploads straight into the inbox (AWS); without it `presignUpload` refuses. */
  uploadUrls?: UploadUrlSigner;
  /** The largest file a presigned upload accepts. Default 50 MiB. */
  maxUploadBytes?: number;
  /** On AWS: publishing is asked of the publish function (its queue) instead of run here. */
  requestPublish?: PublishTrigger;
  /** The base URL to publish under when the settings name none and nothing was published yet. */
  defaultBaseUrl: string;
  /** Runs a publish holding the store's publish lock (a lock file locally). */
  exclusive?: <T>(fn: () => Promise<T>) => Promise<T>;
  reviewFirstBodies?: readonly string[];
}

export interface UploadInput {
  bytes: Uint8Array;
  fileName: string;
  /** The day the justering was posted on the anslagstavla. */
  noticeDate?: string;
  /** Where the municipality publishes the original. */
  sourceUrl?: string;
}

export type UploadResult =
  | {
      outcome: IngestOutcome;
      /** Set when a notice date came with a file that was already ingested, and was applied to its meeting. */
      notice?: NoticeOutcome;
    }
  /** Delivered to the inbox (AWS): ingest reads it within a minute; the path is below inbox/. */
  | { queued: string };

export type PublishResult = (PublishSummary & { baseUrl: string; queued?: undefined }) | { queued: true };

export interface PresignInput {
  fileName: string;
  /** Exact size in bytes (signed: S3 refuses another). */
  size: number;
  noticeDate?: string;
  sourceUrl?: string;
}

export class UploadRefusedError extends Error {
  override name = 'UploadRefusedError';
}

export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

export interface AdminUseCases {
  upload(input: UploadInput): Promise<UploadResult>;
  preview(meetingId: string): Promise<MeetingPreview | null>;
  unpublished(): Promise<PendingMarker[]>;
  quarantine(): Promise<QuarantineEntry[]>;
  /** Publishes everything pending (locally) or asks the publish function to (AWS: `{ queued: true }`). */
  publish(by?: string): Promise<PublishResult>;
  /** A URL the browser uploads one file to, straight into the inbox (AWS only; UploadRefusedError otherwise). */
  presignUpload(input: PresignInput): Promise<SignedUpload & { path: string }>;
  reviewList(filter?: { state?: ReviewState }): Promise<ReviewItem[]>;
  reviewShow(paragraphId: string): Promise<ReviewDetail>;
  release(input: { paragraphId: string; redactions: string[]; basis?: string; by: string }): Promise<DecisionOutcome>;
  reject(input: { paragraphId: string; reason: string; by: string }): Promise<DecisionOutcome>;
  /** Take back a published § (`paragraf withdraw`): held in every later version, its published bytes erased. */
  withdraw(input: { paragraphId: string; reason: string; by: string }): Promise<DecisionOutcome>;
  notice(input: NoticeInput): Promise<NoticeOutcome>;
  settings(): Promise<SiteSettings>;
  saveSettings(input: SettingsInput, by: string): Promise<SiteSettings>;
}

export function createUseCases(deps: UseCaseDeps): AdminUseCases {
  const { store, clock } = deps;
  const exclusive = deps.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
  return {
    async upload(input) {
      const provenance: SourceProvenance = {
        ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
        ...(input.noticeDate ? { noticeDate: input.noticeDate } : {}),
      };
      if (deps.inbox) {
        const path = inboxPath(input.fileName, clock.now());
        const clean = checkedProvenance(provenance);
        await deps.inbox.deliver({
          path,
          bytes: input.bytes,
          mediaType: mediaTypeOf(input.fileName),
          provenance: clean,
        });
        return { queued: path };
      }
      if (!deps.extractor) throw new UploadRefusedError('no extractor and no inbox: uploads are not configured');
      const outcome = await ingestDocument(
        {
          store,
          extractor: deps.extractor,
          clock,
          ...(deps.reviewFirstBodies ? { reviewFirstBodies: deps.reviewFirstBodies } : {}),
        },
        { bytes: input.bytes, fileName: input.fileName, provenance },
      );
      if (outcome.status === 'unchanged' && input.noticeDate) {
        return {
          outcome,
          notice: await setNoticeDate({ store, clock }, { meetingId: outcome.meetingId, posted: input.noticeDate }),
        };
      }
      return { outcome };
    },
    preview: (meetingId) => previewMeeting(store, meetingId),
    unpublished: () => listUnpublished(store),
    quarantine: () => listQuarantine(store),
    async presignUpload(input) {
      if (!deps.uploadUrls) throw new UploadRefusedError('direct uploads are not configured here');
      const max = deps.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES;
      if (!Number.isSafeInteger(input.size) || input.size < 1 || input.size > max)
        throw new UploadRefusedError(`a file must be 1 to ${max} bytes`);
      const provenance = checkedProvenance({
        ...(input.sourceUrl ? { sourceUrl: input.sourceUrl } : {}),
        ...(input.noticeDate ? { noticeDate: input.noticeDate } : {}),
      });
      const path = inboxPath(input.fileName, clock.now());
      const signed = await deps.uploadUrls.sign({
        path,
        size: input.size,
        mediaType: mediaTypeOf(input.fileName),
        provenance,
      });
      return { ...signed, path };
    },
    publish: async (by) => {
      if (deps.requestPublish) {
        await deps.requestPublish({ requestedBy: by ?? 'admin', at: clock.now() });
        return { queued: true };
      }
      return exclusive(async () => {
        const settings = await readSiteSettings(store);
        const manifest = await readManifest(store);
        const baseUrl = settings.baseUrl ?? manifest?.baseUrl ?? deps.defaultBaseUrl;
        // Saved settings, else what the last publish used: publishing never drops the organisation number by itself.
        const given = settings.changedAt ? settings.publisher : (manifest?.publisher ?? {});
        const publisher = {
          name: given.name ?? 'Paragraf',
          ...(given.organisationNumber ? { organisationNumber: given.organisationNumber } : {}),
          ...(given.contactEmail ? { contactEmail: given.contactEmail } : {}),
        };
        return { ...(await publishDatasets({ store, clock }, { baseUrl, publisher })), baseUrl };
      });
    },
    reviewList: (filter) => listReview(store, filter ?? {}),
    reviewShow: (paragraphId) => showReview(store, paragraphId),
    release: (input) =>
      releaseParagraph(
        { store, clock },
        {
          paragraphId: input.paragraphId,
          redactions: input.redactions,
          by: input.by,
          ...(input.basis ? { basis: input.basis } : {}),
        },
      ),
    reject: (input) => rejectParagraph({ store, clock }, input),
    withdraw: (input) => withdrawParagraph({ store, clock }, input),
    notice: (input) => setNoticeDate({ store, clock }, input),
    settings: () => readSiteSettings(store),
    saveSettings: (input, by) => writeSiteSettings(store, input, { by, at: clock.now() }),
  };
}

/**
 * Where an admin upload lands in the inbox, chosen here and never by the browser: a folder per day and upload (random),
 * then the file's name as a slug with its extension, which ingest reads for hints (municipality, body, date) as it
 * does for every upload.
 */
export function inboxPath(fileName: string, at: Date): string {
  const last = fileName.split(/[\\/]/u).pop() ?? '';
  const dot = last.lastIndexOf('.');
  const extension = dot > 0 ? last.slice(dot + 1).toLowerCase() : '';
  const base = slugify(dot > 0 ? last.slice(0, dot) : last) || 'protokoll';
  const ext = /^[a-z0-9]{1,5}$/u.test(extension) ? `.${extension}` : '';
  return `admin/${at.toISOString().slice(0, 10)}/${randomId()}/${base}${ext}`;
}

const MEDIA_TYPES: Readonly<Record<string, string>> = {
  pdf: 'application/pdf',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  htm: 'text/html; charset=utf-8',
};

/** The media type an upload is stored with; ingest sniffs the bytes anyway, this only labels the object. */
function mediaTypeOf(fileName: string): string {
  const extension = fileName.split('.').pop()?.toLowerCase() ?? '';
  return MEDIA_TYPES[extension] ?? 'application/octet-stream';
}

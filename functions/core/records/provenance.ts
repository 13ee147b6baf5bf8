import { isoDate } from '../text/swedish-dates.ts';
import type { SourceInfo, SourceProvenance } from './types.ts';

/**
 * Checks on provenance that arrives with a file (a harvester, an uploader, S3 object metadata). It ends up in
 * published files and in a link on the § page, so it is validated like any other input from outside: only http(s)
 * URLs (never `javascript:` or `data:`), no whitespace or control characters, bounded lengths, real dates.
 */
export const MAX_SOURCE_URL_LENGTH = 2048;
export const MAX_PORTAL_FIELD_LENGTH = 200;

const PORTAL_NAME = /^[a-z][a-z0-9-]{0,39}$/u;
/** Visible ASCII and non-ASCII characters; no spaces, quotes, angle brackets or backslashes. */
const URL_CHARS = /^[\x21\x23-\x3b\x3d\x3f-\x5b\x5d-\x7e\u00a1-\uffff]+$/u;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]+$/u;

/** Every problem with `p`, one line each; empty when it can be kept as it is. */
export function provenanceProblems(p: SourceProvenance): string[] {
  const problems: string[] = [];
  if (p.sourceUrl !== undefined && !isHttpUrl(p.sourceUrl)) {
    problems.push(
      `source URL must be an absolute http(s) URL without spaces, at most ${MAX_SOURCE_URL_LENGTH} characters`,
    );
  }
  if (p.portal !== undefined && !PORTAL_NAME.test(p.portal))
    problems.push('portal must be a lower-case system name such as "ciceron"');
  if (p.portalDocumentId !== undefined && !isPortalId(p.portalDocumentId)) {
    problems.push(`portal document id must be 1–${MAX_PORTAL_FIELD_LENGTH} printable characters`);
  }
  if (p.noticeDate !== undefined && !isRealIsoDate(p.noticeDate))
    problems.push('notice date must be a real date as YYYY-MM-DD');
  if (p.noticeRemovedDate !== undefined && !isRealIsoDate(p.noticeRemovedDate))
    problems.push('notice removal date must be a real date as YYYY-MM-DD');
  return problems;
}

/** Only the fields that are set, in a fixed order (so records compare equal whatever order they came in). */
export function cleanProvenance(p: SourceProvenance): SourceProvenance {
  const out: SourceProvenance = {};
  if (p.sourceUrl) out.sourceUrl = p.sourceUrl;
  if (p.portal) out.portal = p.portal;
  if (p.portalDocumentId) out.portalDocumentId = p.portalDocumentId;
  if (p.noticeDate) out.noticeDate = p.noticeDate;
  if (p.noticeRemovedDate) out.noticeRemovedDate = p.noticeRemovedDate;
  return out;
}

export function isHttpUrl(value: string): boolean {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SOURCE_URL_LENGTH) return false;
  if (!URL_CHARS.test(value) || !/^https?:\/\//iu.test(value)) return false;
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.hostname !== '' &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

function isPortalId(value: string): boolean {
  return (
    typeof value === 'string' && value.length > 0 && value.length <= MAX_PORTAL_FIELD_LENGTH && PRINTABLE.test(value)
  );
}

export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(value);
  return m !== null && isoDate(Number(m[1]), Number(m[2]), Number(m[3])) === value;
}

/**
 * The link to the original at a page: `<sourceUrl>#page=N` for a PDF (the open-parameters fragment every PDF viewer
 * in a browser honours), the URL itself for other types. Undefined without a valid http(s) source URL, so a page
 * never renders a link it cannot vouch for.
 */
export function originalLink(source: Pick<SourceInfo, 'sourceUrl' | 'mediaType'>, page?: number): string | undefined {
  const url = source.sourceUrl;
  if (url === undefined || !isHttpUrl(url)) return undefined;
  const base = url.replace(/#.*$/su, '');
  if (source.mediaType !== 'application/pdf' || page === undefined || !Number.isInteger(page) || page < 1) return base;
  return `${base}#page=${page}`;
}

/**
 * The privacy gate: decides what of a parsed protocol may be published. Nothing with a personnummer or
 * samordningsnummer is ever published (dataskyddslagen 2018:218, 3 kap. 10 §), and the § of bodies that decide on
 * individuals (social services, guardianship) wait for a person's review first, as SKR's guidance for protocols on the
 * web recommends.
 *
 * Pure: no I/O, no clock; imports only from the core. Input objects are never mutated; kept § are shared by reference.
 *
 * - A § with a personal number in any of its text fields is held ('personal-number'), not masked: a § that names an
 *   individual by number is about that individual, and what else in it identifies them is for a person to judge.
 * - In a review-first body every § is held ('review-first-body'); the meeting record itself is still published.
 * - In any body, a § about an identifiable private person in an individual matter is held ('individual-case';
 *   core/privacy/individual-case.ts), with the names of the signals that fired, never the text.
 * - The extracted pages are scanned too (core/privacy/page-scan.ts): a number the parse split between fields, or
 *   between pages with furniture in between, holds every § on those pages and is masked piecewise in the meeting.
 * - An id with a personal number in it (meeting or §) cannot be published at all, not even as a tombstone:
 *   `idFindings` lists them and ingest quarantines the file.
 * - Personal numbers in meeting fields and parse warnings are masked in place; the meeting stays published.
 * - Warnings that concern a held § are dropped from the publishable protocol, since they may quote its text.
 * - A § on a page read by OCR with a mean confidence under the policy's minimum, or with a digit word the engine was
 *   unsure of, is held ('low-ocr-confidence'): a misread digit breaks a personnummer's check digit, so the detector
 *   cannot be trusted to find it there.
 * - Redacted § ("Borttagen på grund av sekretess", `redacted: true`, set by the parser) pass through unchanged unless
 *   a rule above holds them; the gate never un-redacts or guesses.
 *
 * What is returned for held § ({@link HeldParagraph}) carries ids, reasons and field names, never text or digits: it
 * goes into meeting records and logs. Only {@link heldParagraphForReview} carries the text, for the private review/.
 */
import { assessIndividualCase, type IndividualCaseSignal, peopleInRole } from '../core/privacy/individual-case.ts';
import { type PageHit, personalNumbersInPages } from '../core/privacy/page-scan.ts';
import {
  findPersonalNumberHits,
  findPersonalNumbers,
  maskPersonalNumbers,
  PERSONAL_NUMBER_MASK,
  type PersonalNumberKind,
} from '../core/privacy/personal-numbers.ts';
import { DEFAULT_REVIEW_FIRST_BODIES, matchesReviewFirstBody } from '../core/privacy/review-first-bodies.ts';
import type { PageText, Paragraph, ParseWarning, Protocol } from '../core/records/types.ts';

export { DEFAULT_REVIEW_FIRST_BODIES } from '../core/privacy/review-first-bodies.ts';

export type HoldReason = 'personal-number' | 'review-first-body' | 'individual-case' | 'low-ocr-confidence';

export interface PersonalNumberFinding {
  kind: PersonalNumberKind;
  /** Path of the field within the §, e.g. "text", "sections[2].text", "reservations[0].by[1]". */
  field: string;
}

export interface HeldParagraph {
  paragraphId: string;
  /** The § number as printed. */
  number: string;
  reasons: HoldReason[];
  /** One entry per (kind, field) with a personal number; empty when held only for the body. Never the text. */
  findings: PersonalNumberFinding[];
  /** For 'individual-case': the signals that fired (names only). */
  signals?: IndividualCaseSignal[];
}

export interface PrivacyPolicy {
  /**
   * Body names, or parts of them, whose § are all held for review. Compared case-insensitively, after Unicode NFC,
   * whitespace and dash normalisation, by containment: "socialnämnd" matches "Arbetsmarknads- och socialnämnden".
   */
  reviewFirstBodies: string[];
  /** OCR'd pages with a lower mean word confidence (0–100) hold their §. Default {@link DEFAULT_MIN_OCR_CONFIDENCE}. */
  minOcrConfidence?: number;
}

/**
 * Clean 200–300 dpi scans of protocols read at 85–95 (test/integration/ocr-corpus.test.ts); a page under 70 is
 * blurred, faint or mostly non-text, and its digits are not to be trusted.
 */
export const DEFAULT_MIN_OCR_CONFIDENCE = 70;

export interface PrivacyOutcome {
  /** The protocol as it may be published: held § removed, personal numbers in meeting and warnings masked. */
  publishable: Protocol;
  held: HeldParagraph[];
  /** True when a personal number was masked in a meeting field. */
  meetingMasked: boolean;
  /** True when a personal number was masked in a parse warning. */
  warningsMasked: boolean;
  /** Ids ("meeting.id", "paragraphs[3].id") with a personal number in them: such a protocol must not be published. */
  idFindings: string[];
}

/** What the gate can see besides the parsed protocol. */
export interface GateSource {
  /** The extracted pages, for the look that does not depend on the parse (page-scan.ts). */
  pages?: readonly PageText[];
}

export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = { reviewFirstBodies: [...DEFAULT_REVIEW_FIRST_BODIES] };

/**
 * Meeting id and file digest are identifiers; masking them would break every reference. (A digest's hex can contain a
 * Luhn-valid, date-like run of ten digits by chance; the meeting id is made of slugs of municipality, body and date.)
 */
const MEETING_ID_FIELDS: ReadonlySet<string> = new Set(['id', 'source.sha256']);

export function applyPrivacyGate(protocol: Protocol, policy: PrivacyPolicy, source: GateSource = {}): PrivacyOutcome {
  const reviewFirst = isReviewFirstBody(protocol.meeting.body, policy);
  const unexplained = unexplainedPageHits(protocol, source.pages ?? []);
  const pagesToHold = new Set(unexplained.flatMap((h) => pageRange(h.pages)));
  const inRole = peopleInRole(protocol.meeting);
  const doubtful = doubtfulOcrPages(protocol, policy);
  const held: HeldParagraph[] = [];
  const paragraphs: Paragraph[] = [];
  for (const paragraph of protocol.paragraphs) {
    const findings = personalNumberFindings(paragraph);
    const onHeldPage = pageRange(paragraph.pages).some((p) => pagesToHold.has(p));
    const assessment = assessIndividualCase(paragraph, inRole);
    const reasons = holdReasons(findings.length > 0 || onHeldPage, assessment.individual, reviewFirst);
    if (onPages(paragraph, doubtful)) reasons.push('low-ocr-confidence');
    if (reasons.length === 0) paragraphs.push(paragraph);
    else {
      const signals = assessment.individual ? { signals: assessment.signals } : {};
      held.push({ paragraphId: paragraph.id, number: paragraph.number, reasons, findings, ...signals });
    }
  }
  // Only pieces of four digits or more: "85 07 09" would otherwise mask every "07" in the meeting.
  const fragments = unexplained.flatMap((h) => h.groups).filter((g) => g.length >= 4);
  const meeting = maskStrings(protocol.meeting, MEETING_ID_FIELDS, fragments);
  const heldNumbers = new Set(held.map((h) => h.number));
  const ownWarnings = protocol.warnings.filter((w) => w.paragraph === undefined || !heldNumbers.has(w.paragraph));
  const warnings = maskStrings<ParseWarning[]>(ownWarnings, new Set(), fragments);
  return {
    publishable: { ...protocol, meeting: meeting.value, paragraphs, warnings: warnings.value },
    held,
    meetingMasked: meeting.changed,
    warningsMasked: warnings.changed,
    idFindings: idFindings(protocol),
  };
}

/**
 * Numbers seen in the pages that no field of the parsed record shows whole (split between two fields, or between
 * pages around the furniture). Those are the ones the per-field checks cannot catch.
 */
function unexplainedPageHits(protocol: Protocol, pages: readonly PageText[]): PageHit[] {
  if (pages.length === 0) return [];
  const seen = new Set<string>();
  for (const [, text] of stringFields(protocol, '')) for (const h of findPersonalNumberHits(text)) seen.add(h.digits);
  return personalNumbersInPages(pages).filter((h) => !seen.has(h.digits));
}

function pageRange([from, to]: readonly [number, number]): number[] {
  const out: number[] = [];
  for (let p = from; p <= to && out.length < 1000; p += 1) out.push(p);
  return out;
}

/** Ids are published even for held § (as tombstones): none may hold a personal number. */
function idFindings(protocol: Protocol): string[] {
  const out: string[] = [];
  if (findPersonalNumbers(protocol.meeting.id).length > 0) out.push('meeting.id');
  protocol.paragraphs.forEach((p, i) => {
    if (findPersonalNumbers(p.id).length > 0) out.push(`paragraphs[${i}].id`);
  });
  return out;
}

/** Pages read by OCR whose text cannot be trusted to show every personal number. */
function doubtfulOcrPages(protocol: Protocol, policy: PrivacyPolicy): Set<number> {
  const min = policy.minOcrConfidence ?? DEFAULT_MIN_OCR_CONFIDENCE;
  const pages = protocol.meeting.source.ocrPages ?? [];
  return new Set(pages.filter((p) => p.confidence < min || p.uncertainNumbers > 0).map((p) => p.page));
}

function onPages(paragraph: Paragraph, pages: ReadonlySet<number>): boolean {
  if (pages.size === 0) return false;
  const [first, last] = paragraph.pages;
  for (let page = first; page <= last; page++) if (pages.has(page)) return true;
  return false;
}

/** True when `body` names a review-first body under `policy` (core/privacy/review-first-bodies.ts). */
export function isReviewFirstBody(body: string, policy: PrivacyPolicy): boolean {
  return matchesReviewFirstBody(body, policy.reviewFirstBodies);
}

/** Where in the § personal numbers occur: every string field except identifiers, one finding per (kind, field). */
export function personalNumberFindings(paragraph: Paragraph): PersonalNumberFinding[] {
  const findings: PersonalNumberFinding[] = [];
  const seen = new Set<string>();
  // Every field, ids included: a § is held, not masked, so scanning more can only hold more.
  for (const [field, text] of stringFields(paragraph, '')) {
    for (const { kind } of findPersonalNumbers(text)) {
      const key = `${kind} ${field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push({ kind, field });
    }
  }
  return findings;
}

/**
 * A held § as a PRIVATE review entry: the complete § including its verbatim text (personal numbers unmasked, so a
 * reviewer can tell a true finding from a look-alike), with the reasons and findings.
 *
 * MUST only be written under the private `review/` prefix of the store (store-keys `reviewKey`), never to any
 * published location, log line or API response.
 */
export interface PrivateReviewParagraph {
  /** Marks the object for any code that might be tempted to publish it. */
  visibility: 'private-review-only';
  paragraphId: string;
  meetingId: string;
  number: string;
  reasons: HoldReason[];
  findings: PersonalNumberFinding[];
  /** For 'individual-case': the signals that fired. */
  signals?: string[];
  paragraph: Paragraph;
}

export function heldParagraphForReview(
  paragraph: Paragraph,
  reasons: HoldReason[],
  signals?: readonly string[],
): PrivateReviewParagraph {
  return {
    visibility: 'private-review-only',
    paragraphId: paragraph.id,
    meetingId: paragraph.meetingId,
    number: paragraph.number,
    reasons: [...reasons],
    findings: personalNumberFindings(paragraph),
    ...(signals && signals.length > 0 ? { signals: [...signals] } : {}),
    paragraph,
  };
}

function holdReasons(personalNumber: boolean, individualCase: boolean, reviewFirst: boolean): HoldReason[] {
  const reasons: HoldReason[] = [];
  if (personalNumber) reasons.push('personal-number');
  if (individualCase) reasons.push('individual-case');
  if (reviewFirst) reasons.push('review-first-body');
  return reasons;
}

/** Every string in a JSON-like value with its path ("sections[1].text"). Records are trees: no cycles. */
function* stringFields(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') {
    yield [path, value];
  } else if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) yield* stringFields(value[i], `${path}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) yield* stringFields(child, path === '' ? key : `${path}.${key}`);
  }
}

const NORMALISED_VALUE = /^(?:\d{4}-\d{2}-\d{2}|\d{2}:\d{2})$/u;

/**
 * A copy of `value` with personal numbers masked in every string except those at `skip` paths, and the digit
 * `fragments` of numbers seen only in the pages masked where they stand as whole digit runs.
 */
function maskStrings<T>(
  value: T,
  skip: ReadonlySet<string>,
  fragments: readonly string[] = [],
): { value: T; changed: boolean } {
  let changed = false;
  const fragmentRe =
    fragments.length === 0 ? null : new RegExp(`(?<!\\d)(?:${[...new Set(fragments)].join('|')})(?!\\d)`, 'gu');
  const visit = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (skip.has(path)) return v;
      let masked = maskPersonalNumbers(v);
      // Dates and times are the parser's normalised values, never free text that could hold a piece of a number.
      if (fragmentRe !== null && !NORMALISED_VALUE.test(v)) masked = masked.replace(fragmentRe, PERSONAL_NUMBER_MASK);
      if (masked !== v) changed = true;
      return masked;
    }
    if (Array.isArray(v)) return v.map((child, i) => visit(child, `${path}[${i}]`));
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(
        Object.entries(v).map(([key, child]) => [key, visit(child, path === '' ? key : `${path}.${key}`)]),
      );
    }
    return v;
  };
  return { value: visit(value, '') as T, changed };
}

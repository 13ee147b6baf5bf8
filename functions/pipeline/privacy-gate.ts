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
import {
  findPersonalNumbers,
  maskPersonalNumbers,
  type PersonalNumberKind,
} from '../core/privacy/personal-numbers.ts';
import type { Paragraph, ParseWarning, Protocol } from '../core/records/types.ts';

export type HoldReason = 'personal-number' | 'review-first-body' | 'low-ocr-confidence';

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
}

/**
 * Bodies that decide on individuals: social services (socialtjänstlagen) and guardianship
 * (föräldrabalken 19 kap.). Parts of names, matched by containment; extend per municipality through the policy.
 */
export const DEFAULT_REVIEW_FIRST_BODIES: readonly string[] = [
  'socialnämnd',
  'socialutskott',
  'sociala utskott',
  'sociala myndighetsnämnd',
  'individutskott',
  'individnämnd',
  'individärende',
  'individ- och familj',
  'individ och familj',
  'familjenämnd',
  'ifo-utskott',
  'överförmyndar',
];

export const DEFAULT_PRIVACY_POLICY: PrivacyPolicy = { reviewFirstBodies: [...DEFAULT_REVIEW_FIRST_BODIES] };

/**
 * Meeting id and file digest are identifiers; masking them would break every reference. (A digest's hex can contain a
 * Luhn-valid, date-like run of ten digits by chance; the meeting id is made of slugs of municipality, body and date.)
 */
const MEETING_ID_FIELDS: ReadonlySet<string> = new Set(['id', 'source.sha256']);

export function applyPrivacyGate(protocol: Protocol, policy: PrivacyPolicy): PrivacyOutcome {
  const reviewFirst = isReviewFirstBody(protocol.meeting.body, policy);
  const doubtful = doubtfulOcrPages(protocol, policy);
  const held: HeldParagraph[] = [];
  const paragraphs: Paragraph[] = [];
  for (const paragraph of protocol.paragraphs) {
    const findings = personalNumberFindings(paragraph);
    const reasons = holdReasons(findings, reviewFirst);
    if (onPages(paragraph, doubtful)) reasons.push('low-ocr-confidence');
    if (reasons.length === 0) paragraphs.push(paragraph);
    else held.push({ paragraphId: paragraph.id, number: paragraph.number, reasons, findings });
  }
  const meeting = maskStrings(protocol.meeting, MEETING_ID_FIELDS);
  const heldNumbers = new Set(held.map((h) => h.number));
  const ownWarnings = protocol.warnings.filter((w) => w.paragraph === undefined || !heldNumbers.has(w.paragraph));
  const warnings = maskStrings<ParseWarning[]>(ownWarnings, new Set());
  return {
    publishable: { ...protocol, meeting: meeting.value, paragraphs, warnings: warnings.value },
    held,
    meetingMasked: meeting.changed,
    warningsMasked: warnings.changed,
  };
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

/** True when `body` names a review-first body under `policy`. Blank policy entries are ignored. */
export function isReviewFirstBody(body: string, policy: PrivacyPolicy): boolean {
  const name = normaliseName(body);
  return policy.reviewFirstBodies.some((entry) => {
    const part = normaliseName(entry);
    return part.length > 0 && name.includes(part);
  });
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
  paragraph: Paragraph;
}

export function heldParagraphForReview(paragraph: Paragraph, reasons: HoldReason[]): PrivateReviewParagraph {
  return {
    visibility: 'private-review-only',
    paragraphId: paragraph.id,
    meetingId: paragraph.meetingId,
    number: paragraph.number,
    reasons: [...reasons],
    findings: personalNumberFindings(paragraph),
    paragraph,
  };
}

function holdReasons(findings: PersonalNumberFinding[], reviewFirst: boolean): HoldReason[] {
  const reasons: HoldReason[] = [];
  if (findings.length > 0) reasons.push('personal-number');
  if (reviewFirst) reasons.push('review-first-body');
  return reasons;
}

/** Case, dashes, spacing and å/ä/ö folded, so "Socialnämnden" and a file-name "socialnamnden" compare equal. */
function normaliseName(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[åä]/gu, 'a')
    .replace(/ö/gu, 'o')
    .replace(/[\u2010-\u2015\u2212]/gu, '-')
    .replace(/\s+/gu, ' ')
    .trim();
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

/** A copy of `value` with personal numbers masked in every string except those at `skip` paths. */
function maskStrings<T>(value: T, skip: ReadonlySet<string>): { value: T; changed: boolean } {
  let changed = false;
  const visit = (v: unknown, path: string): unknown => {
    if (typeof v === 'string') {
      if (skip.has(path)) return v;
      const masked = maskPersonalNumbers(v);
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

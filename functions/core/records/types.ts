/**
 * The record schema: what the parser produces and everything downstream (ingest, publish, API) consumes.
 * Field names here are a public contract (see README "Record schema"); add fields, never rename.
 *
 * Swedish terms: diarienummer = case number; justering = signing-off of the minutes; anslag = the notice on the
 * digital anslagstavla (notice board) that the minutes are signed; expedieras till = sent to; beslutsunderlag =
 * documents the decision rests on; reservation = a member's formal dissent; jäv = conflict of interest.
 */

/** One page of extracted text. `number` is the 1-based page number in the source document. */
export interface PageText {
  number: number;
  text: string;
  /**
   * Layout marks, one per line of `text` (split on "\n"), in the same order, when the extractor knows them (PDF:
   * from the positioned runs pdf.js returns in the same pass; Markdown/HTML: from heading and bold markup). Absent for
   * plain text. The parser treats them as evidence beside the wording, never as a requirement.
   */
  layout?: LineLayout[];
}

/** What the page looked like where a line stands: the signals every template shares (emphasis, size, position). */
export interface LineLayout {
  /** Left edge of the line as a share of the page width (0–1). */
  x: number;
  /** Right edge of the line as a share of the page width (0–1). */
  right: number;
  /** Largest font size on the line relative to the page's body text size (1 = body text). */
  size: number;
  /**
   * Share (0–1) of the line's characters set apart from the body text: in another font than the page's body font
   * (bold, italic, another face) or marked up as a heading or bold in Markdown/HTML.
   */
  emphasis: number;
  /** The line is rotated text (e-signature and other margin stamps). */
  rotated?: boolean;
  /**
   * Wide gaps inside a run of running text on this line, where glyphs are missing (black-box redaction leaves such
   * holes): the number of gaps, 0 or absent when none.
   */
  gaps?: number;
}

/**
 * Where a document came from, when something outside the file says so: a harvested portal, or an uploader who names
 * it (`paragraf ingest --source-url … --notice-date …`). Every field is optional; ingest validates them
 * (core/records/provenance.ts) and keeps them with the original and in the meeting's `source`.
 */
export interface SourceProvenance {
  /** The public address of the original (http or https); pages link to `<sourceUrl>#page=N` for a PDF. */
  sourceUrl?: string;
  /** The publishing system it was harvested from: "ciceron", "netpublicator", "meetings-plus", "sitevision". */
  portal?: string;
  /** That system's own id of the document (Ciceron dok_id, Netpublicator docId, Meetings+ protocol path …). */
  portalDocumentId?: string;
  /** The day the justering was announced on the anslagstavla, as the portal or uploader gave it (YYYY-MM-DD). */
  noticeDate?: string;
  /** The day the notice was taken down, as the uploader gave it (`paragraf notice --removed`). */
  noticeRemovedDate?: string;
}

/** Where a record came from. */
export interface SourceInfo extends SourceProvenance {
  fileName: string;
  sha256: string;
  /** Number of pages in the source (1 for plain text without form feeds). */
  pages: number;
  mediaType: string;
  /** Where the text came from: absent = the file's own text; 'ocr' = every page read from its scanned image; 'mixed'. */
  textSource?: 'text-layer' | 'ocr' | 'mixed';
  /** Per page read by OCR: the engine's mean word confidence (0–100) and its count of uncertain digit words. */
  ocrPages?: OcrPageConfidence[];
}

export interface OcrPageConfidence {
  page: number;
  confidence: number;
  uncertainNumbers: number;
  skewDegrees?: number;
}

/** A position in the source: page (1-based) and line within that page (1-based). */
export interface Position {
  page: number;
  line: number;
}

export type WarningCode =
  | 'number-gap'
  | 'number-duplicate'
  | 'number-out-of-range'
  | 'vote-roll-mismatch'
  | 'unknown-heading'
  | 'no-paragraphs'
  | 'missing-metadata'
  | 'empty-paragraph'
  | 'date-unparsed'
  /** The number of § found differs from the printed range (an unfamiliar template, or § not recognised). */
  | 'range-mismatch'
  /** Most § have no decision: the template's decision marker was not recognised. */
  | 'few-decisions'
  /** A § has no recognised decision although the template's other § have one. */
  | 'no-decision'
  /** Furniture (signature boxes, e-signature text, page headers) stood inside a list and was left out of it. */
  | 'list-furniture'
  /** The PDF's text layer is damaged (wrong or missing glyph mappings): fields may be misspelt; OCR may help. */
  | 'text-layer-damaged'
  /** Text was removed from the § (black boxes, gaps in the glyph runs, or written markers such as "[maskerat]"). */
  | 'redaction'
  /** A field was taken from a second witness (the table of contents) because the § text was unreadable. */
  | 'repaired-from-contents'
  /** The § or the whole protocol was parsed with low confidence: a person should check it before publishing. */
  | 'low-confidence'
  | 'other';

/** Content problems are data, never exceptions. */
export interface ParseWarning {
  code: WarningCode;
  message: string;
  position?: Position;
  /** The § number the warning concerns, when there is one. */
  paragraph?: string;
}

export interface Attendee {
  name: string;
  party?: string;
  /** Role as printed in parentheses, e.g. "ordförande", "kommunsekreterare". */
  role?: string;
  /** § ranges the person took part in, as printed (e.g. "§§94-98"). Absent = the whole meeting. */
  paragraphsRaw?: string;
  /** The same ranges as inclusive number pairs. */
  paragraphRanges?: Array<[number, number]>;
  /** For a serving substitute: whom they replaced. */
  replaces?: { name: string; party?: string };
  /** The verbatim line(s). */
  raw: string;
}

export interface Attendance {
  /** Beslutande: members and serving substitutes (those with `replaces`). */
  members: Attendee[];
  /** Serving substitutes (tjänstgörande ersättare), also listed in `members`. */
  substitutes: Attendee[];
  /** Ej tjänstgörande ersättare. */
  nonServingSubstitutes: Attendee[];
  /** Övriga deltagare / närvarande. */
  others: Attendee[];
}

export interface DateSpan {
  /** ISO time "14:00". */
  start?: string;
  end?: string;
  raw: string;
}

export interface Meeting {
  /** Stable id: `<municipality-slug>-<body-slug>-<date>`. */
  id: string;
  municipality: string;
  /** As printed, e.g. "Kommunstyrelsen". */
  body: string;
  /** ISO date of the meeting. */
  date: string;
  time?: DateSpan;
  place?: string;
  attendance: Attendance;
  /** Utses att justera. */
  justerare: string[];
  chair?: string;
  secretary?: string;
  /** Justeringens plats och tid, as stated. */
  justering: { date?: string; place?: string; raw?: string };
  /** Anslag dates as stated in the protocol (often blank: then absent). */
  notice: { posted?: string; removed?: string; raw?: string };
  /** Printed § range, e.g. "§§94-110". */
  paragraphRange?: { from: string; to: string; raw: string };
  /** Computed, never stated: last day to appeal (KL 13 kap. 5 §, lag 1930:173). Absent when no notice date is known. */
  appeal?: AppealDeadline;
  source: SourceInfo;
  /**
   * How far the parse of the whole protocol can be trusted (0–1): the § found against the printed range, the share of
   * § with a decision, the § confidences and the text layer. Below 0.5 (`LOW_CONFIDENCE`) a person should look before
   * publishing.
   */
  confidence: number;
  /** Trustworthiness of the source's text layer (0–1, 1 for text input), and whether it looked damaged. */
  textLayer?: { score: number; damaged: boolean };
}

export interface AppealDeadline {
  /** The notice date the computation started from (stated in the protocol or supplied by the caller). */
  noticeDate: string;
  /** Last day an appeal may arrive (computed). */
  lastDay: string;
  /** Where the notice date came from. */
  basis: 'stated-notice' | 'supplied-notice';
}

export interface CaseNumber {
  /** Exactly as printed on the heading line. */
  raw: string;
  /** Label (Dnr, DNR:, Diarienummer, Ärendenummer) removed, upper-case, whitespace collapsed, dashes unified: "dnr: ku.2017.3" → "KU.2017.3". */
  normalized: string;
}

export type SectionKind =
  | 'description'
  | 'preparation'
  | 'motions'
  | 'procedure'
  | 'vote'
  | 'decision'
  | 'proposal'
  | 'reservation'
  | 'special-statement'
  | 'minute-note'
  | 'disqualification'
  | 'recipients'
  | 'documents'
  | 'other';

export interface Section {
  /** The heading as printed ("Ärendebeskrivning", "Protokollsutdrag skickas till", …). */
  heading: string;
  kind: SectionKind;
  text: string;
  pages: [number, number];
}

export interface DecisionItem {
  /** "1", "2", "a", "•", "att" … as printed (without the trailing dot). */
  label: string;
  text: string;
}

export type VoteChoice = 'yes' | 'no' | 'abstain' | 'absent';

export interface RollEntry {
  name: string;
  party?: string;
  vote: VoteChoice;
}

export interface Vote {
  /** What a ja vote meant, e.g. "bifall till kommunstyrelsens förslag". */
  yesMeans?: string;
  noMeans?: string;
  counts: { yes?: number; no?: number; abstain?: number; absent?: number };
  /** The named roll (voteringslista) when printed. */
  roll: RollEntry[];
  /** null when there is no roll or no counts to compare. */
  rollMatchesCounts: boolean | null;
  raw: string;
}

export interface Reservation {
  /** Names (with party) of those who reserved themselves. */
  by: string[];
  text: string;
}

export interface Reference {
  raw: string;
  body?: string;
  /** ISO date when given. */
  date?: string;
  number?: string;
}

export interface Paragraph {
  /** Stable id: `<meeting id>-<number>`, e.g. "alingsas-kommunstyrelsen-2024-02-05-28". */
  id: string;
  meetingId: string;
  /** As printed ("28", "108", "1"). */
  number: string;
  /** The heading line as printed. */
  heading: string;
  caseNumbers: CaseNumber[];
  title: string;
  sections: Section[];
  /** The Beslut text (verbatim, without the heading). Empty when there is none. */
  decision: string;
  decisionItems: DecisionItem[];
  votes: Vote[];
  reservations: Reservation[];
  recipients: string[];
  documents: string[];
  references: Reference[];
  /**
   * True when text was removed: for secrecy ("Borttagen på grund av sekretess", "[maskerat]", "XX"), masked in the
   * PDF (black boxes, holes in the glyph runs), or masked by a reviewer. The removed text is never guessed.
   */
  redacted: boolean;
  /** The legal basis a reviewer gave for masking text on release, e.g. "OSL 26 kap. 1 §" (pipeline/review). */
  redactionBasis?: string;
  immediatelyJusterad: boolean;
  /** True when another law's appeal route may apply (KL 13 kap. 3 §), e.g. bygglov or socialtjänst decisions. */
  otherAppealRoute?: boolean;
  /** Computed last day to appeal for this §, when known. */
  appealLastDay?: string;
  /** Set when a corrected protocol changed this § after it was first published: when, and why ("Rättad"). */
  corrected?: { date: string; reason: string };
  pages: [number, number];
  /** Verbatim § text without page furniture. */
  text: string;
  /**
   * How far this § can be trusted (0–1): how clearly its heading stood out and fitted the § number chain, whether a
   * title and a decision were found, and the text layer of its pages. Below 0.5 a person should look.
   */
  confidence: number;
}

export interface Protocol {
  schemaVersion: 1;
  meeting: Meeting;
  paragraphs: Paragraph[];
  warnings: ParseWarning[];
  /**
   * What this protocol's template looked like (heading form, decision markers, page furniture), learned from the text.
   * Protocols of one body share a template: the ingest pipeline merges these over a batch and the store and passes
   * the result back as `ParseInput.template`. Not published.
   */
  template?: TemplateProfile;
}

/**
 * A protocol template as learned, unsupervised, from one or more protocols of a body. Every entry is a shape with a
 * count (how many § or pages showed it), so profiles of several protocols add up.
 */
export interface TemplateProfile {
  /** How many protocols contributed. */
  protocols: number;
  /** Heading forms of the chosen § headings ("sign-number", "number-sign", "prefix-sign-number" …) with counts. */
  headingForms: Record<string, number>;
  /** Decision markers as normalised lines ("beslut", "nämndens beslut", "<genitive> beslut") with counts. */
  decisionMarkers: Record<string, number>;
  /** Page furniture shapes (digits as #) with the number of pages they were found on. */
  furniture: Record<string, number>;
  /** § seen, and § with a decision, over all contributing protocols. */
  paragraphs: number;
  decisions: number;
}

/** What the caller may know from outside the text (file name, CLI flags, ingest config). */
export interface ParseHints {
  municipality?: string;
  body?: string;
  date?: string;
  /** A notice date known from the anslagstavla, used when the protocol states none. */
  noticeDate?: string;
}

export interface ParseInput {
  pages: PageText[];
  source: SourceInfo;
  hints?: ParseHints;
  /** The template learned from other protocols of the same body (batch or store): a prior, never a requirement. */
  template?: TemplateProfile;
}

import type { ProtocolChoice } from '../core/harvest/document-kind.ts';
import type { PortalSystem } from '../core/harvest/source-definition.ts';
import { HttpError } from './http-client.ts';

export type { PortalSystem } from '../core/harvest/source-definition.ts';

/**
 * The connector port: what the harvester needs from any system that publishes protocols (PORTALS.md). One adapter
 * per system (functions/adapters/portals/), all held to one contract suite (test/contract/portal-connector.contract.ts)
 * against fake portals on loopback. A connector reads through the polite HttpClient it is given and never decides
 * what to store: it lists, picks and fetches; the harvest use case (functions/pipeline/harvest) does the rest.
 */
/** A body (nämnd, styrelse, fullmäktige) as the portal names it. `id` is the connector's own handle for it. */
export interface PortalBody {
  id: string;
  name: string;
}

/** Inclusive ISO dates. */
export interface DateRange {
  from: string;
  to: string;
}

export interface PortalMeeting {
  /** Stable across runs: Ciceron's object_link, Netpublicator's channel path, Meetings+'s page path, SiteVision's body + date. */
  key: string;
  body: PortalBody;
  /** YYYY-MM-DD. */
  date: string;
  title: string;
  /** A page a person can open for the meeting, when the portal has one. */
  url?: string;
}

export interface PortalDocument {
  /** The system's own id of the document, stable across runs (never a position in a result list). */
  id: string;
  /** Its title or file name as the portal shows it. */
  name: string;
  /** Where its bytes are fetched (GET), exactly as the portal wants the request. */
  url: string;
  /** Changes when the portal replaces the file under the same id (size, file name suffix …), when the portal shows it. */
  version?: string;
  /** The anslag date the portal gives for it, YYYY-MM-DD. */
  noticeDate?: string;
}

export interface MeetingDocuments {
  documents: PortalDocument[];
  /** Why the meeting has no protocol, when the portal says so. */
  note?: 'not-yet-published' | 'cancelled';
  /** The anslag date the portal gives for the meeting's protocol, YYYY-MM-DD. */
  noticeDate?: string;
}

export interface FetchedDocument {
  bytes: Uint8Array;
  /** From the bytes, never from headers or names: only PDFs and plain text are accepted. */
  mediaType: 'application/pdf' | 'text/plain';
  /** The URL that answered. */
  url: string;
}

export interface PortalConnector {
  readonly system: PortalSystem;
  listBodies(): Promise<PortalBody[]>;
  /** Meetings of `body` whose date lies in `range`. */
  listMeetings(body: PortalBody, range: DateRange): Promise<PortalMeeting[]>;
  listDocuments(meeting: PortalMeeting): Promise<MeetingDocuments>;
  /** The full protocol among the documents (partials and other variants kept as related), or none. */
  pickProtocol(documents: readonly PortalDocument[]): ProtocolChoice<PortalDocument>;
  /** The bytes, checked to be a PDF or plain text; HTML in their place (a soft 404) is an error, not a document. */
  fetchDocument(document: PortalDocument): Promise<FetchedDocument>;
}

/** A page or file answered 200 with a "page missing" page, or HTML where a document was expected. */
export class SoftNotFoundError extends HttpError {
  override name = 'SoftNotFoundError';
}

/** Bytes that are neither a PDF nor text (a .docx, an image, an empty file): never stored. */
export class UnexpectedContentError extends HttpError {
  override name = 'UnexpectedContentError';
}

/** The portal answered, but not in the shape this connector knows (the system changed, or the URL is wrong). */
export class PortalResponseError extends HttpError {
  override name = 'PortalResponseError';
}

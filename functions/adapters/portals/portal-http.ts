import { forbidsFollowing, htmlLinks, isSoftNotFound, metaRobots, type HtmlLink } from '../../core/harvest/html.ts';
import {
  HttpStatusError,
  RobotsDisallowedError,
  type HttpClient,
  type HttpRequest,
  type HttpResponse,
} from '../../ports/http-client.ts';
import {
  PortalResponseError,
  SoftNotFoundError,
  UnexpectedContentError,
  type FetchedDocument,
} from '../../ports/portal-connector.ts';
import { sniffContent } from '../content-sniffer.ts';

/** What every connector gets from the composition root. */
export interface ConnectorContext {
  http: HttpClient;
  /** The product token for robots meta tags ("paragraf"). */
  robotsToken: string;
  /** False on hosts where the operator overrode robots rules (with a recorded reason). */
  robotsApply(url: string): boolean;
}

/** The response, or HttpStatusError for anything but 2xx. */
export async function fetchOk(http: HttpClient, request: HttpRequest): Promise<HttpResponse> {
  const response = await http.fetch(request);
  if (response.status < 200 || response.status > 299) throw new HttpStatusError(response.url, response.status);
  return response;
}

export async function fetchJson(http: HttpClient, request: HttpRequest): Promise<unknown> {
  const response = await fetchOk(http, { ...request, headers: { accept: 'application/json', ...request.headers } });
  const text = new TextDecoder().decode(response.body);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const kind = sniffContent(response.body).kind === 'html' ? 'an HTML page' : 'not JSON';
    throw new PortalResponseError(response.url, `${response.url} answered ${kind} where JSON was expected`, {
      cause: error,
    });
  }
}

export interface Page {
  url: string;
  html: string;
  links: HtmlLink[];
}

/**
 * An HTML page of the portal. A "Sidan saknas" page answered with 200 is a SoftNotFoundError; a page whose robots
 * meta tag or X-Robots-Tag says nofollow/none is a RobotsDisallowedError (its links are not followed) unless the
 * operator overrode robots rules for the host.
 */
export async function fetchPage(ctx: ConnectorContext, url: string): Promise<Page> {
  const response = await fetchOk(ctx.http, { method: 'GET', url, headers: { accept: 'text/html' } });
  const html = decodeText(response);
  if (isSoftNotFound(html))
    throw new SoftNotFoundError(response.url, `${response.url} is a "page missing" page (answered ${response.status})`);
  if (ctx.robotsApply(response.url)) {
    const header = new Set(
      (response.headers['x-robots-tag'] ?? '')
        .toLowerCase()
        .split(',')
        .map((d) => d.trim()),
    );
    if (forbidsFollowing(metaRobots(html, ctx.robotsToken)) || forbidsFollowing(header)) {
      throw new RobotsDisallowedError(response.url, `${response.url} asks robots not to follow its links (nofollow)`);
    }
  }
  return { url: response.url, html, links: htmlLinks(html) };
}

/** The page's text in the charset it declares (UTF-8 unless it says ISO-8859-1/Windows-1252). */
export function decodeText(response: HttpResponse): string {
  const type = (response.headers['content-type'] ?? '').toLowerCase();
  const latin = /charset=(?:iso-8859-1|latin1|windows-1252)/u.test(type);
  return new TextDecoder(latin ? 'windows-1252' : 'utf-8').decode(response.body);
}

/**
 * A document's bytes, accepted only as a PDF (`%PDF-` in the first KiB) or as plain text served as text/plain. HTML
 * in their place is a soft 404 (the portal's error page with status 200); anything else (a .docx, an image, an empty
 * body) is refused. Nothing that fails here is ever stored.
 */
export async function fetchDocumentBytes(http: HttpClient, url: string): Promise<FetchedDocument> {
  const response = await fetchOk(http, {
    method: 'GET',
    url,
    headers: { accept: 'application/pdf, text/plain;q=0.5' },
  });
  const sniffed = sniffContent(response.body);
  if (sniffed.kind === 'pdf') return { bytes: response.body, mediaType: 'application/pdf', url: response.url };
  const declared = (response.headers['content-type'] ?? '').toLowerCase();
  if (sniffed.kind === 'text' && declared.startsWith('text/plain'))
    return { bytes: response.body, mediaType: 'text/plain', url: response.url };
  if (sniffed.kind === 'html')
    throw new SoftNotFoundError(
      response.url,
      `${response.url} answered an HTML page instead of a document (${sniffed.detail})`,
    );
  const detail = 'detail' in sniffed ? sniffed.detail : `text served as ${declared || 'no type'}`;
  throw new UnexpectedContentError(response.url, `${response.url} is not a PDF or plain text: ${detail}`);
}

/** `href` resolved against `base`, or undefined for javascript:, mailto: and other non-http links. */
export function resolveLink(href: string, base: string): URL | undefined {
  try {
    const url = new URL(href, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

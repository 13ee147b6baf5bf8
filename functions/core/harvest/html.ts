import { decodeEntities } from '../text/html-entities.ts';

/**
 * Just enough HTML reading for portal pages: links with their text, the page title, robots directives, visible text.
 * Portal pages are untrusted input, so everything here is a single forward scan (indexOf), never a regular
 * expression that could backtrack across the page. Pure.
 */
export interface HtmlLink {
  /** The href attribute as written (entities decoded), not resolved against the page URL. */
  href: string;
  /** The link's visible text, tags removed, whitespace collapsed. */
  text: string;
  /** Other attributes that connectors look at. */
  className: string;
  /** Offset of the `<a` in the page, so callers can look at the text around a link. */
  offset: number;
}

/** Tags removed (a tag is `<` to the next `>`), entities decoded, whitespace collapsed. */
export function htmlText(html: string): string {
  let out = '';
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) {
      out += html.slice(at);
      break;
    }
    out += `${html.slice(at, open)} `;
    const close = html.indexOf('>', open);
    if (close === -1) break;
    at = close + 1;
  }
  return decodeEntities(out).replace(/\s+/gu, ' ').trim();
}

/** The value of attribute `name` in the inside of a start tag (`href="…"`, `href='…'` or unquoted). */
export function attribute(tagInside: string, name: string): string | undefined {
  const lower = tagInside.toLowerCase();
  let from = 0;
  for (;;) {
    const at = lower.indexOf(name, from);
    if (at === -1) return undefined;
    from = at + name.length;
    if (at > 0 && !/\s/u.test(lower[at - 1]!)) continue;
    let i = from;
    while (i < lower.length && lower[i] === ' ') i++;
    if (lower[i] !== '=') continue;
    i++;
    while (i < lower.length && lower[i] === ' ') i++;
    const quote = tagInside[i];
    if (quote === '"' || quote === "'") {
      const end = tagInside.indexOf(quote, i + 1);
      return decodeEntities(tagInside.slice(i + 1, end === -1 ? undefined : end));
    }
    let end = i;
    while (end < tagInside.length && !/[\s>]/u.test(tagInside[end]!)) end++;
    return decodeEntities(tagInside.slice(i, end));
  }
}

/** Every `<a …>…</a>` with an href, in page order. An `<a` without a closing `</a>` ends the scan. */
export function htmlLinks(html: string): HtmlLink[] {
  const lower = html.toLowerCase();
  const links: HtmlLink[] = [];
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<a', at);
    if (open === -1) break;
    const next = lower[open + 2];
    if (next !== undefined && !/[\s>]/u.test(next)) {
      at = open + 2;
      continue;
    }
    const tagEnd = lower.indexOf('>', open);
    if (tagEnd === -1) break;
    const close = lower.indexOf('</a', tagEnd);
    if (close === -1) break;
    const inside = html.slice(open + 2, tagEnd);
    const href = attribute(inside, 'href');
    if (href !== undefined) {
      links.push({
        href: href.trim(),
        text: htmlText(html.slice(tagEnd + 1, close)),
        className: attribute(inside, 'class') ?? '',
        offset: open,
      });
    }
    at = close + 3;
  }
  return links;
}

/** The `<title>`, else the first `<h1>`, as text. */
export function htmlTitle(html: string): string | undefined {
  for (const tag of ['title', 'h1']) {
    const lower = html.toLowerCase();
    const open = lower.indexOf(`<${tag}`);
    if (open === -1) continue;
    const start = lower.indexOf('>', open);
    const end = lower.indexOf(`</${tag}`, start);
    if (start === -1 || end === -1) continue;
    const text = htmlText(html.slice(start + 1, end));
    if (text !== '') return text;
  }
  return undefined;
}

/** Directives of `<meta name="robots" content="…">` (and of a `paragraf` or `googlebot`-style named one, if ours). */
export function metaRobots(html: string, token: string): Set<string> {
  const lower = html.toLowerCase();
  const directives = new Set<string>();
  let at = 0;
  for (;;) {
    const open = lower.indexOf('<meta', at);
    if (open === -1) break;
    const end = lower.indexOf('>', open);
    if (end === -1) break;
    const inside = html.slice(open + 5, end);
    const name = attribute(inside, 'name')?.toLowerCase();
    if (name === 'robots' || name === token.toLowerCase()) {
      for (const d of (attribute(inside, 'content') ?? '').toLowerCase().split(','))
        if (d.trim()) directives.add(d.trim());
    }
    at = end + 1;
  }
  return directives;
}

/** True when robots directives forbid following the page's links ("nofollow" or "none"). */
export function forbidsFollowing(directives: ReadonlySet<string>): boolean {
  return directives.has('nofollow') || directives.has('none');
}

/**
 * A soft 404: a page that says it is missing while answering 200 ("Sidan saknas", "Sidan kunde inte hittas",
 * "Page not found"). Judged from the title or first heading only, so a page merely mentioning the words is not one.
 */
export function isSoftNotFound(html: string): boolean {
  const title = htmlTitle(html)?.toLowerCase() ?? '';
  return /sidan (?:saknas|kunde inte hittas|finns inte|hittades inte)|page not found|hittade inte sidan|\b404\b/u.test(
    title,
  );
}

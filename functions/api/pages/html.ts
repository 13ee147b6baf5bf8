import { findLawReferences, lawUrl } from '../../core/records/law-references.ts';
/**
 * HTML building with escaping by default: every interpolated value is escaped unless it is already `Html` (built by
 * this same tag). A page therefore cannot inject markup from data by forgetting to escape one field.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/gu, (c) => ENTITIES[c]!);
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += render(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

/** Trusted markup (constants written in this code base only). */
export function unsafeRaw(markup: string): Html {
  return new Html(markup);
}

/** Text with the given stretches wrapped in <mark> (ascending, not overlapping), everything escaped. */
export function marked(text: string, ranges: ReadonlyArray<{ start: number; end: number }>): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const r of ranges) {
    parts.push(html`${text.slice(at, r.start)}<mark>${text.slice(r.start, r.end)}</mark>`);
    at = r.end;
  }
  return html`${parts}${text.slice(at)}`;
}

/** A URL path with query parameters, leaving out empty ones. */
export function href(path: string, params: Record<string, string | number | boolean | undefined>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '' && v !== false) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

/** Text with its line breaks kept as paragraphs (blank lines) and <br> (single breaks); law citations linked. */
export function paragraphs(text: string): Html {
  const blocks = text
    .split(/\n\s*\n/u)
    .map((b) => b.trim())
    .filter((b) => b !== '');
  return html`${blocks.map((b) => html`<p>${b.split('\n').map((line, i) => html`${i > 0 ? unsafeRaw('<br>') : ''}${lawLinked(line)}`)}</p>`)}`;
}

/** Text with each statute citation ("13 kap. 5 § KL") a link to the statute at that chapter and section. */
export function lawLinked(text: string): Html {
  const parts: Html[] = [];
  let at = 0;
  for (const ref of findLawReferences(text)) {
    parts.push(
      html`${text.slice(at, ref.start)}<a class="law" href="${lawUrl(ref)}" title="${ref.law} (SFS ${ref.sfs})">${ref.raw}</a>`,
    );
    at = ref.end;
  }
  return html`${parts}${text.slice(at)}`;
}

/** "1 234 567" with a narrow no-break space, as Swedish writes thousands. */
export function number(n: number): string {
  return n.toLocaleString('sv-SE');
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} kB`;
  return `${(n / 1024 / 1024).toLocaleString('sv-SE', { maximumFractionDigits: 1 })} MB`;
}

/** "kommunstyrelsen" → "Kommunstyrelsen": names as printed are sometimes all lower case (from a file name). */
export function capitalised(name: string): string {
  return name.charAt(0).toLocaleUpperCase('sv-SE') + name.slice(1);
}

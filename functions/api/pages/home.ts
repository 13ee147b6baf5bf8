import { fileTitle, isConcatenable } from '../../published/partitions.ts';
import { PARTITION_FILES } from '../../published/unit-files.ts';
import { parseQuery } from '../../core/search/index.ts';
import { queryParagraphs } from '../read-model/query.ts';
import type { DatasetListing, Snapshot } from '../read-model/read-model.ts';
import type { ParagraphFilter } from '../read-model/types.ts';
import { encodeCursor } from '../request/cursor.ts';
import { bytes, capitalised, href, html, number, type Html } from './html.ts';
import { layout } from './layout.ts';
import { paragraphListItem } from './paragraph-list.ts';

export interface HomeQuery {
  q?: string;
  municipality?: string;
  body?: string;
  year?: number;
  hasVote?: boolean;
  hasReservation?: boolean;
  after?: number;
}

const PAGE = 20;

/** The files offered per municipality: every table as CSV and as CSV for Excel, and the full records; § first. */
const DOWNLOAD_FILES = [
  ...PARTITION_FILES.filter((f) => f.startsWith('paragraphs') && isConcatenable(f)),
  ...PARTITION_FILES.filter((f) => !f.startsWith('paragraphs') && isConcatenable(f)),
];

/** The start page: search with filters, results, and the dataset downloads. */
export function homePage(
  snapshot: Snapshot,
  query: HomeQuery,
  listing: DatasetListing | null,
  problems: string[] = [],
): string {
  const index = snapshot.index;
  const filter: ParagraphFilter = {
    ...(query.q ? { q: query.q } : {}),
    ...(query.municipality ? { municipality: query.municipality } : {}),
    ...(query.body ? { body: query.body } : {}),
    ...(query.year ? { year: query.year } : {}),
    ...(query.hasVote ? { hasVote: true } : {}),
    ...(query.hasReservation ? { hasReservation: true } : {}),
  };
  const searching = Object.keys(filter).length > 0;
  const parsed = query.q ? parseQuery(query.q) : undefined;
  const result = queryParagraphs(index, filter, {
    sort: '-date',
    limit: PAGE,
    total: true,
    ...(query.after !== undefined ? { after: query.after } : {}),
  });
  const params = {
    q: query.q,
    municipality: query.municipality,
    body: query.body,
    year: query.year,
    hasVote: query.hasVote,
    hasReservation: query.hasReservation,
  };
  const last = result.items[result.items.length - 1];
  const next =
    result.more && last !== undefined
      ? href('/', { ...params, cursor: encodeCursor({ v: snapshot.version.tag, p: last, k: index.paragraphId(last) }) })
      : undefined;
  const feed = href('/v1/feed.atom', {
    q: query.q,
    municipality: query.municipality,
    body: query.body,
    hasVote: query.hasVote,
    hasReservation: query.hasReservation,
  });
  const content = html`<h1>Sök i kommunala protokoll</h1>
<p>${number(index.size)} paragrafer från ${number(index.meetingCount)} sammanträden i ${number(index.parts.municipalities.length)} kommuner.</p>
${problems.length > 0 ? html`<div class="error" role="alert"><p>Sökningen kunde inte göras:</p><ul>${problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
${searchForm(snapshot, query)}
<section aria-labelledby="traffar">
<h2 id="traffar">${searching ? 'Träffar' : 'Senaste paragraferna'}</h2>
<p role="status">${number(result.total ?? 0)} ${result.total === 1 ? 'paragraf' : 'paragrafer'}${query.after !== undefined ? ' (fortsättning)' : ''}.
<a href="${href('/v1/paragraphs', { ...params, format: 'csv' })}">Ladda ner träffarna som CSV</a> ·
<a href="${href('/v1/paragraphs', { ...params, format: 'csv-excel-sv' })}">CSV för Excel</a> ·
<a href="${feed}">Bevaka (Atom)</a></p>
<ol class="results">${result.items.map((d) => paragraphListItem(index.paragraph(d), undefined, parsed))}</ol>
${next ? html`<p><a href="${next}" rel="next">Nästa sida</a></p>` : ''}
</section>
${datasetsSection(listing)}`;
  return layout(
    {
      title: searching ? `Sök: ${query.q ?? 'filter'}` : 'Sök i kommunala protokoll',
      feed,
      ...(snapshot.version.snapshot ? { snapshot: snapshot.version.snapshot } : {}),
    },
    content,
  );
}

function searchForm(snapshot: Snapshot, query: HomeQuery): Html {
  const index = snapshot.index;
  const bodies = new Map<string, string>();
  for (const b of index.bodies()) if (!bodies.has(b.slug)) bodies.set(b.slug, capitalised(b.name));
  const option = (value: string, label: string, selected: boolean) =>
    html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;
  return html`<form class="search" method="get" action="/" role="search" aria-label="Sök paragrafer">
<div class="wide"><label for="q">Sökord</label>
<input type="search" id="q" name="q" value="${query.q ?? ''}" placeholder="t.ex. detaljplan, förskola, 2023.563 KS" maxlength="200"></div>
<div><label for="municipality">Kommun</label><select id="municipality" name="municipality">${option('', 'Alla kommuner', !query.municipality)}${index
    .municipalities()
    .map((m) => option(m.slug, m.name, query.municipality === m.slug))}</select></div>
<div><label for="body">Organ</label><select id="body" name="body">${option('', 'Alla organ', !query.body)}${[...bodies]
    .sort((a, b) => a[1].localeCompare(b[1], 'sv'))
    .map(([slug, name]) => option(slug, name, query.body === slug))}</select></div>
<div><label for="year">År</label><select id="year" name="year">${option('', 'Alla år', !query.year)}${index.years().map((y) => option(String(y), String(y), query.year === y))}</select></div>
<div class="check"><input type="checkbox" id="hasVote" name="hasVote" value="true"${query.hasVote ? html` checked` : ''}> <label for="hasVote">Med votering</label><br>
<input type="checkbox" id="hasReservation" name="hasReservation" value="true"${query.hasReservation ? html` checked` : ''}> <label for="hasReservation">Med reservation</label></div>
<div><button type="submit">Sök</button></div>
</form>`;
}

function datasetsSection(listing: DatasetListing | null): Html {
  const dump = listing?.dump;
  const partitions = listing?.partitions.filter((p) => p.id.startsWith('municipality/') || p.id === 'all') ?? [];
  return html`<section aria-labelledby="dataset" id="dataset-section">
<h2 id="dataset">Ladda ner data</h2>
<p>Alla publicerade paragrafer som öppna data (CC0). Filerna och API:t visar samma data.
${listing?.metadata.map((m) => html` <a href="${m.url}">${m.name}</a> ·`) ?? ''} <a href="/v1/datasets">Alla filer (JSON)</a></p>
${
  dump
    ? html`<h3>Hela arkivet (publicering ${dump.snapshot})</h3>
<table><caption class="meta">Filer med storlek och SHA-256-kontrollsumma</caption>
<thead><tr><th scope="col">Fil</th><th scope="col" class="num">Storlek</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${dump.files.map((f) => html`<tr><td><a href="${f.url}" download>${f.name}</a></td><td class="num">${bytes(f.bytes)}</td><td><code>${f.sha256 ?? ''}</code></td></tr>`)}</tbody></table>`
    : ''
}
${
  partitions.length > 0
    ? html`<h3>Per kommun</h3>
<form method="get" action="/v1/datasets/download">
<label for="partition">Kommun att ladda ner</label>
<select id="partition" name="partition">${partitions.map((p) => html`<option value="${p.id}">${p.title} (${number(p.paragraphs)} §)</option>`)}</select>
<label for="file">Fil att ladda ner</label>
<select id="file" name="file">
${DOWNLOAD_FILES.map((f) => html`<option value="${f}">${fileTitle(f).sv}</option>`)}
</select>
<button type="submit">Ladda ner</button>
</form>`
    : ''
}
</section>`;
}

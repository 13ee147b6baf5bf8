/**
 * A fake Formpipe Meetings+ portal on loopback (PORTALS.md), server-rendered HTML with "meetingsPlus" in it:
 *  - /committees lists bodies; /committees/<slug> lists meetings, upcoming ones first and past ones under a
 *    "Tidigare" tab in the same page, with links in the three styles mote-YYYY-MM-DD, <slug>-YYYY-MM-DD and
 *    <slug>-<opaque id> (date only in the link text, as "5 februari 2024");
 *  - a meeting page links its protocol as `<a class="protocol" href="/committees/<slug>/<meeting>/protocol/
 *    <filename>pdf-NNNNN?downloadMode=open">Öppna protokoll</a>`; before justering the link is javascript:void(0);
 *    a cancelled meeting says "inställt"; the page states "Anslagsdatum: YYYY-MM-DD" when a notice date is set;
 *  - any unknown URL, including a truncated protocol URL, answers the soft 404 "Sidan saknas" with status 200;
 *  - HEAD answers 404 everywhere while GET works.
 */
import {
  html,
  notFound,
  pdf,
  robotsResponse,
  sidanSaknas,
  startLoopbackServer,
  type FakeResponse,
  type FakeServer,
} from './loopback-server.ts';

export interface MpFakeMeeting {
  date: string;
  style: 'mote' | 'slug-date' | 'opaque';
  protocol?: { filename: string; suffix?: number; bytes: Uint8Array };
  /** More /protocol/ links, e.g. "Protokoll § 5 omedelbar justering". */
  partials?: Array<{ text: string; filename: string; bytes: Uint8Array }>;
  pending?: boolean;
  cancelled?: boolean;
  noticeDate?: string;
}

export interface MpFakeOptions {
  committees: Array<{ slug: string; name: string; meetings: MpFakeMeeting[] }>;
  robots?: string | null;
  /** Today, to split "Kommande" from "Tidigare". */
  today: string;
  /** Meeting pages carry <meta name="robots" content="noindex, nofollow">. */
  nofollowMeetings?: boolean;
}

export interface MpFake extends FakeServer {
  downloads(): number;
}

const SV_MONTHS = [
  'januari',
  'februari',
  'mars',
  'april',
  'maj',
  'juni',
  'juli',
  'augusti',
  'september',
  'oktober',
  'november',
  'december',
];

export function segmentOf(slug: string, m: MpFakeMeeting, index: number): string {
  if (m.style === 'mote') return `mote-${m.date}`;
  if (m.style === 'slug-date') return `${slug}-${m.date}`;
  return `${slug}-${(0x5f3a + index * 7919).toString(36)}`;
}

function svDate(iso: string): string {
  const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${SV_MONTHS[mo - 1]} ${y}`;
}

export async function startFakeMeetingsPlus(options: MpFakeOptions): Promise<MpFake> {
  let downloads = 0;
  const page = (body: string, title: string, head = ''): FakeResponse => {
    const r = html(`<script>window.meetingsPlus = { version: "7.3" };</script>${body}`, title);
    return head === '' ? r : { ...r, body: String(r.body).replace('<head>', `<head>${head}`) };
  };

  const committeeList = (): FakeResponse =>
    page(
      `<h1>Nämnder och styrelser</h1><ul>${options.committees.map((c) => `<li><a href="/committees/${c.slug}">${c.name}</a></li>`).join('')}</ul>`,
      'Sammanträdesportal',
    );

  const meetingList = (c: MpFakeOptions['committees'][number]): FakeResponse => {
    const item = (m: MpFakeMeeting, i: number): string => {
      const label = m.style === 'opaque' ? `Sammanträde ${svDate(m.date)}` : c.name;
      return `<li class="meeting"><a href="/committees/${c.slug}/${segmentOf(c.slug, m, i)}">${label}</a>${m.cancelled ? ' <em>Inställt</em>' : ''}</li>`;
    };
    const indexed = c.meetings.map((m, i) => ({ m, i }));
    const upcoming = indexed
      .filter(({ m }) => m.date > options.today)
      .map(({ m, i }) => item(m, i))
      .join('');
    const past = indexed
      .filter(({ m }) => m.date <= options.today)
      .map(({ m, i }) => item(m, i))
      .join('');
    return page(
      `<h1>${c.name}</h1><div class="tabs"><a href="#kommande">Kommande</a><a href="#tidigare">Tidigare</a></div>
<section id="kommande"><ul>${upcoming}</ul></section><section id="tidigare"><h2>Tidigare</h2><ul>${past}</ul></section>`,
      c.name,
    );
  };

  const meetingPage = (c: MpFakeOptions['committees'][number], m: MpFakeMeeting, segment: string): FakeResponse => {
    const base = `/committees/${c.slug}/${segment}/protocol/`;
    const protocol = m.pending
      ? '<a class="protocol" href="javascript:void(0);">Protokoll</a> (publiceras efter justering)'
      : m.protocol
        ? `<a class="protocol" href="${base}${m.protocol.filename}pdf${m.protocol.suffix ? `-${m.protocol.suffix}` : ''}?downloadMode=open">Öppna protokoll</a>`
        : '';
    const partials = (m.partials ?? [])
      .map((p) => `<a href="${base}${p.filename}pdf?downloadMode=open">${p.text}</a>`)
      .join(' ');
    const body = `<h1>${c.name} ${m.date}</h1>${m.cancelled ? '<p>Sammanträdet är inställt.</p>' : ''}
<div class="documents"><a href="/committees/${c.slug}/${segment}/agenda">Kallelse</a> ${protocol} ${partials}</div>
${m.noticeDate ? `<p>Anslagsdatum: ${m.noticeDate}</p>` : ''}`;
    return page(
      body,
      `${c.name} ${m.date}`,
      options.nofollowMeetings ? '<meta name="robots" content="noindex, nofollow">' : '',
    );
  };

  const route = (pathname: string): FakeResponse => {
    if (pathname === '/robots.txt') return robotsResponse(options.robots);
    if (pathname === '/committees') return committeeList();
    const parts = pathname.split('/').filter((p) => p !== '');
    const c = options.committees.find((x) => x.slug === parts[1]);
    if (parts[0] !== 'committees' || c === undefined) return sidanSaknas();
    if (parts.length === 2) return meetingList(c);
    const index = c.meetings.findIndex((m, i) => segmentOf(c.slug, m, i) === parts[2]);
    const meeting = c.meetings[index];
    if (meeting === undefined) return sidanSaknas();
    if (parts.length === 3) return meetingPage(c, meeting, parts[2]!);
    if (parts[3] === 'protocol' && parts.length === 5) {
      const file = parts[4]!;
      const p = meeting.protocol;
      if (p && !meeting.pending && file === `${p.filename}pdf${p.suffix ? `-${p.suffix}` : ''}`) return served(p.bytes);
      const partial = meeting.partials?.find((x) => file === `${x.filename}pdf`);
      if (partial) return served(partial.bytes);
    }
    return sidanSaknas();
  };
  const served = (bytes: Uint8Array): FakeResponse => {
    downloads++;
    return pdf(bytes);
  };

  const server = await startLoopbackServer((request) =>
    request.method === 'HEAD' ? notFound() : route(request.pathname),
  );
  return { ...server, downloads: () => downloads };
}

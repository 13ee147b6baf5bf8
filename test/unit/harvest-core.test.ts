/**
 * The pure parts of harvesting: which document is the protocol, dates in portal names, robots.txt (RFC 9309), HTML
 * reading on hostile pages, provenance checks and the source definition schema.
 */
import { describe, expect, it } from 'vitest';
import { chooseProtocol, classifyDocumentName } from '../../functions/core/harvest/document-kind.ts';
import { htmlLinks, htmlTitle, isSoftNotFound, metaRobots } from '../../functions/core/harvest/html.ts';
import { dateInName, noticeDateIn } from '../../functions/core/harvest/portal-dates.ts';
import {
  parseRobotsTxt,
  robotsAllows,
  robotsCrawlDelay,
  wildcardMatch,
} from '../../functions/core/harvest/robots-txt.ts';
import {
  parseSourceDefinition,
  SourceDefinitionError,
  sourceHosts,
} from '../../functions/core/harvest/source-definition.ts';
import { originalLink, provenanceProblems } from '../../functions/core/records/provenance.ts';
import { expectLinear, FACTOR } from '../support/growth.ts';

describe('which document is the protocol', () => {
  it.each([
    // Full protocols, as the portals name them (PORTALS.md)
    ['Protokoll Kommunfullmäktige 2026-02-02', 'protocol'],
    ['Protokoll KF 260202', 'protocol'],
    ['KF 2025-09-22 - Protokoll', 'protocol'],
    ['Protokoll KF 240205 §§ 1-20.pdf', 'protocol'],
    ['Protokoll KF § 1-40.pdf', 'protocol'],
    ['240205-kf-protokoll.pdf', 'protocol'],
    ['Protkoll KF 240415.pdf', 'protocol'],
    ['Protokol KS 2024-03-01', 'protocol'],
    ['Protokoll KF 2024-02-05 med bilagor', 'protocol'],
    ['protokoll-kommunfullmaktige-2026-04-22pdf-20417', 'protocol'],
    ['Justerat protokoll KS 2024-02-05 (GDPR-säkrat)', 'protocol'],
    // Parts of one
    ['Protokoll § 12', 'partial-protocol'],
    ['Protokoll Omedelbar justering §7', 'partial-protocol'],
    ['Protokoll KF 240205 § 12 tillägg.pdf', 'partial-protocol'],
    ['Protokollsutdrag KS 2024-02-05 § 28', 'partial-protocol'],
    ['Protokoll KS 2024-02-05 rättad § 12', 'partial-protocol'],
    ['Protokoll KF 240205 §§ 12-14 omedelbart justerade', 'partial-protocol'],
    // Everything else
    ['Kallelse Kommunfullmäktige 2025-11-24', 'other'],
    ['Kungörelse KF 260202', 'other'],
    ['Anslagsbevis protokoll KF 251124', 'other'],
    ['Närvaro KF 260202', 'other'],
    ['Närvaroförteckning KF 2026-01-26', 'other'],
    ['Talare KF 260330', 'other'],
    ['Omröstningsresultat KF 260202', 'other'],
    ['Röstningsbilaga KF 2026-01-26', 'other'],
    ['Tillkännagivande KF 2025-09-22', 'other'],
    ['Bilaga 3 till protokoll KF', 'other'],
    ['KF 2026-06-08.pdf', 'unknown'],
  ])('%s → %s', (name, kind) => {
    expect(classifyDocumentName(name).kind).toBe(kind);
  });

  it('picks the GDPR-safe variant, then a corrected one, then the plain one before one with attachments or a scan', () => {
    const docs = (...names: string[]) => names.map((name, i) => ({ id: String(i), name }));
    expect(chooseProtocol(docs('Protokoll KF 260518', 'Protokoll KF 260518 gdpr')).protocol?.name).toBe(
      'Protokoll KF 260518 gdpr',
    );
    expect(chooseProtocol(docs('Protokoll KF', 'Rättat protokoll KF')).protocol?.name).toBe('Rättat protokoll KF');
    expect(
      chooseProtocol(docs('Protokoll KF med bilagor', 'Protokoll KF skannad', 'Protokoll KF')).protocol?.name,
    ).toBe('Protokoll KF');
    expect(chooseProtocol(docs('Kallelse KF', 'Protokoll § 5')).protocol).toBeNull();
    const choice = chooseProtocol(
      docs('Kallelse', 'Protokoll KF', 'Protokoll § 5', 'Protokoll KF med bilagor', 'Närvaro'),
    );
    expect(choice.related.map((d) => d.name)).toEqual(['Protokoll § 5', 'Protokoll KF med bilagor']);
  });

  it('keeps portal order when two full protocols are equally good', () => {
    expect(
      chooseProtocol([
        { id: 'b', name: 'Protokoll KF' },
        { id: 'a', name: 'Protokoll KF' },
      ]).protocol?.id,
    ).toBe('b');
  });
});

describe('dates in portal names', () => {
  it.each([
    ['Kommunfullmäktige 2024-02-05', '2024-02-05'],
    ['240205-kf-protokoll.pdf', '2024-02-05'],
    ['Protokoll KF 240205 §§ 1-20.pdf', '2024-02-05'],
    ['Protkoll KF 260420.pdf', '2026-04-20'],
    ['Sammanträde 5 februari 2024', '2024-02-05'],
    ['KS 20240205', '2024-02-05'],
    ['Dnr 2024.563 beslut', undefined],
    ['Protokoll § 123456789', undefined],
  ])('%s → %s', (name, iso) => {
    expect(dateInName(name)).toBe(iso);
  });

  it('reads a notice date only right after a label', () => {
    expect(noticeDateIn('Justerat 2024-02-10. Anslagsdatum: 2024-02-12')).toBe('2024-02-12');
    expect(noticeDateIn('anslagsdatum: 12 februari 2024')).toBe('2024-02-12');
    expect(noticeDateIn('Tillkännagivande KF 2024-02-05')).toBeUndefined();
    expect(noticeDateIn('Sammanträde 2024-02-05. Protokollet finns på kansliet.')).toBeUndefined();
  });
});

describe('robots.txt (RFC 9309)', () => {
  const robots = parseRobotsTxt(`# comment
User-agent: *
Disallow: /download/
Allow: /download/public/
Disallow: /*.docx$
Crawl-delay: 2

User-agent: Paragraf
User-agent: other
Disallow: /sok/
`);

  it('uses the group naming our token (case-insensitive) instead of "*"', () => {
    expect(robotsAllows(robots, 'paragraf', '/download/x.pdf')).toBe(true);
    expect(robotsAllows(robots, 'paragraf', '/sok/?q=1')).toBe(false);
    expect(robotsAllows(robots, 'someone', '/sok/')).toBe(true);
  });

  it('lets the longest match win, allow on a tie, with * and $ as wildcards', () => {
    expect(robotsAllows(robots, 'someone', '/download/x.pdf')).toBe(false);
    expect(robotsAllows(robots, 'someone', '/download/public/x.pdf')).toBe(true);
    expect(robotsAllows(robots, 'someone', '/files/protokoll.docx')).toBe(false);
    expect(robotsAllows(robots, 'someone', '/files/protokoll.docx?x=1')).toBe(true);
    expect(robotsAllows(parseRobotsTxt('User-agent: *\nDisallow: /p\nAllow: /p\n'), 'x', '/p')).toBe(true);
    expect(robotsAllows(robots, 'someone', '/robots.txt')).toBe(true);
  });

  it('matches percent-encoded and raw non-ASCII paths alike', () => {
    const r = parseRobotsTxt('User-agent: *\nDisallow: /protokoll/å\n');
    expect(robotsAllows(r, 'x', '/protokoll/%C3%A5rsm%C3%B6te')).toBe(false);
  });

  it('reads Crawl-delay, and nothing for an empty file', () => {
    expect(robotsCrawlDelay(robots, 'someone')).toBe(2);
    expect(robotsCrawlDelay(robots, 'paragraf')).toBeUndefined();
    expect(robotsAllows(parseRobotsTxt(''), 'paragraf', '/anything')).toBe(true);
  });

  it('matches wildcards in time linear in the path, even for a hostile pattern', () => {
    expect(wildcardMatch('/a*b*c$', '/axxbyyc')).toBe(true);
    expect(wildcardMatch('/a*b*c$', '/axxbyycd')).toBe(false);
    const pattern = `/${'*a'.repeat(30)}b`;
    expectLinear((n) => {
      const path = `/${'a'.repeat(200 * n)}`;
      return () => wildcardMatch(pattern, path);
    }, 8);
  });
});

describe('HTML on hostile pages', () => {
  it('finds links with their text and class, decoding entities', () => {
    const links = htmlLinks(
      '<ul><li><a class="protocol" href="/p?a=1&amp;b=2">&Ouml;ppna <b>protokoll</b></a></li><li><a href=\'/q\'>Q</a></li><a name="x">no href</a></ul>',
    );
    expect(links.map((l) => [l.href, l.text, l.className])).toEqual([
      ['/p?a=1&b=2', 'Öppna protokoll', 'protocol'],
      ['/q', 'Q', ''],
    ]);
  });

  it('reads the title, robots directives and a soft 404', () => {
    const page =
      '<html><head><title>Sidan saknas - Alingsås</title><meta name="robots" content="noindex, NOFOLLOW"></head></html>';
    expect(htmlTitle(page)).toBe('Sidan saknas - Alingsås');
    expect([...metaRobots(page, 'paragraf')]).toEqual(['noindex', 'nofollow']);
    expect(isSoftNotFound(page)).toBe(true);
    expect(isSoftNotFound('<title>Kommunfullmäktige</title><p>Sidan saknas inte</p>')).toBe(false);
  });

  it.each([
    ['unclosed anchors', (n: number) => '<a href="x">'.repeat(n)],
    ['anchors without a tag end', (n: number) => '<a '.repeat(n)],
    ['look-alike tags', (n: number) => `${'<ab'.repeat(n)}>`],
    ['many small links', (n: number) => '<a href="/x">x</a>'.repeat(n)],
  ])('stays linear on %s', (_name, page) => {
    expectLinear((n) => {
      const html = page(n);
      return () => htmlLinks(html);
    }, 4_000 / FACTOR);
  });
});

describe('provenance', () => {
  it('accepts http(s) URLs and real dates only', () => {
    expect(
      provenanceProblems({
        sourceUrl: 'https://diariet.kommun.se/download/document?filename=UHJv%3D&id=1',
        noticeDate: '2024-02-12',
      }),
    ).toEqual([]);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'https://k.se/a b',
      'https://k.se/"><script>',
      'ftp://k.se/a',
      '/relative',
      'https://user:pw@k.se/',
    ]) {
      expect(provenanceProblems({ sourceUrl: bad }), bad).toHaveLength(1);
    }
    expect(provenanceProblems({ noticeDate: '2024-02-30' })).toHaveLength(1);
    expect(provenanceProblems({ portal: 'Ciceron!' })).toHaveLength(1);
    expect(provenanceProblems({ portalDocumentId: 'a\u0000b' })).toHaveLength(1);
  });

  it('links to the page of a PDF, replacing any fragment, and to the plain URL otherwise', () => {
    expect(originalLink({ sourceUrl: 'https://k.se/p.pdf#view=fit', mediaType: 'application/pdf' }, 4)).toBe(
      'https://k.se/p.pdf#page=4',
    );
    expect(originalLink({ sourceUrl: 'https://k.se/p.txt', mediaType: 'text/plain' }, 4)).toBe('https://k.se/p.txt');
    expect(originalLink({ sourceUrl: 'javascript:alert(1)', mediaType: 'application/pdf' }, 4)).toBeUndefined();
    expect(originalLink({ mediaType: 'application/pdf' }, 4)).toBeUndefined();
  });
});

describe('source definitions', () => {
  const base = {
    id: 'alingsas-mp',
    municipality: 'Alingsås kommun',
    system: 'meetings-plus',
    baseUrl: 'https://sammantradesportal.alingsas.se/',
    bodies: ['Kommunfullmäktige'],
    status: 'active',
  };

  it('normalises a good one', () => {
    expect(parseSourceDefinition(base, 'x')).toMatchObject({
      municipality: 'Alingsås',
      baseUrl: 'https://sammantradesportal.alingsas.se',
    });
  });

  it('lists every problem at once', () => {
    try {
      parseSourceDefinition(
        {
          ...base,
          id: 'Alingsås!',
          municipality: 'Atlantis',
          system: 'lex2publish',
          baseUrl: 'javascript:x',
          status: 'maybe',
        },
        'data/sources/x.json: sources[0]',
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(SourceDefinitionError);
      expect((error as SourceDefinitionError).problems).toHaveLength(5);
    }
  });

  it('takes a robots override only with a reason and who decided', () => {
    expect(() => parseSourceDefinition({ ...base, robots: { respect: false } }, 'x')).toThrow(SourceDefinitionError);
    const s = parseSourceDefinition(
      {
        ...base,
        robots: { respect: false, reason: 'Kommunens registrator gav tillstånd per e-post', decidedBy: 'A. Andersson' },
      },
      'x',
    );
    expect(s.robots?.decidedBy).toBe('A. Andersson');
  });

  it('requires what each system needs from an active source, not from an unverified one', () => {
    const np = { ...base, system: 'netpublicator', baseUrl: 'https://www.sigtuna.se' };
    expect(() => parseSourceDefinition(np, 'x')).toThrow(/reader/u);
    expect(parseSourceDefinition({ ...np, status: 'unverified' }, 'x').netpublicator?.apiBase).toBe(
      'https://docs.netpublicator.com',
    );
    expect(sourceHosts(parseSourceDefinition({ ...np, netpublicator: { reader: 'r1', rootId: '2' } }, 'x'))).toEqual([
      'www.sigtuna.se',
      'docs.netpublicator.com',
    ]);
    expect(() =>
      parseSourceDefinition(
        {
          ...base,
          system: 'sitevision',
          sitevision: {
            folders: [
              {
                body: 'KF',
                page: 'https://k.se/p',
                fileShare: { appresource: '/appresource/4.1/12.2/files', folderId: '19.3' },
              },
            ],
          },
        },
        'x',
      ),
    ).toThrow(/exactly one/u);
  });
});

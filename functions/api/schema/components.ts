import type { JsonSchema } from '../request/params.ts';
import { RECORD_SCHEMAS } from './record-schemas.ts';
import { bool, date, int, ref, str, uri } from './schema-builders.ts';

/** Reusable response schemas of the OpenAPI document (components.schemas). Routes refer to them with `ref` (a test checks that every reference resolves). */
export { ref };

const list = (items: JsonSchema, description: string): JsonSchema => ({ type: 'array', items, description });
const object = (properties: Record<string, JsonSchema>, required: string[], extra: JsonSchema = {}): JsonSchema => ({
  type: 'object',
  properties,
  required,
  ...extra,
});

const links = object(
  {
    self: uri('This resource in the API.'),
    html: uri('The web page.'),
    meeting: uri('The meeting in the API.'),
  },
  [],
);

const paragraphRecord = object(
  {
    id: str('Stable id.'),
    permalink: uri('Permanent URL.'),
    meetingId: str('The meeting.'),
    municipality: str('Municipality name.'),
    body: str('Body name as printed.'),
    meetingDate: date('Date of the meeting.'),
    number: str('§ number as printed.'),
    heading: str('The heading line as printed.'),
    caseNumbers: list(ref('CaseNumber'), 'Case numbers.'),
    title: str('Title.'),
    sections: list(ref('Section'), 'Sections with heading, kind, text and pages.'),
    decision: str('The decision text, verbatim.'),
    decisionItems: list(ref('DecisionItem'), 'Decision items (label, text).'),
    votes: list(ref('Vote'), 'Votes with counts and the named roll.'),
    reservations: list(ref('Reservation'), 'Reservations (by, text).'),
    recipients: list({ type: 'string' }, 'Expedieras till.'),
    documents: list({ type: 'string' }, 'Beslutsunderlag: the documents the decision rests on.'),
    references: list(ref('Reference'), 'References to other § (raw, body, date, number).'),
    pages: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2, description: 'First and last page.' },
    text: str('Verbatim § text.'),
    immediatelyJusterad: bool('The § was signed off at once (omedelbar justering).'),
    otherAppealRoute: bool('Another law’s appeal route may apply (KL 13 kap. 3 §).'),
    appealLastDay: date('Computed last day to appeal, when known.'),
    redacted: bool('Text was removed for secrecy, by the municipality or by a reviewer before publishing.'),
    redactionBasis: str('The legal basis the reviewer gave for removing text, e.g. "OSL 26 kap. 1 §".'),
    confidence: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      description: 'How reliably the § was read (0–1); below 0.5 a person should check it.',
    },
    links,
  },
  [
    'id',
    'permalink',
    'meetingId',
    'municipality',
    'body',
    'meetingDate',
    'number',
    'heading',
    'caseNumbers',
    'title',
    'sections',
    'decision',
    'decisionItems',
    'votes',
    'reservations',
    'recipients',
    'documents',
    'references',
    'redacted',
    'immediatelyJusterad',
    'pages',
    'text',
  ],
  { description: 'The full § record, exactly as in the published NDJSON, plus links.' },
);

/** A § as the meeting file holds it: the record without the meeting's fields (the file has them once) and links. */
function meetingParagraph(record: JsonSchema): JsonSchema {
  const drop = new Set(['municipality', 'body', 'meetingDate', 'links']);
  const properties = Object.fromEntries(
    Object.entries(record.properties as Record<string, JsonSchema>).filter(([k]) => !drop.has(k)),
  );
  const required = (record.required as string[]).filter((k) => !drop.has(k));
  return {
    ...record,
    properties,
    required,
    description: 'A § in the meeting file: the full record with its permalink.',
  };
}

export const SCHEMAS = {
  ...RECORD_SCHEMAS,
  Problem: object(
    {
      type: uri('Identifies the kind of problem.'),
      title: str('Short, human-readable summary of the kind of problem (Swedish / English).'),
      status: { type: 'integer', description: 'The HTTP status code.' },
      detail: str('What went wrong in this request.'),
      instance: str('The request path.'),
      errors: list({ type: 'string' }, 'For 400: one line per invalid parameter.'),
    },
    ['type', 'title', 'status', 'detail', 'instance'],
  ),
  ParagraphSummary: object(
    {
      id: str('Stable id: <meeting id>-<number>.'),
      permalink: uri('Permanent URL of the §.'),
      meetingId: str('The meeting: <municipality>-<body>-<date>.'),
      municipality: str('Municipality slug.'),
      municipalityName: str('Municipality name.'),
      body: str('Body slug (e.g. kommunstyrelsen).'),
      bodyName: str('Body name as printed.'),
      meetingDate: date('Date of the meeting.'),
      number: str('§ number as printed.'),
      title: str('Title of the item.'),
      caseNumbers: list({ type: 'string' }, 'Case numbers (diarienummer), normalised.'),
      decisionExcerpt: str('The decision, whitespace collapsed, cut at about 280 characters.'),
      decisionTruncated: bool('Whether decisionExcerpt was cut; the full text is in GET /v1/paragraphs/{id}.'),
      hasVote: bool('A vote (votering) was held.'),
      hasReservation: bool('Someone entered a reservation (formal dissent).'),
      redacted: bool('Text was removed for secrecy.'),
      immediatelyJusterad: bool('The § was signed off at once (omedelbar justering).'),
      pages: {
        type: 'array',
        items: { type: 'integer' },
        minItems: 2,
        maxItems: 2,
        description: 'First and last page in the source.',
      },
    },
    ['id', 'permalink', 'meetingId', 'municipality', 'body', 'meetingDate', 'number', 'title', 'caseNumbers'],
    { description: 'A § in a list. The permalink is its web page; the full record is GET /v1/paragraphs/{id}.' },
  ),
  ParagraphList: object(
    {
      items: list(ref('ParagraphSummary'), 'One page of results.'),
      next: uri('The next page; absent on the last page.'),
      total: int('Number of matches (only with count=true).'),
    },
    ['items'],
  ),
  ParagraphRecord: paragraphRecord,
  MeetingParagraph: meetingParagraph(paragraphRecord),
  MeetingSummary: object(
    {
      id: str('Stable id: <municipality>-<body>-<date>.'),
      municipality: str('Municipality slug.'),
      municipalityName: str('Municipality name.'),
      body: str('Body slug.'),
      bodyName: str('Body name as printed.'),
      date: date('Date of the meeting.'),
      paragraphs: int('Published §.'),
      links,
    },
    ['id', 'municipality', 'body', 'date', 'paragraphs', 'links'],
  ),
  MeetingList: object(
    { items: list(ref('MeetingSummary'), 'One page.'), next: uri('Next page.'), total: int('With count=true.') },
    ['items'],
  ),
  MeetingDocument: object(
    {
      schemaVersion: { type: 'integer', const: 1 },
      meeting: ref('Meeting'),
      paragraphs: list(ref('MeetingParagraph'), 'Its published § (full records with permalink).'),
    },
    ['schemaVersion', 'meeting', 'paragraphs'],
    { description: 'The published meeting file, exactly as under /datasets.' },
  ),
  Municipality: object(
    {
      slug: str('Slug.'),
      name: str('Name.'),
      bodies: int('Bodies.'),
      meetings: int('Meetings.'),
      paragraphs: int('Published §.'),
      firstMeeting: date('Earliest meeting.'),
      lastMeeting: date('Latest meeting.'),
    },
    ['slug', 'name', 'bodies', 'meetings', 'paragraphs'],
  ),
  MunicipalityList: object({ items: list(ref('Municipality'), 'All municipalities with published data.') }, ['items']),
  Body: object(
    {
      municipality: str('Municipality slug.'),
      municipalityName: str('Municipality name.'),
      slug: str('Body slug.'),
      name: str('Body name as printed in its latest protocol.'),
      meetings: int('Meetings.'),
      paragraphs: int('Published §.'),
      firstMeeting: date('Earliest meeting.'),
      lastMeeting: date('Latest meeting.'),
    },
    ['municipality', 'slug', 'name', 'meetings', 'paragraphs'],
  ),
  BodyList: object({ items: list(ref('Body'), 'Bodies.') }, ['items']),
  CaseTimeline: object(
    {
      caseNumber: str('The case number, normalised.'),
      municipalities: list({ type: 'string' }, 'Municipalities where the number occurs (each has its own series).'),
      items: list(
        object(
          {
            paragraph: ref('ParagraphSummary'),
            via: {
              type: 'string',
              enum: ['case-number', 'reference', 'referenced-by'],
              description: 'Why it is in the timeline.',
            },
          },
          ['paragraph', 'via'],
        ),
        'The § in date order.',
      ),
      unresolved: list(
        object({ raw: str('The reference as printed.'), from: str('The § that makes it.') }, ['raw', 'from']),
        'References from the case’s § to § that are not in the archive.',
      ),
    },
    ['caseNumber', 'items'],
  ),
  ChangeEvent: object(
    {
      seq: int('Sequence number (increasing).'),
      time: str('When it was published.', { format: 'date-time' }),
      type: { type: 'string', enum: ['added', 'changed', 'withdrawn'] },
      id: str('The § id.'),
      meetingId: str('The meeting.'),
      unit: str('<municipality>/<body>/<year>.'),
      reason: {
        type: 'string',
        enum: ['withdrawn', 'held', 'removed', 'meeting-removed'],
        description: 'For withdrawn (tombstones): the category only, never the text or a reason in words.',
      },
      hash: str('Fingerprint of the § as now published.'),
    },
    ['seq', 'time', 'type', 'id', 'meetingId'],
  ),
  ChangeList: object(
    {
      items: list(ref('ChangeEvent'), 'Events, oldest first.'),
      next: uri('More events (since the last seq given); absent when caught up.'),
      lastSeq: int('The last event published so far.'),
    },
    ['items', 'lastSeq'],
  ),
  DatasetFile: object(
    {
      name: str('File name.'),
      url: uri('Download URL.'),
      bytes: int('Size.'),
      mediaType: str('Media type.'),
      sha256: str('SHA-256 (hex); absent for a concatenation served on the fly.'),
      parts: list(
        object({ url: uri('Part.'), bytes: int('Size.'), sha256: str('SHA-256.') }, ['url', 'bytes', 'sha256']),
        'The part files.',
      ),
    },
    ['name', 'url', 'bytes', 'mediaType'],
  ),
  Datasets: object(
    {
      snapshot: str('The current snapshot (cite it).'),
      publishedAt: str('When it was published.', { format: 'date-time' }),
      license: uri('License of the data.'),
      metadata: list(ref('DatasetFile'), 'datapackage.json and the DCAT catalogue.'),
      dump: object({ snapshot: str('As of.'), publishedAt: str('As of.'), files: list(ref('DatasetFile'), 'Files.') }, [
        'snapshot',
        'files',
      ]),
      partitions: list(
        object(
          {
            id: str('Partition id.'),
            title: str('Title.'),
            units: int('Unit parts.'),
            paragraphs: int('§.'),
            files: list(ref('DatasetFile'), 'Files.'),
          },
          ['id', 'title', 'files'],
        ),
        'Partitions and their files.',
      ),
    },
    ['metadata', 'partitions'],
  ),
} satisfies Record<string, JsonSchema>;

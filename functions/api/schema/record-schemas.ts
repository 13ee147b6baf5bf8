import type { JsonSchema } from '../request/params.ts';
import { date, int, ref, str } from './schema-builders.ts';

/**
 * The parts of a published record (core/records/types.ts) as OpenAPI schemas, so a generated client types every
 * section, vote, reservation, decision item and reference instead of an empty object. Field names follow the record
 * schema, which only ever gains fields: objects allow additional properties for that reason.
 */
const strings = (description: string): JsonSchema => ({ type: 'array', items: { type: 'string' }, description });
const list = (name: string, description: string): JsonSchema => ({ type: 'array', items: ref(name), description });
const object = (description: string, properties: Record<string, JsonSchema>, required: string[]): JsonSchema => ({
  type: 'object',
  description,
  properties,
  required,
});
const pageSpan: JsonSchema = {
  type: 'array',
  items: { type: 'integer', minimum: 1 },
  minItems: 2,
  maxItems: 2,
  description: 'First and last page in the source (1-based).',
};

export const RECORD_SCHEMAS = {
  CaseNumber: object(
    'A case number (diarienummer).',
    { raw: str('Exactly as printed.'), normalized: str('Label removed, upper case, whitespace collapsed.') },
    ['raw', 'normalized'],
  ),
  Section: object(
    'A section of a § under its printed heading.',
    {
      heading: str('The heading as printed ("Ärendebeskrivning", "Beslut", …).'),
      kind: {
        type: 'string',
        enum: [
          'description',
          'preparation',
          'motions',
          'procedure',
          'vote',
          'decision',
          'proposal',
          'reservation',
          'special-statement',
          'minute-note',
          'disqualification',
          'recipients',
          'documents',
          'other',
        ],
        description: 'What the section is, recognised from its heading.',
      },
      text: str('The section text, verbatim.'),
      pages: pageSpan,
    },
    ['heading', 'kind', 'text', 'pages'],
  ),
  DecisionItem: object(
    'One numbered point of the decision.',
    { label: str('"1", "2", "a", "att" … as printed.'), text: str('The point’s text.') },
    ['label', 'text'],
  ),
  RollEntry: object(
    'One member’s vote in a named roll (voteringslista).',
    {
      name: str('Name as printed.'),
      party: str('Party as printed.'),
      vote: { type: 'string', enum: ['yes', 'no', 'abstain', 'absent'], description: 'Ja, nej, avstår, frånvarande.' },
    },
    ['name', 'vote'],
  ),
  Vote: object(
    'A vote (votering).',
    {
      yesMeans: str('What a ja vote meant.'),
      noMeans: str('What a nej vote meant.'),
      counts: object(
        'Votes counted as printed.',
        { yes: int('Ja.'), no: int('Nej.'), abstain: int('Avstår.'), absent: int('Frånvarande.') },
        [],
      ),
      roll: list('RollEntry', 'The named roll, when printed.'),
      rollMatchesCounts: {
        type: ['boolean', 'null'],
        description: 'Whether the roll adds up to the counts; null when there is nothing to compare.',
      },
      raw: str('The vote text, verbatim.'),
    },
    ['counts', 'roll', 'rollMatchesCounts', 'raw'],
  ),
  Reservation: object(
    'A formal dissent (reservation).',
    { by: strings('Who reserved themselves (name and party as printed).'), text: str('The text.') },
    ['by', 'text'],
  ),
  Reference: object(
    'A reference to another § (e.g. "Kommunstyrelsen den 5 februari 2024, § 19").',
    {
      raw: str('As printed.'),
      body: str('The body named.'),
      date: date('The date named.'),
      number: str('The § number named.'),
    },
    ['raw'],
  ),
  Attendee: object(
    'A person at the meeting in a role (elected members’ names in their role are public).',
    {
      name: str('Name as printed.'),
      party: str('Party.'),
      role: str('Role as printed, e.g. "ordförande".'),
      paragraphsRaw: str('The § the person took part in, as printed; absent for the whole meeting.'),
      paragraphRanges: {
        type: 'array',
        items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 },
        description: 'The same as number pairs.',
      },
      replaces: object('For a serving substitute: whom they replaced.', { name: str('Name.'), party: str('Party.') }, [
        'name',
      ]),
      raw: str('The line(s) as printed.'),
    },
    ['name', 'raw'],
  ),
  Meeting: object(
    'A meeting as published: body, date, place, attendance, justering, notice and the source document.',
    {
      id: str('Stable id: <municipality>-<body>-<date>.'),
      municipality: str('Municipality name.'),
      body: str('Body name as printed.'),
      date: date('Date of the meeting.'),
      time: object('Time as printed.', { start: str('"14:00".'), end: str('"16:30".'), raw: str('As printed.') }, [
        'raw',
      ]),
      place: str('Place.'),
      attendance: object(
        'Who was there.',
        {
          members: list('Attendee', 'Beslutande: members and serving substitutes.'),
          substitutes: list('Attendee', 'Serving substitutes (also in members).'),
          nonServingSubstitutes: list('Attendee', 'Ej tjänstgörande ersättare.'),
          others: list('Attendee', 'Övriga närvarande.'),
        },
        ['members', 'substitutes', 'nonServingSubstitutes', 'others'],
      ),
      justerare: strings('Who was appointed to sign off the minutes.'),
      chair: str('Chair.'),
      secretary: str('Secretary.'),
      justering: object(
        'Justering (sign-off) as stated.',
        { date: date('Date.'), place: str('Place.'), raw: str('As printed.') },
        [],
      ),
      notice: object(
        'Anslag (notice board) dates as stated.',
        { posted: date('Posted.'), removed: date('Taken down.'), raw: str('As printed.') },
        [],
      ),
      paragraphRange: object(
        'The printed § range.',
        { from: str('First.'), to: str('Last.'), raw: str('As printed.') },
        ['from', 'to', 'raw'],
      ),
      appeal: object(
        'Computed, never stated: the last day to appeal (KL 13 kap. 5 §).',
        {
          noticeDate: date('The notice date it starts from.'),
          lastDay: date('Last day.'),
          basis: { type: 'string', enum: ['stated-notice', 'supplied-notice'] },
        },
        ['noticeDate', 'lastDay', 'basis'],
      ),
      source: object(
        'The source document.',
        {
          fileName: str('File name.'),
          sha256: str('SHA-256 of the original.'),
          pages: int('Pages.'),
          mediaType: str('Media type.'),
          sourceUrl: str('The original’s public address; pages link to it with #page=N.', { format: 'uri' }),
          textSource: {
            type: 'string',
            enum: ['text-layer', 'ocr', 'mixed'],
            description: 'Where the text came from.',
          },
        },
        ['fileName', 'sha256', 'pages', 'mediaType'],
      ),
      confidence: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'How reliably the protocol was read (0–1); below 0.5 a person should check the reading.',
      },
      textLayer: object(
        'How sound the PDF text layer looked (missing ligature glyphs and the like); damaged text layers lower the confidence.',
        {
          score: { type: 'number', minimum: 0, maximum: 1, description: '0–1, 1 = trustworthy; damaged below 0.6.' },
          damaged: { type: 'boolean', description: 'The text layer looks damaged.' },
        },
        ['score', 'damaged'],
      ),
    },
    ['id', 'municipality', 'body', 'date', 'attendance', 'justerare', 'justering', 'notice', 'source'],
  ),
} satisfies Record<string, JsonSchema>;

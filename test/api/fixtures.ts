/**
 * Hand-made protocols for the API tests. Every expectation in test/api is derived from these texts by reading them,
 * not from what the code printed. Two municipalities (Testby, Åby) share the case number "KS 2023/12" on purpose:
 * case numbers are per municipality.
 */
import { createHash } from 'node:crypto';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { meetingId } from '../../functions/core/records/ids.ts';
import type { Meeting, Paragraph, Protocol, Vote } from '../../functions/core/records/types.ts';
import type { BlobStore } from '../../functions/ports/blob-store.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { publishDatasets, type PublishSummary } from '../../functions/pipeline/publish-datasets.ts';
import { writeProtocol } from '../../functions/pipeline/synthetic/write-protocol.ts';
import { buildProtocol } from '../support/protocol-builder.ts';

export const BASE_URL = 'https://protokoll.example.se';

export const VOTE: Vote = {
  yesMeans: 'bifall till kommunstyrelsens förslag',
  noMeans: 'avslag',
  counts: { yes: 3, no: 2 },
  roll: [
    { name: 'Anna Andersson', party: 'S', vote: 'yes' },
    { name: 'Bo Berg', party: 'M', vote: 'no' },
    { name: 'Cecilia Ek', party: 'C', vote: 'yes' },
    { name: 'David Falk', party: 'M', vote: 'no' },
    { name: 'Eva Gran', party: 'V', vote: 'yes' },
  ],
  rollMatchesCounts: true,
  raw: 'Ja 3, Nej 2',
};

export function protocol(
  municipality: string,
  body: string,
  date: string,
  paragraphs: Array<Partial<Paragraph>>,
  meeting: Partial<Meeting> = {},
): Protocol {
  const id = meetingId(municipality, body, date);
  return buildProtocol({
    meeting: {
      id,
      municipality,
      body,
      date,
      source: { fileName: `${id}.pdf`, sha256: sha(id), pages: 6, mediaType: 'application/pdf' },
      ...meeting,
    },
    paragraphs,
  });
}

/** Six meetings, 11 §; the Socialnämnden meeting is held back whole by the privacy gate (review-first body). */
export function fixtureProtocols(): Protocol[] {
  return [
    protocol('Testby', 'Kommunstyrelsens arbetsutskott', '2024-01-20', [
      {
        number: '3',
        title: 'Detaljplan för förskola vid Åsen',
        caseNumbers: [{ raw: 'KS 2023/12', normalized: 'KS 2023/12' }],
        decision: 'Arbetsutskottet föreslår kommunstyrelsen att anta detaljplanen.',
        pages: [2, 2],
      },
    ]),
    protocol('Testby', 'Kommunstyrelsen', '2024-02-05', [
      {
        number: '1',
        title: 'Detaljplan för förskola vid Åsen',
        caseNumbers: [{ raw: 'Dnr KS 2023/12', normalized: 'KS 2023/12' }],
        decision: 'Kommunstyrelsen föreslår kommunfullmäktige att anta detaljplanen för förskolan.',
        votes: [VOTE],
        reservations: [{ by: ['Bo Berg (M)', 'David Falk (M)'], text: 'Vi reserverar oss mot beslutet.' }],
        references: [
          {
            raw: 'Kommunstyrelsens arbetsutskott den 20 januari 2024, § 3',
            body: 'Kommunstyrelsens arbetsutskott',
            date: '2024-01-20',
            number: '3',
          },
          {
            raw: 'Kommunfullmäktige den 1 mars 2019, § 40',
            body: 'Kommunfullmäktige',
            date: '2019-03-01',
            number: '40',
          },
        ],
        pages: [3, 4],
      },
      { number: '2', title: 'Information om budgetläget', decision: '', pages: [5, 5] },
      {
        number: '3',
        title: 'Får i hagen vid Ekbacken',
        decision: 'Kommunstyrelsen beslutar att arrendera ut hagen för bete.',
        pages: [5, 6],
      },
    ]),
    protocol(
      'Testby',
      'Kommunfullmäktige',
      '2024-03-01',
      [
        {
          number: '10',
          title: 'Antagande av detaljplan för förskola vid Åsen',
          caseNumbers: [{ raw: 'KS 2023/12', normalized: 'KS 2023/12' }],
          decision: 'Kommunfullmäktige antar\ndetaljplanen, med stöd av 5 kap.\n1 § KL.', // hard line breaks as a PDF gives them
          votes: [VOTE],
          references: [
            {
              raw: 'Kommunstyrelsen den 5 februari 2024, § 1',
              body: 'Kommunstyrelsen',
              date: '2024-02-05',
              number: '1',
            },
          ],
          pages: [1, 2],
        },
        {
          number: '11',
          title: 'Far och son – motion om föreningsbidrag',
          decision: 'Motionen avslås.',
          pages: [2, 2],
          confidence: 0.42,
        },
      ],
      { confidence: 0.45, textLayer: { score: 0.6, damaged: true } },
    ),
    protocol('Testby', 'Kommunstyrelsen', '2025-01-15', [
      {
        number: '1',
        title: 'Budget 2025 för kultur- och fritidsnämnden',
        caseNumbers: [{ raw: 'KS 2024/99', normalized: 'KS 2024/99' }],
        decision: 'Kommunstyrelsen godkänner budgeten.',
        pages: [1, 1],
      },
      { number: '2', title: 'Café på Ekbacken', decision: 'Ärendet återremitteras.', pages: [2, 2] },
    ]),
    protocol('Åby', 'Kommunstyrelsen', '2023-05-10', [
      {
        number: '7',
        title: 'Ny idrottshall',
        caseNumbers: [{ raw: 'KS 2023/12', normalized: 'KS 2023/12' }],
        decision: 'Kommunstyrelsen beslutar att bygga en idrottshall.',
        pages: [4, 4],
      },
    ]),
    protocol('Testby', 'Socialnämnden', '2024-02-06', [
      { number: '5', title: 'Ansökan om bistånd', decision: 'Nämnden beviljar bistånd enligt ansökan.' },
      { number: '6', title: 'Hemlig utredning', decision: 'Nämnden avslutar utredningen.' },
    ]),
  ];
}

export function sha(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A store with the fixtures written as ingest would, published once (clock at 2026-11-27T10:00Z). */
export async function publishedFixtures<S extends BlobStore = MemoryBlobStore>(
  protocols = fixtureProtocols(),
  store: S = new MemoryBlobStore() as unknown as S,
): Promise<{ store: S; clock: ReturnType<typeof fixedClock>; summary: PublishSummary }> {
  const clock = fixedClock('2026-11-27T10:00:00Z');
  for (const p of protocols) await ingestProtocol(store, p, clock);
  const summary = await publish(store, clock);
  return { store, clock, summary };
}

export async function ingestProtocol(
  store: BlobStore,
  p: Protocol,
  clock: ReturnType<typeof fixedClock>,
): Promise<void> {
  await writeProtocol(store, p, { at: clock.now(), sha256: sha(JSON.stringify(p)), fileName: `${p.meeting.id}.pdf` });
  clock.advance(1000);
}

export async function publish(store: BlobStore, clock: ReturnType<typeof fixedClock>): Promise<PublishSummary> {
  const summary = await publishDatasets(
    { store, clock },
    { baseUrl: BASE_URL, publisher: { name: 'Testby kommun', organisationNumber: '212000-1355' } },
  );
  clock.advance(60_000);
  return summary;
}

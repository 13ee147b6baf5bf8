import { describe, expect, it } from 'vitest';
import {
  attendanceTable,
  decisionItemsTable,
  documentsTable,
  meetingsTable,
  paragraphsTable,
  referencesTable,
  TABLES,
  tableRows,
  voteRollTable,
  votesTable,
} from '../../functions/core/render/tables/index.ts';
import { voteSummary } from '../../functions/core/render/vote-summary.ts';
import { BASE_URL, meeting, paragraphs, WITHHELD_ID } from '../fixtures/render/sample-protocol.ts';

const ctx = { baseUrl: `${BASE_URL}/` };
const P41 = 'alingsas-kommunfullmaktige-2024-03-27-41';
const P42 = 'alingsas-kommunfullmaktige-2024-03-27-42';

describe('paragraphs table', () => {
  const rows = paragraphsTable.rows(meeting, paragraphs, ctx);

  it('has one row per § with meeting context, permalink, lists, flags and source', () => {
    expect(rows).toHaveLength(3);
    expect(rows[0]).toEqual({
      paragraph_id: P41,
      permalink: `https://paragraf.example.se/p/${P41}`,
      meeting_id: 'alingsas-kommunfullmaktige-2024-03-27',
      municipality: 'Alingsås kommun',
      body: 'Kommunfullmäktige',
      meeting_date: '2024-03-27',
      number: '41',
      case_numbers: ['KS 2023/112', 'BN 2022.45'],
      title: 'Detaljplan för "Norra hamnen"; antagande',
      decision: '1. Detaljplanen antas.\n2. Uppdraget avslutas.',
      decision_items: ['Detaljplanen antas.', 'Uppdraget avslutas.'],
      recipients: ['Byggnadsnämnden', 'Lantmäteriet'],
      vote_summary: ['Ja 2, Nej 1'],
      reservation: true,
      redacted: false,
      redaction_basis: null,
      immediately_justerad: false,
      other_appeal_route: true,
      appeal_last_day: '2024-04-24',
      confidence: 1,
      source_file_name: 'KF 2024-03-27.pdf',
      source_sha256: 'b'.repeat(64),
      source_page: 2,
      source_page_end: 4,
      municipality_code: '1489',
      municipality_slug: 'alingsas-kommun', // as meetingId slugs 'Alingsås kommun' (the parser writes 'Alingsås')
      municipality_own_name: 'Alingsås kommun',
    });
  });

  it('keeps the redacted flag and the redacted text as given', () => {
    expect(rows[1]).toMatchObject({
      paragraph_id: P42,
      redacted: true,
      immediately_justerad: true,
      decision: 'Borttagen på grund av sekretess.',
    });
  });

  it('every table carries the SCB kommunkod, the § and meeting tables also the slug and the own name', () => {
    for (const table of TABLES) {
      expect(
        table.fields.map((f) => f.name),
        table.name,
      ).toContain('municipality_code');
      for (const row of table.rows(meeting, paragraphs, ctx)) expect(row.municipality_code, table.name).toBe('1489');
    }
    const goteborg = { ...meeting, municipality: 'Göteborg' };
    expect(paragraphsTable.rows(goteborg, paragraphs, ctx)[0]).toMatchObject({
      municipality_code: '1480',
      municipality_slug: 'goteborg',
      municipality_own_name: 'Göteborgs Stad',
    });
    expect(meetingsTable.rows({ ...meeting, municipality: 'Testby' }, paragraphs, ctx)[0]).toMatchObject({
      municipality_code: null,
      municipality_own_name: 'Testby',
    });
  });

  it("gives the legal basis of a reviewer's masking as a column", () => {
    const masked = { ...paragraphs[1]!, redactionBasis: 'OSL 26 kap. 1 §' };
    expect(paragraphsTable.rows(meeting, [masked], ctx)[0]).toMatchObject({
      redacted: true,
      redaction_basis: 'OSL 26 kap. 1 §',
    });
  });

  it('every row has exactly the declared columns', () => {
    for (const table of TABLES) {
      for (const row of table.rows(meeting, paragraphs, ctx))
        expect(Object.keys(row)).toEqual(table.fields.map((f) => f.name));
    }
  });
});

describe('withheld §', () => {
  it('appears in no table, and the meeting counts only what is published', () => {
    const withheld = new Set([WITHHELD_ID]);
    for (const table of TABLES) {
      const text = JSON.stringify(table.rows(meeting, paragraphs, { ...ctx, withheld }));
      expect(text).not.toContain(WITHHELD_ID);
      expect(text).not.toContain('Anmälan av delegationsbeslut');
    }
    expect(meetingsTable.rows(meeting, paragraphs, { ...ctx, withheld })[0]!.paragraph_count).toBe(2);
  });
});

describe('related tables', () => {
  it('decision_items: one row per item, labelled and positioned', () => {
    expect(decisionItemsTable.rows(meeting, paragraphs, ctx)).toEqual([
      { paragraph_id: P41, position: 1, label: '1', text: 'Detaljplanen antas.', municipality_code: '1489' },
      { paragraph_id: P41, position: 2, label: '2', text: 'Uppdraget avslutas.', municipality_code: '1489' },
    ]);
  });

  it('votes and vote_roll join by vote_id', () => {
    expect(votesTable.rows(meeting, paragraphs, ctx)).toEqual([
      {
        vote_id: `${P41}-v1`,
        paragraph_id: P41,
        position: 1,
        yes_means: 'bifall till kommunstyrelsens förslag',
        no_means: 'avslag',
        yes: 2,
        no: 1,
        abstain: null,
        absent: null,
        roll_count: 3,
        roll_matches_counts: true,
        summary: 'Ja 2, Nej 1',
        municipality_code: '1489',
      },
    ]);
    expect(voteRollTable.rows(meeting, paragraphs, ctx)).toEqual([
      { vote_id: `${P41}-v1`, position: 1, name: 'Eva Ek', party: 'C', vote: 'yes', municipality_code: '1489' },
      { vote_id: `${P41}-v1`, position: 2, name: 'Kim Kvist', party: 'S', vote: 'yes', municipality_code: '1489' },
      { vote_id: `${P41}-v1`, position: 3, name: 'Åsa Öst', party: 'S', vote: 'no', municipality_code: '1489' },
    ]);
  });

  it('references and documents', () => {
    expect(referencesTable.rows(meeting, paragraphs, ctx)).toEqual([
      {
        paragraph_id: P41,
        position: 1,
        raw: 'KS § 12/2024',
        body: 'KS',
        date: '2024-02-19',
        number: '12',
        municipality_code: '1489',
      },
    ]);
    expect(documentsTable.rows(meeting, paragraphs, ctx)).toEqual([
      { paragraph_id: P41, position: 1, title: 'Tjänsteskrivelse 2024-02-12', municipality_code: '1489' },
      { paragraph_id: P41, position: 2, title: 'Plankarta', municipality_code: '1489' },
    ]);
  });

  it('attendance lists a serving substitute once (it is in both members and substitutes)', () => {
    const rows = attendanceTable.rows(meeting, paragraphs, ctx);
    expect(rows.map((r) => [r.position, r.category, r.name])).toEqual([
      [1, 'member', 'Eva Ek'],
      [2, 'serving-substitute', 'Kim Kvist'],
      [3, 'non-serving-substitute', 'Nils Nord'],
      [4, 'other', 'Olle Ort'],
    ]);
    expect(rows[1]).toMatchObject({ paragraphs: '§§41-42', replaces_name: 'Lars Lund', replaces_party: 'S' });
    expect(rows[3]).toMatchObject({ party: null, role: 'kommunsekreterare' });
  });

  it('meetings: one row with the printed metadata', () => {
    expect(meetingsTable.rows(meeting, paragraphs, ctx)).toEqual([
      {
        meeting_id: 'alingsas-kommunfullmaktige-2024-03-27',
        municipality: 'Alingsås kommun',
        body: 'Kommunfullmäktige',
        date: '2024-03-27',
        time_start: '18:00',
        time_end: '21:15',
        place: 'Sessionssalen, Stadshuset',
        chair: 'Eva Ek',
        secretary: 'Olle Ort',
        justerare: ['Per Plan (M)', 'Åsa Öst (S)'],
        justering_date: '2024-04-02',
        notice_posted: '2024-04-03',
        notice_removed: null,
        appeal_last_day: '2024-04-24',
        paragraph_range: '§§41-43',
        paragraph_count: 3,
        confidence: 1,
        text_layer_damaged: false,
        source_file_name: 'KF 2024-03-27.pdf',
        source_sha256: 'b'.repeat(64),
        source_pages: 12,
        source_media_type: 'application/pdf',
        municipality_code: '1489',
        municipality_slug: 'alingsas-kommun', // as meetingId slugs 'Alingsås kommun' (the parser writes 'Alingsås')
        municipality_own_name: 'Alingsås kommun',
      },
    ]);
  });
});

describe('keys', () => {
  it('every foreign key names a table and columns that exist, and primary keys are unique in the sample', () => {
    for (const table of TABLES) {
      const names = table.fields.map((f) => f.name);
      for (const k of table.primaryKey) expect(names).toContain(k);
      const keys = table.rows(meeting, paragraphs, ctx).map((r) => JSON.stringify(table.primaryKey.map((k) => r[k])));
      expect(new Set(keys).size).toBe(keys.length);
      for (const fk of table.foreignKeys) {
        const target = TABLES.find((t) => t.name === fk.reference.table);
        expect(target, `${table.name} → ${fk.reference.table}`).toBeDefined();
        expect(target!.primaryKey).toEqual(fk.reference.fields);
        expect(TABLES.indexOf(target!)).toBeLessThan(TABLES.indexOf(table));
      }
    }
  });
});

describe('vote summary', () => {
  it('prints the counts in Swedish, in ja/nej/avstår/frånvarande order', () => {
    expect(voteSummary({ counts: { abstain: 4, no: 20, yes: 25 }, roll: [], rollMatchesCounts: null, raw: '' })).toBe(
      'Ja 25, Nej 20, Avstår 4',
    );
    expect(voteSummary({ counts: { yes: 30, no: 19, absent: 2 }, roll: [], rollMatchesCounts: null, raw: '' })).toBe(
      'Ja 30, Nej 19, Frånvarande 2',
    );
  });

  it('tallies the roll when no counts are printed, and says so when there is nothing', () => {
    const roll = [
      { name: 'A', vote: 'yes' as const },
      { name: 'B', vote: 'abstain' as const },
      { name: 'C', vote: 'yes' as const },
    ];
    expect(voteSummary({ counts: {}, roll, rollMatchesCounts: null, raw: '' })).toBe('Ja 2, Avstår 1');
    expect(voteSummary({ counts: {}, roll: [], rollMatchesCounts: null, raw: '' })).toBe('Resultat ej redovisat');
  });
});

describe('tableRows', () => {
  it('streams the rows of many meetings in order', async () => {
    const second = { ...meeting, id: 'alingsas-kommunfullmaktige-2024-04-24', date: '2024-04-24' };
    async function* records() {
      yield { meeting, paragraphs };
      yield { meeting: second, paragraphs: [] };
    }
    const ids: unknown[] = [];
    for await (const row of tableRows(meetingsTable, records(), ctx)) ids.push(row.meeting_id);
    expect(ids).toEqual(['alingsas-kommunfullmaktige-2024-03-27', 'alingsas-kommunfullmaktige-2024-04-24']);
  });
});

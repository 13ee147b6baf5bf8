/**
 * All published tables, in an order where every foreign key points to a table listed earlier, plus a streaming helper
 * that turns a sequence of meeting records into one table's rows without holding more than one meeting at a time.
 */
import { municipalityCode, municipalityOwnName } from '../../records/municipality-codes.ts';
import { municipalityIdSlug } from '../../records/ids.ts';
import { field, type RenderableMeeting, type RenderContext, type Row, type TableDef } from '../table.ts';
import { attendanceTable as attendance } from './attendance.ts';
import { decisionItemsTable as decisionItems } from './decision-items.ts';
import { documentsTable as documents } from './documents.ts';
import { meetingsTable as meetings } from './meetings.ts';
import { paragraphsTable as paragraphs } from './paragraphs.ts';
import { referencesTable as references } from './references.ts';
import { voteRollTable as voteRoll } from './vote-roll.ts';
import { votesTable as votes } from './votes.ts';

const CODE = field(
  'municipality_code',
  'string',
  'Kommunkod enligt SCB (fyra siffror, t.ex. 1480); för att koppla ihop med officiell statistik.',
  'The municipality’s code in SCB’s list (four digits, e.g. 1480), to join with official statistics.',
);
const SLUG = field(
  'municipality_slug',
  'string',
  'Kommunens kortnamn i API:t och i id:n (t.ex. goteborg).',
  'The municipality’s slug in the API and in ids (e.g. goteborg).',
);
const OWN_NAME = field(
  'municipality_own_name',
  'string',
  'Kommunens namn på sig själv (t.ex. Göteborgs Stad).',
  'The municipality’s own name for itself (e.g. Göteborgs Stad).',
);

/**
 * Every table carries the SCB kommunkod, so any of them can be joined with official statistics; the meeting and §
 * tables also the slug the API uses and the municipality's own name. The columns come last: readers by position
 * keep working.
 */
function withMunicipality(table: TableDef, names: boolean): TableDef {
  return {
    ...table,
    fields: [...table.fields, CODE, ...(names ? [SLUG, OWN_NAME] : [])],
    rows: (meeting, ps, ctx) => {
      const code = municipalityCode(meeting.municipality) ?? null;
      const extra: Row = names
        ? {
            municipality_code: code,
            municipality_slug: municipalityIdSlug(meeting.municipality),
            municipality_own_name: municipalityOwnName(meeting.municipality),
          }
        : { municipality_code: code };
      return table.rows(meeting, ps, ctx).map((row) => ({ ...row, ...extra }));
    },
  };
}

const meetingsTable = withMunicipality(meetings, true);
const paragraphsTable = withMunicipality(paragraphs, true);
const decisionItemsTable = withMunicipality(decisionItems, false);
const attendanceTable = withMunicipality(attendance, false);
const votesTable = withMunicipality(votes, false);
const voteRollTable = withMunicipality(voteRoll, false);
const referencesTable = withMunicipality(references, false);
const documentsTable = withMunicipality(documents, false);

export {
  attendanceTable,
  decisionItemsTable,
  documentsTable,
  meetingsTable,
  paragraphsTable,
  referencesTable,
  voteRollTable,
  votesTable,
};

export type { RenderableMeeting };

export const TABLES: readonly TableDef[] = [
  meetingsTable,
  paragraphsTable,
  decisionItemsTable,
  attendanceTable,
  votesTable,
  voteRollTable,
  referencesTable,
  documentsTable,
];

export function tableByName(name: string): TableDef | undefined {
  return TABLES.find((t) => t.name === name);
}

export async function* tableRows(
  table: TableDef,
  records: Iterable<RenderableMeeting> | AsyncIterable<RenderableMeeting>,
  ctx: RenderContext,
): AsyncIterable<Row> {
  for await (const { meeting, paragraphs } of records) yield* table.rows(meeting, paragraphs, ctx);
}

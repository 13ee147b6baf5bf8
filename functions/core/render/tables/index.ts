/**
 * All published tables, in an order where every foreign key points to a table listed earlier, plus a streaming helper
 * that turns a sequence of meeting records into one table's rows without holding more than one meeting at a time.
 */
import type { RenderableMeeting, RenderContext, Row, TableDef } from '../table.ts';
import { attendanceTable } from './attendance.ts';
import { decisionItemsTable } from './decision-items.ts';
import { documentsTable } from './documents.ts';
import { meetingsTable } from './meetings.ts';
import { paragraphsTable } from './paragraphs.ts';
import { referencesTable } from './references.ts';
import { voteRollTable } from './vote-roll.ts';
import { votesTable } from './votes.ts';

export { attendanceTable, decisionItemsTable, documentsTable, meetingsTable, paragraphsTable, referencesTable, voteRollTable, votesTable };

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

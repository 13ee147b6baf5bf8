import type { Meeting } from '../../core/records/types.ts';
import type { MeetingDocument, PublishedParagraph } from '../../core/render/records.ts';
import type { Snapshot } from './read-model.ts';

export class MissingRecordError extends Error {
  override name = 'MissingRecordError';
}

export interface FullParagraph {
  meeting: Meeting;
  /** The § as its meeting file publishes it, permalink included. */
  paragraph: PublishedParagraph;
}

/**
 * The full record of a § from its published meeting file. The § of a meeting are the documents first..first+count-1
 * in the order of the file, so the position is tried first and the id confirms it.
 */
export async function fullParagraph(snapshot: Snapshot, doc: number): Promise<FullParagraph> {
  const m = snapshot.index.parts.docs.meeting[doc]!;
  const file = await snapshot.meetingDocument(m);
  const id = snapshot.index.paragraphId(doc);
  const found = file ? pick(file, doc - snapshot.index.parts.meetings.first[m]!, id) : undefined;
  if (!file || !found) throw new MissingRecordError(`the published meeting file of ${id} does not contain it`);
  return { meeting: file.meeting, paragraph: found };
}

/** Full records for documents in the given order; one meeting file is read once per run of its §. */
export async function* fullParagraphs(
  snapshot: Snapshot,
  docs: Iterable<number> | AsyncIterable<number>,
): AsyncIterable<FullParagraph> {
  for await (const doc of docs) yield await fullParagraph(snapshot, doc);
}

function pick(file: MeetingDocument, position: number, id: string): PublishedParagraph | undefined {
  const at = file.paragraphs[position];
  return at?.id === id ? at : file.paragraphs.find((p) => p.id === id);
}

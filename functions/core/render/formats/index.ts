/** The format registry: one renderer per format, shared by the publisher and the API. */
import type { Format } from './format.ts';
import type { FormatId } from './media-types.ts';
import { PARQUET } from './parquet.ts';
import { TEXT_FORMATS } from './text-formats.ts';

export type { Format, RowSource } from './format.ts';
export type { FormatEntry, FormatId, TextFormatId } from './media-types.ts';
export { accepts, essence, FORMAT_ENTRIES, formatOfPath, PUBLISHED_FORMATS, RDF_XML } from './media-types.ts';
export { TEXT_FORMATS } from './text-formats.ts';

export const FORMATS = { ...TEXT_FORMATS, parquet: PARQUET } as const satisfies Record<FormatId, Format>;

export function isFormatId(id: string): id is FormatId {
  return Object.hasOwn(FORMATS, id);
}

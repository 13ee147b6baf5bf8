/** The format registry: one renderer per format, shared by the publisher and the API. */
import type { Format } from './format.ts';
import type { FormatId } from './media-types.ts';
import { PARQUET } from './parquet.ts';
import { TEXT_FORMATS } from './text-formats.ts';

export type { Format, RowSource } from './format.ts';
export type { FormatId } from './media-types.ts';
export { MEDIA_TYPES } from './media-types.ts';
export { TEXT_FORMATS } from './text-formats.ts';

export const FORMATS = { ...TEXT_FORMATS, parquet: PARQUET } as const satisfies Record<FormatId, Format>;

export function isFormatId(id: string): id is FormatId {
  return Object.hasOwn(FORMATS, id);
}

/**
 * The pure core's public API: text → protocol records, the record schema and the helpers other layers need.
 * Nothing here does I/O (test/architecture.test.ts enforces it).
 */
export type * from './records/types.ts';
export { parseProtocol } from './parse/parse-protocol.ts';
export { toLines, normalizeText, type Line } from './parse/lines.ts';
export { stripPageFurniture } from './parse/page-furniture.ts';
export { findParagraphBoundaries, type Boundary } from './parse/paragraph-boundaries.ts';
export { matchHeadingLine, type HeadingMatch } from './parse/heading-line.ts';
export { knownHeadingKind } from './parse/section-headings.ts';
export { meetingId, paragraphId, slugify, isValidId, ID_PATTERN } from './records/ids.ts';
export { findDate, isoDate, addDays, weekday } from './text/swedish-dates.ts';

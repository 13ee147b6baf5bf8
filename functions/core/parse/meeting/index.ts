/** Meeting front matter → Meeting record. See parse-meeting-header.ts. */
export { parseMeetingHeader, type MeetingHeaderInput, type MeetingHeaderResult } from './parse-meeting-header.ts';
export { isParagraphHeadingLine } from './front-matter.ts';

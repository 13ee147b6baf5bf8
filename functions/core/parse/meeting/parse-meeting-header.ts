/**
 * The meeting record from a protocol's front matter: who met (municipality, body), when and where, who attended,
 * who signed, when the justering was announced and hence the last day to appeal. Pure: content problems become
 * warnings with a position, never exceptions, and every value is taken from the text (dates and times normalised).
 */
import { bodyNameFromHint } from '../../records/bodies.ts';
import type { Line } from '../lines.ts';
import type {
  AppealDeadline,
  Attendance,
  Meeting,
  ParseHints,
  ParseWarning,
  Position,
  SourceInfo,
} from '../../records/types.ts';
import { appealLastDayIfKnown } from '../../records/appeal-deadline.ts';
import { meetingId } from '../../records/ids.ts';
import { findMunicipality } from '../../records/municipalities.ts';
import { findDate } from '../../text/swedish-dates.ts';
import { splitColumns } from './attendance-marks.ts';
import { isServingSubstitute, parseAttendeeList } from './attendees.ts';
import { collectFields, type Field, type FieldKey, fieldsOf, firstField, joinedText, piecesOf } from './fields.ts';
import { findFrontMatter, type FrontMatter } from './front-matter.ts';
import { dateIn, detectMunicipalityIn, headerBody, headerDate } from './identity.ts';
import { parseJustering, parseNotice } from './justering-notice.ts';
import { parseParagraphRange, parsePlaceTime } from './place-time.ts';
import { listNames, signatureName } from './signatures.ts';

export interface MeetingHeaderInput {
  source: SourceInfo;
  hints?: ParseHints;
}

export interface MeetingHeaderResult {
  meeting: Meeting;
  warnings: ParseWarning[];
}

interface Context {
  lines: readonly Line[];
  front: FrontMatter;
  fields: Field[];
  hints: ParseHints;
  warnings: ParseWarning[];
  /** Where to point a warning about something absent: the start of the document. */
  start: Position;
}

export function parseMeetingHeader(lines: readonly Line[], input: MeetingHeaderInput): MeetingHeaderResult {
  const front = findFrontMatter(lines);
  const first = lines[0];
  const ctx: Context = {
    lines,
    front,
    fields: collectFields(front.content, front.contentTexts),
    hints: input.hints ?? {},
    warnings: [],
    start: first ? { page: first.page, line: first.line } : { page: 1, line: 1 },
  };
  const placeTime = parsePlaceTime(piecesOf(ctx.fields, 'place').concat(piecesOf(ctx.fields, 'time')));
  const justering = parseJustering(piecesOf(ctx.fields, 'justering'));
  const announcement = joinedText(ctx.fields, 'announcement') || undefined;
  const notice = parseNotice(lines, front.trimmed, announcement);
  const date = readDate(ctx);
  const body = readBody(ctx);
  const municipality = readMunicipality(ctx, [keptAt(ctx), justering.place, placeTime.place]);
  const attendance = readAttendance(ctx.fields);
  const paragraphRange = parseParagraphRange(joinedText(ctx.fields, 'paragraphs'));
  const justerare = listNames(piecesOf(ctx.fields, 'justerare'));
  const chair = signatureName(piecesOf(ctx.fields, 'chair')) ?? chairFromAttendance(attendance);
  const secretary = signatureName(piecesOf(ctx.fields, 'secretary'));
  const appeal = readAppeal(ctx, notice.posted);
  const meeting: Meeting = {
    id: meetingId(municipality, body, date),
    municipality,
    body,
    date,
    ...(placeTime.time ? { time: placeTime.time } : {}),
    ...(placeTime.place ? { place: placeTime.place } : {}),
    attendance,
    justerare: justerare.length > 0 ? justerare : signerNames(ctx.fields, chair),
    ...(chair ? { chair } : {}),
    ...(secretary ? { secretary } : {}),
    justering,
    notice,
    ...(paragraphRange ? { paragraphRange } : {}),
    ...(appeal ? { appeal } : {}),
    source: input.source,
    // Set by the protocol once every § is parsed (protocol-confidence.ts).
    confidence: 0,
  };
  warnMissing(ctx, meeting);
  return { meeting, warnings: ctx.warnings };
}

function warn(ctx: Context, code: ParseWarning['code'], message: string, at?: Position): void {
  const position = at ?? ctx.start;
  ctx.warnings.push({ code, message, position: { page: position.page, line: position.line } });
}

/** A hint must be an ISO calendar date; anything else is reported and ignored. */
function hintDate(ctx: Context, name: 'date' | 'noticeDate'): string | undefined {
  const value = ctx.hints[name];
  if (value === undefined) return undefined;
  const iso = /^\d{4}-\d{2}-\d{2}$/u.test(value) ? findDate(value) : undefined;
  if (!iso) warn(ctx, 'date-unparsed', `hints.${name} is not an ISO date: ${JSON.stringify(value)}; ignored`);
  return iso;
}

/** Page header date, else "Sammanträdesdatum" (2018 ANSLAG block), else a date in "Plats och tid", else the hint. */
function readDate(ctx: Context): string {
  const hinted = hintDate(ctx, 'date');
  const fromHeader = headerDate(ctx.front.header);
  const stated =
    fromHeader?.date ??
    dateIn(textOf(ctx.fields, 'meetingDate')) ??
    dateIn(textOf(ctx.fields, 'place')) ??
    dateIn(textOf(ctx.fields, 'time'));
  if (stated && hinted && stated !== hinted) {
    warn(
      ctx,
      'other',
      `The protocol states the meeting date ${stated}; hints.date ${hinted} is not used`,
      fromHeader?.line,
    );
  }
  return stated ?? hinted ?? '';
}

function readBody(ctx: Context): string {
  // What the protocol prints wins; a hint (file name, flag) only fills in a body the text does not name.
  const printed = headerBody(ctx.front.header)?.body ?? organName(ctx);
  if (printed) return typographicCase(printed);
  const hinted = ctx.hints.body?.trim();
  return hinted ? bodyNameFromHint(hinted) : '';
}

/**
 * The "Organ" field's value: its own line only (the next lines belong to labels the reader may not know). When the
 * protocol prints it more than once (cover and contents page), the spelling the page headers repeat wins: a damaged
 * text layer may garble one of them.
 */
function organName(ctx: Context): string {
  const names = [
    ...new Set(
      fieldsOf(ctx.fields, 'organ')
        .map((f) => f.pieces[0]?.text.trim() ?? '')
        .filter((n) => n !== ''),
    ),
  ];
  if (names.length <= 1) return names[0] ?? '';
  // Every line of the document is read here: plain loops, no callback per line.
  const scores = names.map(() => 0);
  for (const l of ctx.lines) {
    const t = l.text.trimStart();
    for (let k = 0; k < names.length; k += 1) {
      if (t.startsWith(names[k] as string)) scores[k] = (scores[k] ?? 0) + 1;
    }
  }
  let best = 0;
  scores.forEach((n, k) => {
    if (n > (scores[best] ?? 0)) best = k;
  });
  return names[best] as string;
}

/**
 * A body printed in capitals for typography ("KOMMUNFULLMÄKTIGE", "BARN- OCH UTBILDNINGSNÄMNDEN") is named as in
 * running text: capital first letter, the rest lower case.
 */
function typographicCase(body: string): string {
  if (/\p{Ll}/u.test(body) || !/\p{Lu}{3}/u.test(body)) return body;
  const lower = body.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** A hint may be a slug or an organisation name ("alingsas", "Göteborgs Stad"): mapped to the proper name. */
function readMunicipality(ctx: Context, places: ReadonlyArray<string | undefined>): string {
  const hinted = ctx.hints.municipality?.trim();
  if (hinted) return findMunicipality(hinted) ?? hinted;
  const frontLines = ctx.lines.slice(0, ctx.front.end);
  return (
    detectMunicipalityIn(
      frontLines,
      places.filter((p): p is string => Boolean(p)),
    ) ?? ''
  );
}

function readAttendance(fields: readonly Field[]): Attendance {
  // A members list in two columns headed "ordinarie" and "ersättare" holds the serving substitutes in the second.
  const columns = splitColumns(piecesOf(fields, 'members'));
  const listed = parseAttendeeList(columns.members);
  const serving = parseAttendeeList([...columns.substitutes, ...piecesOf(fields, 'substitutes')]);
  const members = [...listed, ...serving];
  return {
    members,
    substitutes: [...listed.filter(isServingSubstitute), ...serving],
    nonServingSubstitutes: parseAttendeeList(piecesOf(fields, 'nonServing')),
    others: parseAttendeeList(piecesOf(fields, 'others')),
  };
}

const CHAIR_ROLE_RE = /^ordförande$/iu;

/** Without a signature block: the member printed as "(ordförande)" for the whole meeting. */
function chairFromAttendance(attendance: Attendance): string | undefined {
  const chair = attendance.members.find((a) => CHAIR_ROLE_RE.test(a.role ?? '') && !a.paragraphRanges);
  return chair?.name;
}

/** Without "Utses att justera": the names under "Justerande" in the signature block. */
function signerNames(fields: readonly Field[], chair: string | undefined): string[] {
  return listNames(piecesOf(fields, 'signers')).filter((n) => n !== chair);
}

function keptAt(ctx: Context): string | undefined {
  return textOf(ctx.fields, 'keptAt') || undefined;
}

function textOf(fields: readonly Field[], key: FieldKey): string {
  return joinedText(fields, key).trim();
}

/** KL 13 kap. 5 §: the period runs from the notice date; stated in the protocol, else supplied by the caller. */
function readAppeal(ctx: Context, stated: string | undefined): AppealDeadline | undefined {
  const supplied = hintDate(ctx, 'noticeDate');
  if (stated && supplied && stated !== supplied) {
    warn(ctx, 'other', `The protocol states the notice date ${stated}; hints.noticeDate ${supplied} is not used`);
  }
  const noticeDate = stated ?? supplied;
  if (!noticeDate) return undefined;
  const lastDay = appealLastDayIfKnown(noticeDate);
  if (lastDay === undefined) {
    warn(ctx, 'other', `No appeal period computed from the notice date ${noticeDate}: it ends after 2199`);
    return undefined;
  }
  return { noticeDate, lastDay, basis: stated ? 'stated-notice' : 'supplied-notice' };
}

const REQUIRED: ReadonlyArray<[string, FieldKey | undefined, (m: Meeting) => boolean]> = [
  ['municipality', undefined, (m) => m.municipality !== ''],
  ['body', 'organ', (m) => m.body !== ''],
  ['date', 'meetingDate', (m) => m.date !== ''],
  ['place', 'place', (m) => m.place !== undefined],
  ['time', 'place', (m) => m.time !== undefined],
  ['members (Beslutande)', 'members', (m) => m.attendance.members.length > 0],
  ['justerare (Utses att justera)', 'justerare', (m) => m.justerare.length > 0],
  ['chair (Ordförande)', 'chair', (m) => m.chair !== undefined],
  ['secretary (Sekreterare)', 'secretary', (m) => m.secretary !== undefined],
  ['justering (Justeringens plats och tid)', 'justering', (m) => m.justering.raw !== undefined],
  ['paragraph range (Paragrafer)', 'paragraphs', (m) => m.paragraphRange !== undefined],
];

/** One 'missing-metadata' warning per absent field, pointing at its label when the label is there. */
function warnMissing(ctx: Context, meeting: Meeting): void {
  for (const [name, key, present] of REQUIRED) {
    if (present(meeting)) continue;
    const label = key ? firstField(ctx.fields, key)?.at : undefined;
    warn(ctx, 'missing-metadata', `No ${name} found in the front matter`, label);
  }
}

import { appealLastDay } from '../../core/records/appeal-deadline.ts';
import { meetingId } from '../../core/records/ids.ts';
import type { Meeting, Paragraph, Protocol } from '../../core/records/types.ts';
import { addDays } from '../../core/text/swedish-dates.ts';
import type { BodyDef } from './bodies.ts';
import { buildParagraph, type MeetingContext } from './paragraph.ts';
import { attendee, people, person, type Person } from './people.ts';
import { Random } from './random.ts';
import { MEETING_PLACES } from './templates.ts';
import { randomAdministration } from './text-fill.ts';

/** One meeting to generate: where, which body, when, and where its § numbering starts (numbering runs per year). */
export interface MeetingSpec {
  /** Proper name from the municipality table, e.g. "Alingsås". */
  municipality: string;
  body: BodyDef;
  date: string;
  firstNumber: number;
  paragraphCount: number;
  /** Seed of the municipality-body: the same members at every meeting of a body. */
  bodySeed: number;
  caseStyle: 'dotted' | 'dashed';
}

/**
 * A complete, schema-valid protocol for one synthetic meeting, as the parser would produce it from a real PDF:
 * meeting header (attendance, justering, anslag, computed appeal deadline) and the § in order with page spans.
 */
export function buildMeetingProtocol(spec: MeetingSpec, seed: number): Protocol {
  const id = meetingId(spec.municipality, spec.body.name, spec.date);
  const random = Random.derive(seed, id);
  const bodyRandom = Random.derive(spec.bodySeed, 'members');
  const members = people(bodyRandom, bodyRandom.int(...spec.body.members));
  const [, ...rest] = members as [Person, ...Person[]];
  const justerare = random.sample(rest, 2).map((p) => p.name);
  const ctx: MeetingContext = {
    meetingId: id,
    date: spec.date,
    body: spec.body,
    members,
    caseStyle: spec.caseStyle,
    holdRate: 0.004,
    kommun: `${spec.municipality} kommun`,
    ort: spec.municipality,
    organ: spec.body.name.toLowerCase(),
    förkortning: spec.body.abbreviation,
    förvaltning: randomAdministration(random),
    år: Number(spec.date.slice(0, 4)),
    justerare,
  };
  const paragraphs = buildParagraphs(random, ctx, spec);
  const meeting = buildMeetingHeader(random, spec, id, members, justerare, paragraphs);
  const lastDay = meeting.appeal?.lastDay;
  return {
    schemaVersion: 1,
    meeting,
    paragraphs: lastDay ? paragraphs.map((p) => ({ ...p, appealLastDay: lastDay })) : paragraphs,
    warnings: [],
  };
}

function buildParagraphs(random: Random, ctx: MeetingContext, spec: MeetingSpec): Paragraph[] {
  const { opening, closing } = spec.body;
  const fixed = (i: number): string | undefined =>
    i < opening.length
      ? opening[i]
      : i >= spec.paragraphCount - closing.length
        ? closing[i - (spec.paragraphCount - closing.length)]
        : undefined;
  const out: Paragraph[] = [];
  let page = 2; // page 1 is the cover with the attendance list
  for (let i = 0; i < spec.paragraphCount; i++) {
    const title = spec.paragraphCount > opening.length + closing.length ? fixed(i) : undefined;
    const p = buildParagraph(random, ctx, {
      number: spec.firstNumber + i,
      firstPage: page,
      ...(title ? { fixedTitle: title } : {}),
    });
    out.push(p);
    page = p.pages[1] + 1;
  }
  return out;
}

function buildMeetingHeader(
  random: Random,
  spec: MeetingSpec,
  id: string,
  members: readonly Person[],
  justerare: string[],
  paragraphs: readonly Paragraph[],
): Meeting {
  const justeringDate = addDays(spec.date, random.int(2, 8));
  const posted = random.chance(0.7) ? addDays(justeringDate, 1) : undefined;
  const first = paragraphs[0]!.number;
  const last = paragraphs[paragraphs.length - 1]!.number;
  const substitute = person(random);
  const secretary = person(random);
  return {
    id,
    municipality: spec.municipality, // as the parser names it: "Alingsås", "Göteborg"
    body: spec.body.name,
    date: spec.date,
    time: { start: '13:00', end: `${random.int(14, 18)}:${random.pick(['00', '15', '30', '45'])}`, raw: 'kl. 13.00' },
    place: random.pick(MEETING_PLACES),
    attendance: {
      members: members.map((m, i) => attendee(m, i === 0 ? 'ordförande' : undefined)),
      substitutes: [],
      nonServingSubstitutes: [attendee(substitute)],
      others: [attendee(secretary, 'sekreterare')],
    },
    justerare,
    chair: members[0]!.name,
    secretary: secretary.name,
    justering: { date: justeringDate, place: 'Stadshuset', raw: `Stadshuset ${justeringDate}` },
    notice: posted ? { posted, removed: addDays(posted, 22), raw: `${posted} – ${addDays(posted, 22)}` } : {},
    paragraphRange: { from: first, to: last, raw: `§§ ${first}–${last}` },
    ...(posted
      ? { appeal: { noticeDate: posted, lastDay: appealLastDay(posted), basis: 'stated-notice' as const } }
      : {}),
    source: {
      fileName: `${id}.pdf`,
      sha256: Random.derive(spec.bodySeed, id).hex64(),
      pages: paragraphs[paragraphs.length - 1]!.pages[1] + 1,
      mediaType: 'application/pdf',
    },
    confidence: 1,
  };
}

import { normalizeCaseNumber } from '../../core/records/case-numbers.ts';
import { paragraphId } from '../../core/records/ids.ts';
import type {
  Paragraph,
  Reference,
  RollEntry,
  Section,
  SectionKind,
  Vote,
  VoteChoice,
} from '../../core/records/types.ts';
import { addDays } from '../../core/text/swedish-dates.ts';
import type { BodyDef } from './bodies.ts';
import { label, personalNumber, type Person } from './people.ts';
import type { Random } from './random.ts';
import * as T from './templates.ts';
import { swedishDate } from '../../core/text/swedish-dates.ts';
import { fill, type TextContext } from './text-fill.ts';

/** What every § of one meeting shares. */
export interface MeetingContext extends TextContext {
  meetingId: string;
  date: string;
  body: BodyDef;
  /** Members with a vote, for rolls and reservations. */
  members: readonly Person[];
  /** "2026.016 KS" style (Alingsås) or "KS-2026-00016" style (Göteborg). */
  caseStyle: 'dotted' | 'dashed';
  /** Other-appeal-route items and personal numbers are more likely in some bodies. */
  holdRate: number;
}

export interface ParagraphSpec {
  number: number;
  /** A recurring item (opening/closing) with a fixed title and no case number. */
  fixedTitle?: string;
  firstPage: number;
}

/** What a § says, apart from its number, heading and text. */
interface Content {
  sections: Section[];
  decision: string;
  items: string[];
  vote?: Vote;
  reservations: Array<{ by: string[]; text: string }>;
  recipients: string[];
  documents: string[];
  references: Reference[];
}

/** One § as the parser would produce it: heading, title, sections, decision, votes, reservations … and its text. */
export function buildParagraph(random: Random, ctx: MeetingContext, spec: ParagraphSpec): Paragraph {
  const recurring = spec.fixedTitle !== undefined;
  const redacted = !recurring && ctx.body.abbreviation === 'KS' && random.chance(0.01);
  const title = redacted ? T.REDACTED_TITLE : (spec.fixedTitle ?? fill(random.pick(T.TITLES), ctx, random));
  const caseNumber = recurring ? undefined : caseNumberOf(random, ctx);
  const heading = `§ ${spec.number}${caseNumber ? ` ${caseNumber}` : ''}`;
  const c = recurring
    ? recurringContent(random, ctx, title)
    : redacted
      ? redactedContent()
      : itemContent(random, ctx, title);
  if (!recurring && !redacted && random.chance(ctx.holdRate)) {
    c.sections[0]!.text += ` Sökanden, personnummer ${personalNumber(random)}, har yttrat sig.`;
  }
  const lastPage = spec.firstPage + (c.sections.length > 5 ? random.int(1, 2) : random.int(0, 1));
  for (const section of c.sections) section.pages = [spec.firstPage, lastPage];
  return {
    id: paragraphId(ctx.meetingId, String(spec.number)),
    meetingId: ctx.meetingId,
    number: String(spec.number),
    heading,
    caseNumbers: caseNumber ? [{ raw: caseNumber, normalized: normalizeCaseNumber(caseNumber) }] : [],
    title,
    sections: c.sections,
    decision: c.decision,
    decisionItems: c.items.map((text, i) => ({ label: String(i + 1), text })),
    votes: c.vote ? [c.vote] : [],
    reservations: c.reservations,
    recipients: c.recipients,
    documents: c.documents,
    references: c.references,
    confidence: 1,
    redacted,
    immediatelyJusterad: !recurring && random.chance(0.03),
    ...(T.OTHER_APPEAL_ROUTE.test(title) ? { otherAppealRoute: true } : {}),
    pages: [spec.firstPage, lastPage],
    text: [heading, '', title, ...c.sections.flatMap((x) => [x.heading, x.text, ''])].join('\n').trimEnd(),
  };
}

function section(kind: SectionKind, heading: string, text: string): Section {
  return { heading, kind, text, pages: [1, 1] };
}

function empty(decision: string, sections: Section[] = []): Content {
  return { sections, decision, items: [], reservations: [], recipients: [], documents: [], references: [] };
}

/** "Val av justerare", "Meddelanden" …: a fixed title and a standard decision. */
function recurringContent(random: Random, ctx: MeetingContext, title: string): Content {
  const decision = decisionText(random, ctx, title, true);
  return empty(decision, [section('decision', 'Beslut', decision)]);
}

function redactedContent(): Content {
  return empty('', [section('description', 'Ärendebeskrivning', T.REDACTED_TEXT), section('decision', 'Beslut', '')]);
}

/** An ordinary item: description, often preparation, sometimes motions, a vote and reservations, then the lists. */
function itemContent(random: Random, ctx: MeetingContext, title: string): Content {
  const c = empty('', [section('description', 'Ärendebeskrivning', describe(random, ctx))]);
  if (random.chance(0.6)) c.sections.push(section('preparation', 'Beredning', prepare(random, ctx, c.references)));
  if (random.chance(ctx.body.voteRate)) c.vote = buildVote(random, ctx);
  const reserving = c.vote !== undefined || random.chance(ctx.body.reservationRate);
  if (reserving) {
    c.sections.push(
      section(
        'motions',
        'Förslag till beslut på sammanträdet',
        [0, 1].map(() => fill(random.pick(T.MOTIONS), ctx, random)).join('\n'),
      ),
    );
    c.sections.push(section('procedure', 'Beslutsgång', fill(random.pick(T.PROCEDURES), ctx, random)));
  }
  if (c.vote) c.sections.push(section('vote', 'Omröstning', c.vote.raw));
  if (random.chance(0.3)) c.items = random.sample(T.DECISION_ITEMS, random.int(2, 4)).map((t) => fill(t, ctx, random));
  c.decision =
    c.items.length > 0 ? c.items.map((t, i) => `${i + 1}. ${t}`).join('\n') : decisionText(random, ctx, title, false);
  c.sections.push(section('decision', 'Beslut', c.decision));
  if (reserving) c.reservations = [reservation(random, ctx)];
  for (const r of c.reservations) c.sections.push(section('reservation', 'Reservation', r.text));
  if (random.chance(0.7)) c.recipients = random.sample(T.RECIPIENTS, random.int(1, 3)).map((t) => fill(t, ctx, random));
  if (c.recipients.length > 0) c.sections.push(section('recipients', 'Expedieras till', c.recipients.join('\n')));
  if (random.chance(0.7))
    c.documents = random.sample(T.DOCUMENTS, random.int(1, 4)).map((t) => fill(t, { ...ctx, titel: title }, random));
  if (c.documents.length > 0)
    c.sections.push(section('documents', 'Beslutsunderlag', c.documents.map((d) => `• ${d}`).join('\n')));
  return c;
}

function caseNumberOf(random: Random, ctx: MeetingContext): string {
  const year = Number(ctx.date.slice(0, 4)) - (random.chance(0.25) ? 1 : 0);
  const serial = random.int(1, 640);
  return ctx.caseStyle === 'dotted'
    ? `${year}.${String(serial).padStart(3, '0')} ${ctx.body.abbreviation}`
    : `${ctx.body.abbreviation}-${year}-${String(serial).padStart(5, '0')}`;
}

function describe(random: Random, ctx: MeetingContext): string {
  return random
    .sample(T.DESCRIPTIONS, random.int(1, 3))
    .map((t) => fill(t, ctx, random))
    .join('\n\n');
}

/** Sometimes the preparation cites an earlier decision: that becomes a reference, as the parser would record it. */
function prepare(random: Random, ctx: MeetingContext, references: Reference[]): string {
  if (!random.chance(0.4)) return fill(random.pick(T.PREPARATIONS), ctx, random);
  const date = addDays(ctx.date, -random.int(7, 30));
  const number = String(random.int(1, 200));
  const body = 'Kommunstyrelsens arbetsutskott';
  references.push({ raw: `${body} ${swedishDate(date)}, § ${number}`, body, date, number });
  return `${body} har den ${swedishDate(date)}, § ${number} behandlat ärendet.`;
}

function decisionText(random: Random, ctx: MeetingContext, title: string, recurring: boolean): string {
  if (recurring) {
    if (title === 'Val av justerare') return `${ctx.justerare.join(' och ')} utses att justera protokollet.`;
    if (title === 'Meddelanden' || title.startsWith('Anmälan')) return 'Meddelandena läggs till handlingarna.';
    if (title === 'Redovisning av delegationsbeslut')
      return 'Redovisningen av delegationsbeslut läggs till handlingarna.';
    return 'Informationen noteras till protokollet.';
  }
  const rule = T.DECISION_RULES.find(([pattern]) => pattern.test(title));
  return fill(random.pick(rule ? rule[1] : T.DECISIONS), ctx, random);
}

/** A vote with printed counts and the named roll (KL 5 kap. 67 §: how each member voted in an open vote). */
function buildVote(random: Random, ctx: MeetingContext): Vote {
  const [yesMeans, noMeans] = random.pick(T.VOTE_PROPOSITIONS).map((t) => fill(t, ctx, random)) as [string, string];
  const roll: RollEntry[] = ctx.members.map((m) => ({ name: m.name, party: m.party, vote: choice(random) }));
  const counts: Vote['counts'] = {};
  for (const e of roll) counts[e.vote] = (counts[e.vote] ?? 0) + 1;
  const names = (v: VoteChoice) =>
    roll
      .filter((e) => e.vote === v)
      .map((e) => `${e.name} (${e.party})`)
      .join(', ');
  const raw = [
    `Godkänd voteringsproposition: "Ja för ${yesMeans} och Nej för ${noMeans}."`,
    `${names('yes')} röstar Ja (${counts.yes ?? 0}).`,
    `${names('no')} röstar Nej (${counts.no ?? 0}).`,
    ...(counts.abstain ? [`${names('abstain')} avstår från att rösta (${counts.abstain}).`] : []),
  ].join('\n');
  return { yesMeans, noMeans, counts, roll, rollMatchesCounts: true, raw };
}

function choice(random: Random): VoteChoice {
  const r = random.next();
  return r < 0.52 ? 'yes' : r < 0.95 ? 'no' : r < 0.98 ? 'abstain' : 'absent';
}

function reservation(random: Random, ctx: MeetingContext): { by: string[]; text: string } {
  const who = random.sample(ctx.members, random.int(1, 3));
  const text = fill(
    random.pick(T.RESERVATIONS),
    { ...ctx, person: who.map(label).join(' och '), parti: who[0]!.party },
    random,
  );
  return { by: who.map(label), text };
}

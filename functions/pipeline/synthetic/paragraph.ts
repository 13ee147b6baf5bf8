import { normalizeCaseNumber } from '../../core/records/case-numbers.ts';
import { paragraphId } from '../../core/records/ids.ts';
import type { Paragraph, Reference, RollEntry, Section, SectionKind, Vote, VoteChoice } from '../../core/records/types.ts';
import { addDays } from '../../core/text/swedish-dates.ts';
import type { BodyDef } from './bodies.ts';
import { label, personalNumber, type Person } from './people.ts';
import type { Random } from './random.ts';
import * as T from './templates.ts';
import { fill, swedishDate, type TextContext } from './text-fill.ts';

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

/** One § as the parser would produce it: heading, title, sections, decision, votes, reservations … and its text. */
export function buildParagraph(random: Random, ctx: MeetingContext, spec: ParagraphSpec): Paragraph {
  const recurring = spec.fixedTitle !== undefined;
  const redacted = !recurring && ctx.body.abbreviation === 'KS' && random.chance(0.01);
  const title = redacted ? T.REDACTED_TITLE : (spec.fixedTitle ?? fill(random.pick(T.TITLES), ctx, random));
  const caseNumber = recurring ? undefined : caseNumberOf(random, ctx);
  const heading = `§ ${spec.number}${caseNumber ? ` ${caseNumber}` : ''}`;
  const sections: Section[] = [];
  const references: Reference[] = [];
  const add = (kind: SectionKind, head: string, text: string) => sections.push({ heading: head, kind, text, pages: [spec.firstPage, spec.firstPage] });
  if (redacted) add('description', 'Ärendebeskrivning', T.REDACTED_TEXT);
  else if (!recurring) add('description', 'Ärendebeskrivning', describe(random, ctx));
  if (!recurring && !redacted && random.chance(0.6)) add('preparation', 'Beredning', prepare(random, ctx, references));
  const vote = !recurring && !redacted && random.chance(ctx.body.voteRate) ? buildVote(random, ctx) : undefined;
  const reserving = !recurring && !redacted && (vote !== undefined || random.chance(ctx.body.reservationRate));
  if (vote || reserving) {
    add('motions', 'Förslag till beslut på sammanträdet', [0, 1].map(() => fill(random.pick(T.MOTIONS), ctx, random)).join('\n'));
    add('procedure', 'Beslutsgång', fill(random.pick(T.PROCEDURES), ctx, random));
  }
  if (vote) add('vote', 'Omröstning', vote.raw);
  const items = !recurring && !redacted && random.chance(0.3) ? random.sample(T.DECISION_ITEMS, random.int(2, 4)).map((t) => fill(t, ctx, random)) : [];
  const decision = items.length > 0 ? items.map((t, i) => `${i + 1}. ${t}`).join('\n') : decisionText(random, ctx, title, recurring);
  add('decision', 'Beslut', decision);
  const reservations = reserving ? [reservation(random, ctx)] : [];
  for (const r of reservations) add('reservation', 'Reservation', r.text);
  const recipients = !recurring && random.chance(0.7) ? random.sample(T.RECIPIENTS, random.int(1, 3)).map((t) => fill(t, ctx, random)) : [];
  if (recipients.length > 0) add('recipients', 'Expedieras till', recipients.join('\n'));
  const documents = !recurring && !redacted && random.chance(0.7) ? random.sample(T.DOCUMENTS, random.int(1, 4)).map((t) => fill(t, { ...ctx, titel: title }, random)) : [];
  if (documents.length > 0) add('documents', 'Beslutsunderlag', documents.map((d) => `• ${d}`).join('\n'));
  if (!recurring && !redacted && random.chance(ctx.holdRate)) sections[0]!.text += ` Sökanden, personnummer ${personalNumber(random)}, har yttrat sig.`;
  const lastPage = spec.firstPage + (sections.length > 5 ? random.int(1, 2) : random.int(0, 1));
  sections.forEach((s) => (s.pages = [spec.firstPage, lastPage]));
  return {
    id: paragraphId(ctx.meetingId, String(spec.number)),
    meetingId: ctx.meetingId,
    number: String(spec.number),
    heading,
    caseNumbers: caseNumber ? [{ raw: caseNumber, normalized: normalizeCaseNumber(caseNumber) }] : [],
    title,
    sections,
    decision,
    decisionItems: items.map((text, i) => ({ label: String(i + 1), text })),
    votes: vote ? [vote] : [],
    reservations,
    recipients,
    documents,
    references,
    redacted,
    immediatelyJusterad: !recurring && random.chance(0.03),
    ...(T.OTHER_APPEAL_ROUTE.test(title) ? { otherAppealRoute: true } : {}),
    pages: [spec.firstPage, lastPage],
    text: [heading, '', title, ...sections.flatMap((s) => [s.heading, s.text, ''])].join('\n').trimEnd(),
  };
}

function caseNumberOf(random: Random, ctx: MeetingContext): string {
  const year = Number(ctx.date.slice(0, 4)) - (random.chance(0.25) ? 1 : 0);
  const serial = random.int(1, 640);
  return ctx.caseStyle === 'dotted'
    ? `${year}.${String(serial).padStart(3, '0')} ${ctx.body.abbreviation}`
    : `${ctx.body.abbreviation}-${year}-${String(serial).padStart(5, '0')}`;
}

function describe(random: Random, ctx: MeetingContext): string {
  return random.sample(T.DESCRIPTIONS, random.int(1, 3)).map((t) => fill(t, ctx, random)).join('\n\n');
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
    if (title === 'Redovisning av delegationsbeslut') return 'Redovisningen av delegationsbeslut läggs till handlingarna.';
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
  const names = (v: VoteChoice) => roll.filter((e) => e.vote === v).map((e) => `${e.name} (${e.party})`).join(', ');
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
  const text = fill(random.pick(T.RESERVATIONS), { ...ctx, person: who.map(label).join(' och '), parti: who[0]!.party }, random);
  return { by: who.map(label), text };
}

import { swedishDate } from '../../core/text/swedish-dates.ts';
import { label, person } from './people.ts';
import type { Random } from './random.ts';
import { ADMINISTRATIONS, PLACES } from './templates.ts';

/** The fixed values of a meeting's templates; the rest ({person}, {datum}, {belopp} …) are drawn per use. */
export interface TextContext {
  kommun: string;
  ort: string;
  /** The body in running text, e.g. "kommunstyrelsen". */
  organ: string;
  förkortning: string;
  förvaltning: string;
  år: number;
  justerare: string[];
  /** Overrides for one fill (e.g. the § title inside a document name). */
  person?: string;
  parti?: string;
  titel?: string;
}

/** Fills `{name}` placeholders; an unknown name is left as it is, so a template typo shows in the output. */
export function fill(template: string, ctx: TextContext, random: Random): string {
  return template.replace(/\{([A-Za-zÅÄÖåäö]+)\}/gu, (whole, name: string) => value(name, ctx, random) ?? whole);
}

type Filler = (ctx: TextContext, random: Random) => string | undefined;

const FILLERS: Readonly<Record<string, Filler>> = {
  kommun: (c) => c.kommun,
  Kommun: (c) => capitalise(c.kommun),
  ort: (c) => c.ort,
  organ: (c) => c.organ,
  Organ: (c) => capitalise(c.organ),
  förkortning: (c) => c.förkortning,
  förvaltning: (c) => c.förvaltning,
  Förvaltning: (c) => capitalise(c.förvaltning),
  år: (c) => String(c.år),
  förraÅr: (c) => String(c.år - 1),
  nästaÅr: (c) => String(c.år + 1),
  slutÅr: (c) => String(c.år + 3),
  titel: (c) => c.titel,
  person: (c, r) => c.person ?? label(person(r)),
  parti: (c, r) => c.parti ?? person(r).party,
  datum: (c, r) => swedishDate(`${c.år}-${pad(r.int(1, 12))}-${pad(r.int(1, 28))}`),
  belopp: (_c, r) => `${r.int(1, 48)},${r.int(0, 9)}`,
  plats: (_c, r) => r.pick(PLACES),
  nummer: (_c, r) => String(r.int(1, 180)),
  liten: (_c, r) => String(r.int(2, 6)),
};

function value(name: string, ctx: TextContext, random: Random): string | undefined {
  return Object.hasOwn(FILLERS, name) ? FILLERS[name]!(ctx, random) : undefined;
}

export function randomAdministration(random: Random): string {
  return random.pick(ADMINISTRATIONS);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

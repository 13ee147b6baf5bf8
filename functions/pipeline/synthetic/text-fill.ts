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

const MONTHS = ['januari', 'februari', 'mars', 'april', 'maj', 'juni', 'juli', 'augusti', 'september', 'oktober', 'november', 'december'];

/** "2026-04-20" → "20 april 2026", as dates are written in running text in Swedish protocols. */
export function swedishDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** Fills `{name}` placeholders; an unknown name is left as it is, so a template typo shows in the output. */
export function fill(template: string, ctx: TextContext, random: Random): string {
  return template.replace(/\{([A-Za-zÅÄÖåäö]+)\}/gu, (whole, name: string) => value(name, ctx, random) ?? whole);
}

function value(name: string, ctx: TextContext, random: Random): string | undefined {
  switch (name) {
    case 'kommun':
      return ctx.kommun;
    case 'Kommun':
      return capitalise(ctx.kommun);
    case 'ort':
      return ctx.ort;
    case 'organ':
      return ctx.organ;
    case 'Organ':
      return capitalise(ctx.organ);
    case 'förkortning':
      return ctx.förkortning;
    case 'förvaltning':
      return ctx.förvaltning;
    case 'Förvaltning':
      return capitalise(ctx.förvaltning);
    case 'år':
      return String(ctx.år);
    case 'förraÅr':
      return String(ctx.år - 1);
    case 'nästaÅr':
      return String(ctx.år + 1);
    case 'slutÅr':
      return String(ctx.år + 3);
    case 'titel':
      return ctx.titel;
    case 'person':
      return ctx.person ?? label(person(random));
    case 'parti':
      return ctx.parti ?? person(random).party;
    case 'datum':
      return swedishDate(`${ctx.år}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`);
    case 'belopp':
      return `${random.int(1, 48)},${random.int(0, 9)}`;
    case 'plats':
      return random.pick(PLACES);
    case 'nummer':
      return String(random.int(1, 180));
    case 'liten':
      return String(random.int(2, 6));
    default:
      return undefined;
  }
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

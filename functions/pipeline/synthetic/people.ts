import type { Attendee } from '../../core/records/types.ts';
import type { Random } from './random.ts';

/**
 * Invented people: common Swedish first names and surnames combined at random, so no synthetic protocol names a
 * real politician. Parties are the eight in the Riksdag, weighted roughly like municipal councils.
 */
const FIRST = [
  'Anna',
  'Eva',
  'Maria',
  'Karin',
  'Sara',
  'Lena',
  'Emma',
  'Kristina',
  'Elin',
  'Ingrid',
  'Malin',
  'Johanna',
  'Linnea',
  'Erik',
  'Lars',
  'Karl',
  'Anders',
  'Johan',
  'Per',
  'Mikael',
  'Jan',
  'Hans',
  'Peter',
  'Fredrik',
  'Oskar',
  'Ali',
  'Mohammed',
  'Daniel',
  'Jonas',
  'Maja',
  'Leif',
  'Gunilla',
  'Amir',
  'Sofia',
  'Henrik',
  'Ulla',
  'Björn',
  'Agneta',
];
const LAST = [
  'Andersson',
  'Johansson',
  'Karlsson',
  'Nilsson',
  'Eriksson',
  'Larsson',
  'Olsson',
  'Persson',
  'Svensson',
  'Gustafsson',
  'Pettersson',
  'Jonsson',
  'Lindberg',
  'Lindqvist',
  'Berg',
  'Bergström',
  'Lundgren',
  'Holm',
  'Sandberg',
  'Forsberg',
  'Ekström',
  'Hedlund',
  'Wallin',
  'Nyström',
  'Åberg',
  'Öberg',
  'Håkansson',
  'Sjöberg',
  'Lundin',
  'Mattsson',
  'Hassan',
];
export const PARTIES: readonly string[] = ['S', 'S', 'S', 'M', 'M', 'SD', 'SD', 'C', 'V', 'KD', 'L', 'MP'];

export interface Person {
  name: string;
  party: string;
}

export function person(random: Random): Person {
  return { name: `${random.pick(FIRST)} ${random.pick(LAST)}`, party: random.pick(PARTIES) };
}

export function label(p: Person): string {
  return `${p.name} (${p.party})`;
}

/** `n` people with distinct names. */
export function people(random: Random, n: number): Person[] {
  const out: Person[] = [];
  const seen = new Set<string>();
  for (let guard = 0; out.length < n && guard < n * 20; guard++) {
    const p = person(random);
    if (seen.has(p.name)) continue;
    seen.add(p.name);
    out.push(p);
  }
  return out;
}

export function attendee(p: Person, role?: string): Attendee {
  const raw = role ? `${p.name} (${p.party}), ${role}` : label(p);
  return { name: p.name, party: p.party, ...(role ? { role } : {}), raw };
}

/**
 * A personnummer that the privacy gate recognises: YYMMDD-NNNC with a real date and the Luhn check digit over the
 * ten digits (see DOMAIN-FACTS "Personal data"). Used to make some synthetic § that must be held back.
 */
export function personalNumber(random: Random): string {
  const year = random.int(40, 99);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const serial = random.int(100, 999);
  const nine = `${two(year)}${two(month)}${two(day)}${serial}`;
  return `${nine.slice(0, 6)}-${nine.slice(6)}${luhnCheckDigit(nine)}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10;
}

import { slugify } from '../../core/records/ids.ts';
import { MUNICIPALITIES } from '../../core/records/municipalities.ts';
import { addDays, weekday } from '../../core/text/swedish-dates.ts';
import { COMMITTEES, COUNCIL, EXECUTIVE_BOARD, type BodyDef } from './bodies.ts';
import type { MeetingSpec } from './meeting.ts';
import { Random } from './random.ts';

export interface PlanOptions {
  meetings: number;
  seed: number;
  fromYear: number;
  toYear: number;
}

interface Unit {
  municipality: string;
  body: BodyDef;
  year: number;
  bodySeed: number;
  caseStyle: 'dotted' | 'dashed';
}

/**
 * Which meetings a synthetic archive has. The candidates are whole units — every meeting of one body of one
 * municipality in one year, numbered through the year like real protocols — in a seeded random order across all
 * municipalities, bodies and years; the archive takes units until it has `meetings` meetings. So a small archive is a
 * prefix of a large one with the same seed, and every size has realistic, complete body-years.
 *
 * Municipalities whose names fold to the same slug (Habo and Håbo → "habo") would get the same meeting ids; only
 * the first of each is used.
 */
export function* planMeetings(options: PlanOptions): Generator<MeetingSpec> {
  const order = new Random(options.seed).shuffle(candidateUnits(options));
  let left = options.meetings;
  for (const unit of order) {
    if (left <= 0) return;
    const random = Random.derive(unit.bodySeed, String(unit.year));
    const dates = meetingDates(random, unit.year, unit.body.meetingsPerYear);
    let number = 1;
    for (const date of dates.slice(0, left)) {
      const paragraphCount = random.int(...unit.body.paragraphs);
      yield {
        municipality: unit.municipality,
        body: unit.body,
        date,
        firstNumber: number,
        paragraphCount,
        bodySeed: unit.bodySeed,
        caseStyle: unit.caseStyle,
      };
      number += paragraphCount;
      left--;
    }
  }
}

function candidateUnits(options: PlanOptions): Unit[] {
  const units: Unit[] = [];
  const seen = new Set<string>();
  for (const municipality of MUNICIPALITIES) {
    const slug = slugify(municipality);
    if (seen.has(slug)) continue;
    seen.add(slug);
    const random = Random.derive(options.seed, slug);
    const caseStyle = random.chance(0.5) ? 'dotted' : 'dashed';
    const bodies = [COUNCIL, EXECUTIVE_BOARD, ...random.sample(COMMITTEES, random.int(4, 8))];
    for (const body of bodies) {
      const bodySeed = Math.floor(Random.derive(options.seed, `${slug}/${body.abbreviation}`).next() * 2 ** 32);
      for (let year = options.fromYear; year <= options.toYear; year++)
        units.push({ municipality, body, year, bodySeed, caseStyle });
    }
  }
  return units;
}

/**
 * `n` distinct meeting days spread over the year: weekdays Monday–Thursday, none in July (the summer break).
 * Spacing is at least ~18 days for n ≤ 18, so shifting a day to a weekday never makes two meetings collide.
 */
export function meetingDates(random: Random, year: number, n: number): string[] {
  const dates: string[] = [];
  for (let i = 0; i < n; i++) {
    let date = addDays(`${year}-01-10`, Math.floor(((i + 0.5) * 330) / n) + random.int(-3, 3));
    if (date.slice(5, 7) === '07') date = `${year}-08-${date.slice(8)}`;
    while (weekday(date) === 0 || weekday(date) >= 5) date = addDays(date, 1);
    if (!dates.includes(date)) dates.push(date);
  }
  // A July date moved to August can pass a later one: sort, so § numbers run in date order.
  return dates.sort();
}

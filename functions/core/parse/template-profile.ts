import type { TemplateProfile } from '../records/types.ts';
import type { BuiltParagraph } from './build-paragraph.ts';
import type { Boundary } from './paragraph-boundaries.ts';
import { normalizeHeading } from './section-headings.ts';

/**
 * What a protocol teaches about its template, as counts that add up over protocols (mergeTemplates): the heading
 * forms of its §, its decision markers (normalised, a body's genitive as "<genitive>") and its page furniture shapes.
 * The ingest pipeline merges the profiles of a body's protocols and parses each with the result as a prior.
 */
export function learnTemplate(
  boundaries: readonly Boundary[],
  built: readonly BuiltParagraph[],
  furniture: readonly string[],
): TemplateProfile {
  const profile = emptyTemplate();
  profile.protocols = 1;
  const forms = new Map<string, number>();
  const markers = new Map<string, number>();
  for (const b of boundaries) tally(forms, b.match.form);
  for (const b of built) {
    profile.paragraphs += 1;
    if (b.paragraph.decision === '') continue;
    profile.decisions += 1;
    const section = b.sections.find((s) => s.kind === 'decision' && s.text === b.paragraph.decision);
    if (section)
      tally(
        markers,
        markerKey(section.heading, section.marker?.body !== undefined || /s\s+beslut/iu.test(section.heading)),
      );
  }
  // Counted in Maps, written once per distinct key: a text used as a property key is looked up in V8's string table
  // on every access, and most of a protocol's § share one heading form and one marker.
  for (const [k, n] of forms) add(profile.headingForms, k, n);
  for (const [k, n] of markers) add(profile.decisionMarkers, k, n);
  for (const shape of furniture) add(profile.furniture, shape);
  return profile;
}

function tally(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

export function emptyTemplate(): TemplateProfile {
  return { protocols: 0, headingForms: {}, decisionMarkers: {}, furniture: {}, paragraphs: 0, decisions: 0 };
}

/** Adds profiles: counts are summed, so a body's template is the sum of what its protocols showed. */
export function mergeTemplates(profiles: readonly TemplateProfile[]): TemplateProfile {
  const out = emptyTemplate();
  for (const p of profiles) {
    out.protocols += p.protocols;
    out.paragraphs += p.paragraphs;
    out.decisions += p.decisions;
    for (const [k, n] of Object.entries(p.headingForms)) add(out.headingForms, k, n);
    for (const [k, n] of Object.entries(p.decisionMarkers)) add(out.decisionMarkers, k, n);
    for (const [k, n] of Object.entries(p.furniture)) add(out.furniture, k, n);
  }
  return out;
}

/** "Välfärdsnämndens beslut:" → "<genitive> beslut:"; "Beslut" → "beslut". */
function markerKey(heading: string, genitive: boolean): string {
  const colon = heading.trim().endsWith(':') ? ':' : '';
  const normal = normalizeHeading(heading);
  if (!genitive) return normal + colon;
  const last = normal.split(' ').pop() ?? normal;
  return `<genitive> ${last}${colon}`;
}

/**
 * Counts by own keys only: a furniture line or heading that reads "constructor" or "toString" would otherwise start
 * from the inherited function, and "__proto__" would set the object's prototype instead of counting.
 */
function add(counts: Record<string, number>, key: string, n = 1): void {
  const sum = (Object.hasOwn(counts, key) ? (counts[key] as number) : 0) + n;
  if (key === '__proto__')
    Object.defineProperty(counts, key, { value: sum, enumerable: true, writable: true, configurable: true });
  else counts[key] = sum;
}

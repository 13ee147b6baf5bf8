import type { SplitSection } from './sections.ts';

/**
 * Which decision section is the §'s own decision. A § may quote the decisions of other bodies that handled the case
 * before ("Stadsstyrelsens beslut:" inside a välfärdsnämnd §, as KTweb protocols print the case history) before its
 * own ("Välfärdsnämndens beslut:"). The decision naming the meeting's body wins; decisions naming another body are
 * history; among the rest the first is taken (most templates print one).
 */
export function chooseDecision(sections: readonly SplitSection[], meetingBody: string): SplitSection | undefined {
  const decisions = sections.filter((s) => s.kind === 'decision');
  if (decisions.length <= 1) return decisions[0];
  const own = decisions.filter((s) => s.marker?.body !== undefined && namesBody(s.marker.body, meetingBody));
  if (own.length > 0) return own[own.length - 1];
  const unnamed = decisions.filter((s) => s.marker?.body === undefined);
  return unnamed[0] ?? decisions[decisions.length - 1];
}

/** "välfärdsnämndens" names "Välfärdsnämnden"; "stadsstyrelsens" does not. */
export function namesBody(named: string, body: string): boolean {
  if (body.trim() === '') return false;
  return stem(named) === stem(body);
}

function stem(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^\p{L}]/gu, '')
    .replace(/s$/u, '')
    .replace(/(?:en|et|n)$/u, '');
}

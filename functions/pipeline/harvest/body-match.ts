import { slugify } from '../../core/records/ids.ts';
import type { PortalBody } from '../../ports/portal-connector.ts';

/**
 * The portal's bodies that a source asks for, matched on their slugs so "Kommunfullmäktige" finds "Kommunfullmäktige"
 * and "Kommunfullmäktige (KF)", and "kommunstyrelsen" finds a Meetings+ committee slug. No names = every body.
 */
export function selectBodies(
  bodies: readonly PortalBody[],
  wanted: readonly string[],
): { selected: PortalBody[]; notFound: string[] } {
  if (wanted.length === 0) return { selected: [...bodies], notFound: [] };
  const selected: PortalBody[] = [];
  const notFound: string[] = [];
  for (const name of wanted) {
    const want = slugify(name);
    const matches = bodies.filter((b) =>
      [slugify(b.name), slugify(b.id)].some((s) => s === want || s.startsWith(`${want}-`)),
    );
    if (matches.length === 0) notFound.push(name);
    for (const body of matches) if (!selected.includes(body)) selected.push(body);
  }
  return { selected, notFound };
}

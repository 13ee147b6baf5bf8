import type { Context } from 'hono';
import { encodeCursor } from '../request/cursor.ts';
import { urlWith } from './respond.ts';

/**
 * The link to the next page of a list route. A cursor names the version, the position and the item's key, so a page
 * asked for after a new version resumes at the same item (request/cursor.ts, pageAfter).
 */
/** The URL of the page after `items`, when there are more; `keyOf` gives an item's stable key. */
export function nextPageUrl(
  c: Context,
  siteUrl: string,
  versionTag: string,
  result: { items: readonly number[]; more: boolean },
  keyOf: (item: number) => string,
): string | undefined {
  const last = result.items.at(-1);
  if (!result.more || last === undefined) return undefined;
  return urlWith(c, siteUrl, { cursor: encodeCursor({ v: versionTag, p: last, k: keyOf(last) }) });
}

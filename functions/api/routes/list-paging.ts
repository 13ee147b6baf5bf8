import type { Context } from 'hono';
import { decodeCursor, encodeCursor, resumeAfter } from '../request/cursor.ts';
import { urlWith } from './respond.ts';

/**
 * Cursor paging shared by the list routes: where a page resumes, and the link to the next one. A cursor names the
 * version, the position and the item's key, so a page asked for after a new version resumes at the same item.
 */
export function pageAfter(
  cursor: string | undefined,
  versionTag: string,
  find: (key: string) => number,
): { after?: number } {
  if (cursor === undefined) return {};
  const after = resumeAfter(decodeCursor(cursor), versionTag, find);
  return after === null ? {} : { after };
}

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

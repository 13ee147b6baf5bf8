import { BadRequestError } from '../errors.ts';

/**
 * Opaque page cursors. A cursor names the last item of the page (its id, which survives a republish) and its position
 * in the version it came from (fast when the version is unchanged). Base64url of a small JSON object.
 */
export interface Cursor {
  /** Data version tag the position belongs to. */
  v: string;
  /** Position of the last item returned. */
  p: number;
  /** Id of the last item returned (to find it again in another version). */
  k: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    if (typeof value.v === 'string' && Number.isInteger(value.p) && value.p! >= 0 && typeof value.k === 'string')
      return value as Cursor;
  } catch {
    // fall through
  }
  throw new BadRequestError('cursor: not a cursor from this API', [
    'cursor: not a cursor from this API (use the "next" URL as given)',
  ]);
}

/**
 * The position to continue after: the cursor's own when the version is the same; else where its item is now
 * (`find`); null when the item is gone (the caller then starts over rather than guess).
 */
export function resumeAfter(cursor: Cursor, versionTag: string, find: (key: string) => number): number | null {
  if (cursor.v === versionTag) return cursor.p;
  const now = find(cursor.k);
  return now >= 0 ? now : null;
}

/** Where a page resumes, as a page request's field: after the cursor's item, or from the start (no cursor, item gone). */
export function pageAfter(
  cursor: string | undefined,
  versionTag: string,
  find: (key: string) => number,
): { after?: number } {
  if (cursor === undefined) return {};
  const after = resumeAfter(decodeCursor(cursor), versionTag, find);
  return after === null ? {} : { after };
}

import { boolParam, dateParam, enumParam, intParam, stringParam } from './params.ts';

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
/** Ids are [a-z0-9-] (functions/core/records/ids.ts): nothing else can name a file, so nothing else is accepted. */
export const ID = SLUG;
export const MAX_LIMIT = 200;
export const DEFAULT_LIMIT = 20;

export const municipality = stringParam({
  description: 'Municipality slug, e.g. alingsas (see /v1/municipalities).',
  pattern: SLUG,
  maxLength: 80,
  example: 'alingsas',
});
export const body = stringParam({
  description: 'Body slug, e.g. kommunstyrelsen (see /v1/bodies).',
  pattern: SLUG,
  maxLength: 80,
  example: 'kommunstyrelsen',
});
export const from = dateParam({ description: 'Meetings on or after this date.', example: '2024-01-01' });
export const to = dateParam({ description: 'Meetings on or before this date.', example: '2024-12-31' });
export const year = intParam({ description: 'Meetings in this year.', minimum: 1900, maximum: 2100, example: 2024 });
export const sort = enumParam(['-date', 'date'] as const, {
  description: 'Order by meeting date: -date newest first (default), date oldest first.',
});
export const limit = intParam({
  description: `Items per page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}).`,
  minimum: 1,
  maximum: MAX_LIMIT,
  default: DEFAULT_LIMIT,
});
export const cursor = stringParam({
  description: 'Opaque; take it from the "next" URL of the previous page.',
  maxLength: 400,
  pattern: /^[A-Za-z0-9_-]+$/u,
});
export const count = boolParam({ description: 'Also count all matches (total); costs a little more.' });

export function idParam(what: string, example: string) {
  return stringParam({
    description: `The ${what} id ([a-z0-9-]).`,
    pattern: ID,
    maxLength: 200,
    required: true,
    example,
  });
}

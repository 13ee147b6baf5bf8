/**
 * The API's one error shape: RFC 9457 problem details (application/problem+json) with
 * { type, title, status, detail, instance }. Routes throw these named errors; app.onError turns any of them, and
 * anything unexpected, into that shape. A 500 says only that something went wrong: no message, no stack.
 */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
/** Problem types are documented under this URL (docs/api.md "Errors"). */
export const PROBLEM_BASE = 'https://paragraf.se/problems/';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/** 400: a parameter is missing, unknown or malformed. `problems` lists each one ("limit: must be ≤ 200"). */
export class BadRequestError extends ApiError {
  override name = 'BadRequestError';
  constructor(
    detail: string,
    readonly problems: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(400, 'bad-request', 'Ogiltig begäran / Bad request', detail, options);
  }
}

/** 404: no such resource (or route). */
export class NotFoundError extends ApiError {
  override name = 'NotFoundError';
  constructor(detail: string) {
    super(404, 'not-found', 'Hittades inte / Not found', detail);
  }
}

/** 405: the path exists but only for GET (and HEAD, OPTIONS). */
export class MethodNotAllowedError extends ApiError {
  override name = 'MethodNotAllowedError';
  constructor(method: string) {
    super(
      405,
      'method-not-allowed',
      'Metoden stöds inte / Method not allowed',
      `${method} is not supported here; use GET`,
    );
  }
}

/** 406: the Accept header asks for a format this resource does not have. */
export class NotAcceptableError extends ApiError {
  override name = 'NotAcceptableError';
  constructor(detail: string) {
    super(406, 'not-acceptable', 'Formatet stöds inte / Not acceptable', detail);
  }
}

/** 503: nothing can be served yet (the published data could not be read). */
export class UnavailableError extends ApiError {
  override name = 'UnavailableError';
  constructor(detail: string, options?: { cause?: unknown }) {
    super(503, 'unavailable', 'Tillfälligt otillgänglig / Service unavailable', detail, options);
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  /** For 400: one line per invalid parameter. */
  errors?: string[];
}

/** The problem document for an error; anything that is not an ApiError becomes an opaque 500. */
export function problemOf(error: unknown, instance: string): Problem {
  if (error instanceof ApiError) {
    const problem: Problem = {
      type: PROBLEM_BASE + error.type,
      title: error.title,
      status: error.status,
      detail: error.message,
      instance,
    };
    if (error instanceof BadRequestError && error.problems.length > 0) problem.errors = error.problems;
    return problem;
  }
  return {
    type: `${PROBLEM_BASE}internal`,
    title: 'Internt fel / Internal server error',
    status: 500,
    detail: 'Something went wrong on our side. It has been logged; please try again later.',
    instance,
  };
}

import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DATASETS_REWRITE_SOURCE } from '../../infra/datasets-rewrite.ts';

interface Request {
  uri: string;
  method: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
}

/** Runs the deployed source the way CloudFront does: a global `handler(event)` returning the request or a response. */
function run(request: Request): any {
  return runInNewContext(`${DATASETS_REWRITE_SOURCE}\nhandler(event);`, { event: { version: '1.0', request } });
}

function rewrite(uri: string): Request {
  return run({ uri, method: 'GET', querystring: { v: { value: '2' } }, headers: { host: { value: 'x' } } }) as Request;
}

describe('datasets rewrite (CloudFront Function)', () => {
  it('maps /datasets/<path> to /<path>, which CloudFront prefixes with the origin path /public', () => {
    expect(rewrite('/datasets/snapshots/2026-06-10/paragraphs.parquet').uri).toBe(
      '/snapshots/2026-06-10/paragraphs.parquet',
    );
    expect(rewrite('/datasets/goteborg/paragraphs.csv').uri).toBe('/goteborg/paragraphs.csv');
    expect(rewrite('/datasets/').uri).toBe('/');
    expect(rewrite('/datasets').uri).toBe('/');
  });

  it('removes the prefix once only and leaves other paths alone', () => {
    expect(rewrite('/datasets/datasets/x.json').uri).toBe('/datasets/x.json');
    expect(rewrite('/datasetsx/y.json').uri).toBe('/datasetsx/y.json');
  });

  it('keeps the query string, method and headers', () => {
    const request = rewrite('/datasets/index.json');
    expect(request.querystring).toEqual({ v: { value: '2' } });
    expect(request.method).toBe('GET');
    expect(request.headers).toEqual({ host: { value: 'x' } });
  });

  it('answers a CORS preflight itself, for any origin, echoing the requested headers', () => {
    const response = run({
      uri: '/datasets/goteborg/paragraphs.parquet',
      method: 'OPTIONS',
      querystring: {},
      headers: {
        origin: { value: 'https://observablehq.com' },
        'access-control-request-method': { value: 'GET' },
        'access-control-request-headers': { value: 'range' },
      },
    });
    expect(response).toEqual({
      statusCode: 204,
      statusDescription: 'No Content',
      headers: {
        'access-control-allow-origin': { value: '*' },
        'access-control-allow-methods': { value: 'GET, HEAD, OPTIONS' },
        'access-control-max-age': { value: '86400' },
        'access-control-allow-headers': { value: 'range' },
      },
    });
  });

  it('uses only syntax of the cloudfront-js runtime (no arrow functions, template literals, let/const, modules)', () => {
    expect(DATASETS_REWRITE_SOURCE).not.toMatch(/=>|`|\blet\b|\bconst\b|\bimport\b|\bexport\b/u);
  });
});

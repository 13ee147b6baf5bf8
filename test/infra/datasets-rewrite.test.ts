import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { DATASETS_REWRITE_SOURCE } from '../../infra/datasets-rewrite.ts';

interface Request {
  uri: string;
  method: string;
  querystring: Record<string, { value: string }>;
  headers: Record<string, { value: string }>;
}

/** Runs the deployed source the way CloudFront does: a global `handler(event)` returning the request. */
function rewrite(uri: string): Request {
  const request: Request = { uri, method: 'GET', querystring: { v: { value: '2' } }, headers: { host: { value: 'x' } } };
  return runInNewContext(`${DATASETS_REWRITE_SOURCE}\nhandler(event);`, { event: { version: '1.0', request } }) as Request;
}

describe('datasets rewrite (CloudFront Function)', () => {
  it('maps /datasets/<path> to /<path>, which CloudFront prefixes with the origin path /public', () => {
    expect(rewrite('/datasets/snapshots/2026-06-10/paragraphs.parquet').uri).toBe('/snapshots/2026-06-10/paragraphs.parquet');
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

  it('uses only syntax of the cloudfront-js runtime (no arrow functions, template literals, let/const, modules)', () => {
    expect(DATASETS_REWRITE_SOURCE).not.toMatch(/=>|`|\blet\b|\bconst\b|\bimport\b|\bexport\b/u);
  });
});

import type { Hono } from 'hono';
import { DATASETS_URL_PREFIX as DATASETS_PREFIX } from '../../published/paths.ts';
import { NotFoundError } from '../errors.ts';
import { CACHE, conditional, etagFor } from '../http/conditional.ts';
import { toReadableStream } from '../http/streams.ts';
import type { AppDeps } from '../schema/route.ts';

/**
 * /datasets/<path> serves public/<path> from the store, as CloudFront does on AWS (infra/datasets-rewrite.ts), so
 * the download URLs in the manifest and datapackage.json work with `paragraf serve` too. Only keys under public/ that
 * the storage port accepts can be named: "..", absolute paths, backslashes and NUL never reach the store.
 */
export function registerFiles(app: Hono, deps: AppDeps): void {
  app.get(`${DATASETS_PREFIX}*`, async (c) => {
    const raw = new URL(c.req.url).pathname.slice(DATASETS_PREFIX.length);
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      throw new NotFoundError('no such file');
    }
    const snapshot = await deps.readModel.snapshot();
    const file = await snapshot.publicFile(path);
    if (!file) throw new NotFoundError(`no published file ${DATASETS_PREFIX}${path.slice(0, 200)}`);
    const fresh = conditional(c, {
      etag: file.etag ?? etagFor(snapshot.version.tag, 'file', path),
      cacheControl: file.immutable ? CACHE.immutable : CACHE.list,
      ...(file.lastModified ? { lastModified: file.lastModified } : {}),
    });
    if (fresh) return fresh;
    const body = await file.open();
    if (body === null) throw new NotFoundError(`no published file ${DATASETS_PREFIX}${path.slice(0, 200)}`);
    c.header('Content-Type', file.mediaType);
    if (file.bytes !== undefined) c.header('Content-Length', String(file.bytes));
    return c.body(toReadableStream(body));
  });
}

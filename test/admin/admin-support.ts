/**
 * An admin app over a memory store, with the real use cases and document extractor, and a client that signs in and
 * posts forms as a browser would (same Origin, the session cookie, the page's CSRF token).
 */
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createAdminApp } from '../../functions/admin/admin-app.ts';
import { equal } from '../../functions/admin/session.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { createUseCases } from '../../functions/pipeline/use-cases.ts';

export const ORIGIN = 'http://admin.test';
export const TOKEN = 'rätt-nyckel-0123456789';
export const SECRET = 'x'.repeat(48);

export function adminFixture(options: { maxUploadBytes?: number } = {}) {
  const store = new MemoryBlobStore();
  const clock = fixedClock('2026-06-20T08:00:00Z');
  const useCases = createUseCases({
    store,
    extractor: createDocumentExtractor(),
    clock,
    defaultBaseUrl: 'https://data.alingsas.test',
  });
  const app = createAdminApp({
    useCases,
    signIn: { checkToken: (t) => equal(t, TOKEN) },
    sessionSecret: SECRET,
    clock,
    ...options,
  });
  return { store, clock, app };
}

export type AdminApp = ReturnType<typeof adminFixture>['app'];

export interface Client {
  cookie: string;
  csrf: string;
  get(path: string): Promise<Response>;
  post(path: string, fields: Record<string, string | File>, headers?: Record<string, string>): Promise<Response>;
}

export async function signIn(app: AdminApp, user = 'Klara Kanslist'): Promise<Client> {
  const res = await app.request(`${ORIGIN}/admin/logga-in`, {
    method: 'POST',
    headers: { Origin: ORIGIN },
    body: new URLSearchParams({ user, token: TOKEN }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const home = await (await app.request(`${ORIGIN}/admin`, { headers: { Cookie: cookie } })).text();
  const csrf = /name="_csrf" value="([^"]+)"/u.exec(home)?.[1] ?? '';
  const client: Client = {
    cookie,
    csrf,
    get: async (path) => app.request(`${ORIGIN}${path}`, { headers: { Cookie: cookie } }),
    post: async (path, fields, headers = {}) => {
      const form = new FormData();
      form.set('_csrf', csrf);
      for (const [k, v] of Object.entries(fields)) form.append(k, v);
      return app.request(`${ORIGIN}${path}`, {
        method: 'POST',
        headers: { Cookie: cookie, Origin: ORIGIN, ...headers },
        body: form,
      });
    },
  };
  return client;
}

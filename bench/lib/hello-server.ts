/**
 * The API benchmark's baseline: a bare Hono hello-world on @hono/node-server, started the way `paragraf serve` is
 * (a Node process running TypeScript through tsx): `node bin/run-ts.js bench/lib/hello-server.ts --port N`.
 * Whatever the real API achieves is compared with what the same stack does with no work at all.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { port: { type: 'string', default: '3999' } } });
const app = new Hono().get('*', (c) => c.text('Hello Hono!'));
serve({ fetch: app.fetch, port: Number(values.port), hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`listening on http://127.0.0.1:${info.port}\n`);
});

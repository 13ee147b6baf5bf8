/**
 * The baseline for the API Lambda's cold start: a bare Hono app behind hono's Lambda adapter, bundled with the same
 * esbuild settings as the real handlers (bench/suites/cold-start.ts). What any Hono Lambda pays before it does work.
 */
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const app = new Hono().get('/', (c) => c.text('Hello Hono!'));

export const handler = handle(app);

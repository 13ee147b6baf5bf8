/**
 * Loads a Lambda bundle in a fresh Node process, as the Lambda runtime does at init, and reports how long the
 * import took and whether it exports a handler. Used by bench/cold-start.ts and test/infra/bundle.test.ts; not
 * part of the deployed stack.
 */
import { execFile } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { RUNTIME_NODE_OPTIONS } from './bundling.ts';

const run = promisify(execFile);

/**
 * The Lambda Node.js runtime defines a global `awslambda` before loading the handler; hono's streamHandle calls
 * awslambda.streamifyResponse at import time. Outside Lambda this stand-in provides the same two members.
 */
const LAMBDA_GLOBALS =
  'globalThis.awslambda = { streamifyResponse: (fn) => fn, HttpResponseStream: { from: (s) => s } };';

/** What the handlers read at import time; values are placeholders of the right shape. */
export const PROBE_ENVIRONMENT: Readonly<Record<string, string>> = {
  AWS_REGION: 'eu-north-1',
  AWS_LAMBDA_FUNCTION_NAME: 'probe',
  DATA_BUCKET: 'paragraf-data-probe',
  SOURCE_BUCKET: 'paragraf-source-probe',
  PUBLISH_QUEUE_URL: 'https://sqs.eu-north-1.amazonaws.com/123456789012/probe.fifo',
  MUNICIPALITY: 'Göteborgs Stad',
  ORGANISATION_NUMBER: '212000-1355',
  PUBLIC_BASE_URL: 'https://d111111abcdef8.cloudfront.net',
  REVIEW_FIRST_BODIES: 'Socialnämnden,Individutskottet,Överförmyndarnämnden',
  MAX_UPLOAD_BYTES: '52428800',
  HARVEST_CONTACT: 'oppna-data@goteborg.example',
  USER_POOL_ID: 'eu-north-1_ProbePool1',
  USER_POOL_CLIENT_ID: 'probeclientid0123456789abc',
  AUTH_DOMAIN_URL: 'https://paragraf-probe.auth.eu-north-1.amazoncognito.com',
  ORIGIN_SECRET: 'probe-origin-secret-0123456789abcdefghijkl',
  SESSION_SECRET: 'probe-session-secret-0123456789abcdefghijk',
  LOG_LEVEL: 'warn',
};

export interface ImportProbe {
  /** Milliseconds from the start of import() to its resolution. */
  readonly importMs: number;
  readonly handlerType: string;
}

export class BundleImportError extends Error {
  override name = 'BundleImportError';
}

export async function importInFreshNode(bundleFile: string): Promise<ImportProbe> {
  const script = [
    'const start = performance.now();',
    `const module = await import(${JSON.stringify(pathToFileURL(bundleFile).href)});`,
    'const importMs = performance.now() - start;',
    'console.log(JSON.stringify({ importMs, handlerType: typeof module.handler }));',
  ].join('\n');
  const importShim = `data:text/javascript,${encodeURIComponent(LAMBDA_GLOBALS)}`;
  try {
    const args = [RUNTIME_NODE_OPTIONS, '--no-warnings', '--import', importShim, '--input-type=module', '-e', script];
    const { stdout } = await run(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...PROBE_ENVIRONMENT },
      timeout: 60_000,
    });
    const lastLine = stdout.trim().split('\n').at(-1) ?? '';
    return JSON.parse(lastLine) as ImportProbe;
  } catch (error) {
    throw new BundleImportError(`importing ${bundleFile} failed`, { cause: error });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { getConnInfo } from '@hono/node-server/conninfo';
import { join } from 'node:path';
import { createDocumentExtractor } from '../adapters/document-extractor.ts';
import { FsBlobStore } from '../adapters/fs-blob-store.ts';
import { locateOcrAssets } from '../adapters/ocr/ocr-assets.ts';
import { createTesseractOcr } from '../adapters/ocr/tesseract-ocr.ts';
import { createAdminApp } from '../admin/admin-app.ts';
import { equal } from '../admin/session.ts';
import { systemClock } from '../ports/clock.ts';
import { createUseCases } from '../pipeline/use-cases.ts';
import { withPublishLock } from './commands/publish.ts';

/**
 * Beside the store's files, never store keys ('#' cannot occur in one), so they are never listed, published or
 * served: the sign-in key the clerk types, and the secret that signs session cookies (kept so sessions survive a
 * restart). Both are created at the first `paragraf serve --admin`, readable by the owner only.
 */
const TOKEN_FILE = '.#admin-token';
const SECRET_FILE = '.#admin-session-secret';

export interface LocalAdmin {
  /** Answers /admin and everything under it. */
  app: { fetch(request: Request, env?: unknown): Response | Promise<Response> };
  /** The sign-in key, and where it came from (to print at start). */
  token: string;
  tokenSource: 'environment' | 'created' | 'file';
  tokenFile: string;
  close(): Promise<void>;
}

/** The admin app over a local store: the same use cases as the CLI, OCR for scans, the CLI's publish lock. */
export async function localAdmin(options: {
  dataDir: string;
  baseUrl: string;
  env: Readonly<Record<string, string | undefined>>;
}): Promise<LocalAdmin> {
  await mkdir(options.dataDir, { recursive: true });
  const tokenFile = join(options.dataDir, TOKEN_FILE);
  const fromEnv = options.env.PARAGRAF_ADMIN_TOKEN?.trim();
  if (fromEnv !== undefined && fromEnv !== '' && fromEnv.length < 12)
    throw new AdminTokenTooShortError('PARAGRAF_ADMIN_TOKEN must be at least 12 characters');
  const stored = fromEnv ? null : await secretFile(tokenFile, () => randomBytes(18).toString('base64url'));
  const token = fromEnv || stored!.value;
  if (token.length < 12)
    throw new AdminTokenTooShortError(
      `the sign-in key in ${tokenFile} is too short: delete the file to make a new one`,
    );
  const secret = (await secretFile(join(options.dataDir, SECRET_FILE), () => randomBytes(32).toString('base64url')))
    .value;
  const ocr = createTesseractOcr({ assets: locateOcrAssets(options.env.OCR_ASSETS_DIR) });
  const useCases = createUseCases({
    store: new FsBlobStore(options.dataDir),
    extractor: createDocumentExtractor({ ocr }),
    clock: systemClock,
    defaultBaseUrl: options.baseUrl,
    exclusive: (fn) => withPublishLock(options.dataDir, fn),
  });
  const app = createAdminApp({
    useCases,
    signIn: { checkToken: (t) => equal(t, token) },
    sessionSecret: secret,
    // The socket's address; behind a local proxy every client shares the proxy's (docs/admin.md, "Security").
    clientAddress: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined;
      }
    },
  });
  return {
    app,
    token,
    tokenSource: fromEnv ? 'environment' : stored!.created ? 'created' : 'file',
    tokenFile,
    close: () => ocr.close(),
  };
}

export class AdminTokenTooShortError extends Error {
  override name = 'AdminTokenTooShortError';
}

/** The file's content, or a new value written to it (mode 0600, never overwriting one written meanwhile). */
async function secretFile(path: string, make: () => string): Promise<{ value: string; created: boolean }> {
  try {
    return { value: (await readFile(path, 'utf8')).trim(), created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = make();
  try {
    await writeFile(path, `${value}\n`, { mode: 0o600, flag: 'wx' });
    return { value, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: (await readFile(path, 'utf8')).trim(), created: false };
  }
}

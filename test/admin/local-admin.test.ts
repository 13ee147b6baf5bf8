/**
 * `paragraf serve --admin`'s sign-in key: created once at the first start (owner-only file beside the store's
 * files, never a store key), the same on the next start, replaced by $PARAGRAF_ADMIN_TOKEN, never empty or short.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { localAdmin } from '../../functions/cli/admin-server.ts';
import { isAdminPath } from '../../functions/cli/commands/serve.ts';

const tmp = mkdtempSync(join(tmpdir(), 'paragraf-local-admin-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the local admin sign-in key', () => {
  it('is created at the first start, owner-only, and reused', async () => {
    const dataDir = join(tmp, 'a');
    const first = await localAdmin({ dataDir, baseUrl: 'http://localhost:3000', env: {} });
    await first.close();
    expect(first.tokenSource).toBe('created');
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{24}$/u);
    expect(readFileSync(first.tokenFile, 'utf8').trim()).toBe(first.token);
    expect(statSync(first.tokenFile).mode & 0o777).toBe(0o600);
    const second = await localAdmin({ dataDir, baseUrl: 'http://localhost:3000', env: {} });
    await second.close();
    expect(second).toMatchObject({ tokenSource: 'file', token: first.token });
  });

  it('comes from $PARAGRAF_ADMIN_TOKEN when set, and is never short or empty', async () => {
    const dataDir = join(tmp, 'b');
    const fromEnv = await localAdmin({
      dataDir,
      baseUrl: 'http://localhost:3000',
      env: { PARAGRAF_ADMIN_TOKEN: 'en lång och hemlig nyckel' },
    });
    await fromEnv.close();
    expect(fromEnv).toMatchObject({ tokenSource: 'environment', token: 'en lång och hemlig nyckel' });
    await expect(localAdmin({ dataDir, baseUrl: 'http://x', env: { PARAGRAF_ADMIN_TOKEN: 'kort' } })).rejects.toThrow(
      /at least 12/u,
    );
    writeFileSync(join(dataDir, '.#admin-token'), '\n');
    await expect(localAdmin({ dataDir, baseUrl: 'http://x', env: {} })).rejects.toThrow(/too short/u);
  });

  it('the server sends /admin and everything under it to the admin app, nothing else', () => {
    for (const p of ['/admin', '/admin/', '/admin/granskning', '//admin', '/ADMIN/x'])
      expect(isAdminPath(p), p).toBe(true);
    for (const p of ['/', '/administration', '/p/admin', '/v1/admin', '/datasets/admin/x'])
      expect(isAdminPath(p), p).toBe(false);
  });
});

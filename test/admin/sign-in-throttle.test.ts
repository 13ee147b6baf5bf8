/**
 * Guessing the local sign-in key: after five failures from one address every further failure doubles the wait
 * (429 with Retry-After), during which even the right key is not tried; another address is not affected; a success
 * clears the address. The clock is injected and stepped, so nothing here depends on how fast the machine is.
 */
import { describe, expect, it } from 'vitest';
import { createDocumentExtractor } from '../../functions/adapters/document-extractor.ts';
import { MemoryBlobStore } from '../../functions/adapters/memory-blob-store.ts';
import { createAdminApp } from '../../functions/admin/admin-app.ts';
import { equal } from '../../functions/admin/session.ts';
import { SignInThrottle } from '../../functions/admin/sign-in-throttle.ts';
import { fixedClock } from '../../functions/ports/clock.ts';
import { createUseCases } from '../../functions/pipeline/use-cases.ts';
import { ORIGIN, SECRET, TOKEN } from './admin-support.ts';

function fixture() {
  const clock = fixedClock('2026-06-20T08:00:00Z');
  const app = createAdminApp({
    useCases: createUseCases({
      store: new MemoryBlobStore(),
      extractor: createDocumentExtractor(),
      clock,
      defaultBaseUrl: 'https://data.alingsas.test',
    }),
    signIn: { checkToken: (t) => equal(t, TOKEN) },
    sessionSecret: SECRET,
    clock,
    clientAddress: (c) => c.req.header('X-Test-Address'),
    log: () => {},
  });
  const attempt = (token: string, address = '198.51.100.7') =>
    app.request(`${ORIGIN}/admin/logga-in`, {
      method: 'POST',
      headers: { Origin: ORIGIN, 'X-Test-Address': address },
      body: new URLSearchParams({ user: 'Klara', token }),
    });
  return { clock, attempt };
}

describe('admin: the local sign-in is throttled per address', () => {
  it('lets five wrong keys through as 401, then makes the address wait, doubling', async () => {
    const { clock, attempt } = fixture();
    for (let i = 0; i < 5; i += 1) expect((await attempt('fel')).status).toBe(401);
    // The sixth failure is answered (401) and starts a wait of 1 s; the seventh of 2 s, the eighth of 4 s.
    expect((await attempt('fel')).status).toBe(401);
    const locked = await attempt(TOKEN);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('1');
    expect(locked.headers.get('set-cookie')).toBeNull();
    expect(await locked.text()).toContain('För många misslyckade inloggningar');
    clock.advance(1000);
    expect((await attempt('fel')).status).toBe(401);
    expect((await attempt('fel')).headers.get('retry-after')).toBe('2');
    clock.advance(2000);
    expect((await attempt('fel')).status).toBe(401);
    expect((await attempt(TOKEN)).headers.get('retry-after')).toBe('4');
    clock.advance(3999);
    expect((await attempt(TOKEN)).status).toBe(429);
    clock.advance(1);
    expect((await attempt(TOKEN)).status).toBe(303);
    // The success cleared the address: the next mistakes are free again.
    for (let i = 0; i < 5; i += 1) expect((await attempt('fel')).status).toBe(401);
  });

  it('does not make another address wait', async () => {
    const { attempt } = fixture();
    for (let i = 0; i < 8; i += 1) await attempt('fel', '203.0.113.9');
    expect((await attempt(TOKEN, '203.0.113.9')).status).toBe(429);
    expect((await attempt(TOKEN, '198.51.100.7')).status).toBe(303);
  });

  it('caps the wait, forgets a quiet address, and keeps a bounded number of addresses', () => {
    const throttle = new SignInThrottle({
      freeFailures: 0,
      maxWaitSeconds: 60,
      maxEntries: 3,
      forgetAfterSeconds: 3600,
    });
    let t = 0;
    for (let i = 0; i < 40; i += 1) throttle.failed('a', t);
    expect(throttle.waitSeconds('a', t)).toBe(60);
    t += 3600 * 1000;
    expect(throttle.waitSeconds('a', t)).toBe(0);
    throttle.failed('a', t);
    expect(throttle.waitSeconds('a', t)).toBe(1);
    for (const address of ['b', 'c', 'd']) throttle.failed(address, t);
    expect(throttle.size).toBe(3);
    expect(throttle.waitSeconds('a', t)).toBe(0);
    expect(throttle.waitSeconds('d', t)).toBe(1);
  });
});

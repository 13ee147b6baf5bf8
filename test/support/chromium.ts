import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { expect } from 'vitest';

/** Debian's Chromium (installed by .ci/run). No browser is ever downloaded; without it the browser tests fail. */
export const CHROMIUM = '/usr/bin/chromium';

/** Headless Chromium without a sandbox, background networking or first-run work. */
export async function launchChromium(): Promise<Browser> {
  expect(existsSync(CHROMIUM), `${CHROMIUM} is missing: install Debian's chromium (see .ci/run)`).toBe(true);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's headless Chromium, which `pnpm test` installs (see scripts/bootstrap.mjs). */
const executablePath = ['/usr/lib/chromium/chromium-headless-shell', '/usr/bin/chromium'].find(
  (path) => existsSync(path),
);

export function launchBrowser(): Promise<Browser> {
  if (executablePath === undefined) {
    throw new Error(
      'No Chromium found: run `npm test` from the repo root (it installs chromium-headless-shell), or apt-get install chromium-headless-shell.',
    );
  }
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

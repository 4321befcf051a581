// Browser launchers for the tests, over scripts/chromium.mjs.
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS, CHROMIUM_PATH, launchChromium } from '../../scripts/chromium.mjs';

export { CHROMIUM_ARGS, CHROMIUM_PATH };

/** A persistent context gets its own fresh user-data dir, so service workers start clean. */
export async function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export function freshProfileDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'handbook-chromium-'));
}

export async function launchPersistent(viewport = { width: 1280, height: 900 }) {
  return chromium.launchPersistentContext(freshProfileDir(), {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport,
    locale: 'zh-CN',
  });
}

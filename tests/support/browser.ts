// Launches Debian's Chromium through playwright-core with the flags this machine needs.
import { chromium, type Browser } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A persistent context gets its own fresh user-data dir, so service workers start clean. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
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

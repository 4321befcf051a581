// Developer tool: screenshots of the built site at phone/tablet/desktop sizes.
// Usage: npm run screenshot -- /path/ [/other/ ...]   (writes to .cache/shots/)
import { launchChromium } from './chromium.mjs';
import { mkdir } from 'node:fs/promises';
import { serve } from './serve.mjs';

const SIZES = {
  phone: { width: 360, height: 740 },
  tablet: { width: 768, height: 1024 },
  'tablet-landscape': { width: 1024, height: 768 },
  desktop: { width: 1366, height: 900 },
};
const paths = process.argv.slice(2).filter((a) => a.startsWith('/'));
const full = process.argv.includes('--full');
await mkdir('.cache/shots', { recursive: true });
const server = await serve('dist', { port: 0 });
const browser = await launchChromium();
for (const p of paths.length ? paths : ['/']) {
  for (const [name, viewport] of Object.entries(SIZES)) {
    const page = await browser.newPage({ viewport, locale: 'zh-CN' });
    await page.goto(server.url + p, { waitUntil: 'networkidle' });
    const file = `.cache/shots/${p.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${name}.png`;
    await page.screenshot({ path: file, fullPage: full });
    console.log(file);
    await page.close();
  }
}
await browser.close();
await server.close();

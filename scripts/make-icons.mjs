// Developer tool: renders public/icons/icon.svg to the PNG icons the manifest lists (run once after changing the SVG).
import { launchChromium } from './chromium.mjs';
import { readFileSync } from 'node:fs';
const svg = readFileSync('public/icons/icon.svg', 'utf8');
const b = await launchChromium();
for (const [size, file, pad] of /** @type {[number, string, number][]} */ ([
  [192, 'icon-192.png', 0],
  [512, 'icon-512.png', 0],
  [512, 'icon-maskable-512.png', 0.1],
])) {
  const p = await b.newPage({ viewport: { width: size, height: size } });
  const inner = size * (1 - 2 * pad);
  await p.setContent(
    `<html><body style="margin:0;background:${pad ? '#0f5c4d' : 'transparent'};display:flex;align-items:center;justify-content:center;width:${size}px;height:${size}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</body></html>`,
  );
  await p.screenshot({ path: 'public/icons/' + file, omitBackground: !pad });
}
await b.close();

// src/domain must stay pure: no DOM, no Astro runtime, no storage or PDF libraries, no clock.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const DOMAIN = 'src/domain';
const files = readdirSync(DOMAIN, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
const FORBIDDEN_IMPORTS = /from\s+['"](astro[:/][^'"]*|idb|pdf-lib|fontkit|workbox-[^'"]*|node:[^'"]*|playwright-core)['"]/;
// Browser globals used as globals (a field or property named `document` is fine), the clock, randomness.
const FORBIDDEN_GLOBALS =
  /(?<![.\w])(window|document|localStorage|sessionStorage|indexedDB|navigator)\s*[.[(]|\bfetch\(|Date\.now\(|new Date\(\)|Math\.random\(|(?<![.\w])crypto\./;

describe('src/domain is pure', () => {
  it('has modules to check', () => expect(files.length).toBeGreaterThan(0));
  it('catches what it forbids', () => {
    for (const bad of [
      'document.title',
      'window.x',
      'localStorage.getItem("k")',
      'indexedDB.open("x")',
      'Date.now()',
      'new Date()',
      'crypto.subtle',
    ])
      expect(bad).toMatch(FORBIDDEN_GLOBALS);
    for (const ok of ['d.document.record', 'document: ReportDocument', 'const { document } = x;'])
      expect(ok).not.toMatch(FORBIDDEN_GLOBALS);
  });
  for (const file of files) {
    it(`${file} imports only pure modules and touches no browser or clock`, () => {
      const src = readFileSync(path.join(DOMAIN, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
      expect(src).not.toMatch(FORBIDDEN_IMPORTS);
      expect(src).not.toMatch(FORBIDDEN_GLOBALS);
    });
  }
});

// The architecture's boundaries are ESLint rules (eslint.config.js); this checks that the rules
// themselves reject what they must and accept what the code legitimately does.
import { beforeAll, describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() });
});

/** Rule ids and messages ESLint reports for `code` as if it were the file at `filePath`. */
async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

// Loading typescript-eslint takes a few seconds on an idle machine.
const BUDGET = 60_000;

describe('src/domain stays pure', () => {
  const impure: [string, string][] = [
    ['idb', "import { openDB } from 'idb';\nexport const x = openDB;"],
    ['pdf-lib', "import { PDFDocument } from 'pdf-lib';\nexport const x = PDFDocument;"],
    ['pkijs', "import * as pkijs from 'pkijs';\nexport const x = pkijs;"],
    ['asn1js', "import * as asn1js from 'asn1js';\nexport const x = asn1js;"],
    ['fontkit', "import * as fontkit from 'fontkit';\nexport const x = fontkit;"],
    ['astro:content', "import { getCollection } from 'astro:content';\nexport const x = getCollection;"],
    ['node:crypto', "import { createHash } from 'node:crypto';\nexport const x = createHash;"],
    ['an adapter', "import { nowIso } from '../adapters/clock';\nexport const x = nowIso;"],
    ['a component', "import { x as y } from '../components/pwa-client';\nexport const x = y;"],
    ['window', 'export const x = window.innerWidth;'],
    ['document', 'export const x = document.title;'],
    ['localStorage', "export const x = localStorage.getItem('k');"],
    ['indexedDB', "export const x = indexedDB.open('db');"],
    ['Date.now()', 'export const x = Date.now();'],
    ['new Date()', 'export const x = new Date();'],
    ['Math.random()', 'export const x = Math.random();'],
    ['fetch', "export const x = fetch('/');"],
  ];
  for (const [what, code] of impure) {
    it(`rejects ${what}`, async () => expect(await problems('src/domain/probe.ts', code)).not.toEqual([]), BUDGET);
  }
  it(
    'accepts zod, sibling modules and a date passed in',
    async () => {
      const code = [
        "import { z } from 'astro/zod';",
        "import { tenths } from './tenths';",
        'export const x = (iso: string) => [z.string().parse(iso), tenths(1), new Date(iso).getTime()];',
      ].join('\n');
      expect(await problems('src/domain/probe.ts', code)).toEqual([]);
    },
    BUDGET,
  );
});

describe('components reach IndexedDB only through the store facades', () => {
  it(
    'rejects idb, the database module (static or lazy) and the indexedDB global',
    async () => {
      for (const code of [
        "import { openDB } from 'idb';\nexport const x = openDB;",
        "import { openAppDB } from '../adapters/store/db';\nexport const x = openAppDB;",
        "export const x = () => import('../adapters/store/db');",
        "export const x = indexedDB.open('wuye-handbook');",
      ]) {
        expect(await problems('src/components/probe.ts', code), code).not.toEqual([]);
      }
    },
    BUDGET,
  );
  it(
    'accepts the facades and type imports of stored shapes',
    async () => {
      const code = [
        "import { appStores } from '../adapters/store';",
        "import type { AppDB } from '../adapters/store/db';",
        'export const x = appStores;',
        'export type Y = AppDB;',
      ].join('\n');
      expect(await problems('src/components/probe.ts', code)).toEqual([]);
    },
    BUDGET,
  );
});

describe('Node-only code never reaches browser code', () => {
  for (const file of ['src/components/probe.ts', 'src/adapters/probe.ts', 'src/domain/probe.ts']) {
    it(
      `${file}: rejects node:*, scripts/ and the build-time src/lib`,
      async () => {
        for (const code of [
          "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;",
          "import { serve } from '../../scripts/serve.mjs';\nexport const x = serve;",
          "import { x as y } from '../lib/handbook';\nexport const x = y;",
        ]) {
          expect(await problems(file, code), code).not.toEqual([]);
        }
      },
      BUDGET,
    );
  }
});

describe('the clock is read only in src/adapters/clock.ts', () => {
  it(
    'rejects Date.now() and new Date() in a component and an adapter',
    async () => {
      for (const file of ['src/components/probe.ts', 'src/adapters/pdf/probe.ts']) {
        expect(await problems(file, 'export const x = Date.now();')).not.toEqual([]);
        expect(await problems(file, 'export const x = new Date();')).not.toEqual([]);
      }
    },
    BUDGET,
  );
  it(
    'allows it in the clock adapter',
    async () => {
      expect(await problems('src/adapters/clock.ts', 'export const x = () => [Date.now(), new Date()];')).toEqual([]);
    },
    BUDGET,
  );
});

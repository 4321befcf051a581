// Template lint: every checklist validates, is big enough, sums to 100 points, and cites real handbook pages.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { checklistSchema } from '../../src/schemas/checklist';

const DIR = 'content/checklists';
const REQUIRED = {
  'customer-service': { kind: 'inspection', line: 'customer' },
  security: { kind: 'inspection', line: 'security' },
  engineering: { kind: 'inspection', line: 'engineering' },
  environment: { kind: 'inspection', line: 'environment' },
  'survey-annual': { kind: 'survey', line: 'survey' },
  'survey-daily': { kind: 'survey', line: 'survey' },
} as const;
const files = existsSync(DIR) ? readdirSync(DIR).filter((f) => f.endsWith('.yaml')) : [];

describe('checklist templates', () => {
  for (const [id, expected] of Object.entries(REQUIRED)) {
    it(`${id}.yaml exists as a ${expected.kind} of line ${expected.line}`, () => {
      expect(files).toContain(`${id}.yaml`);
      const t = parseYaml(readFileSync(`${DIR}/${id}.yaml`, 'utf8'));
      expect({ kind: t.kind, line: t.line }).toEqual(expected);
    });
  }

  for (const file of files) {
    describe(file, () => {
      const raw = parseYaml(readFileSync(`${DIR}/${file}`, 'utf8'));
      const parsed = checklistSchema.safeParse(raw);
      it('validates', () => {
        expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([]);
      });
      if (!parsed.success) return;
      const t = parsed.data;
      const items = t.sections.flatMap((s) => s.items);
      if (t.kind === 'inspection') {
        it('has at least 25 items in sections', () => {
          expect(items.length).toBeGreaterThanOrEqual(25);
          expect(t.sections.length).toBeGreaterThanOrEqual(3);
        });
        it('is out of 100 points', () => {
          const tenths = items.reduce((s, i) => s + (i.kind === 'rating' ? 0 : Math.round(i.points * 10)), 0);
          expect(tenths / 10).toBe(100);
        });
        it('has at least one veto item and one deduction item', () => {
          expect(items.some((i) => i.kind !== 'rating' && i.veto)).toBe(true);
          expect(items.some((i) => i.kind === 'deduct')).toBe(true);
        });
        it('uses only known {param:key} placeholders', () => {
          const params = Object.keys(parseYaml(readFileSync('content/params.yaml', 'utf8')));
          for (const i of items) {
            const text = i.kind === 'rating' ? i.text : `${i.text} ${i.standard} ${i.method}`;
            for (const [, key] of text.matchAll(/\{param:([a-zA-Z.]+)\}/g)) expect(params, `${i.id}`).toContain(key);
          }
        });
        it('cites an existing handbook page for every item', () => {
          for (const i of items) {
            if (i.kind === 'rating') continue;
            expect(existsSync(`content/handbook/${i.sop.split('#')[0]}.mdx`), `${i.id} → ${i.sop}`).toBe(true);
          }
        });
      } else {
        it('asks at least 8 questions', () => expect(items.length).toBeGreaterThanOrEqual(8));
      }
    });
  }
});

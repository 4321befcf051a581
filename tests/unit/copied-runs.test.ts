// Own words: no run of 30+ Chinese characters of the handbook body may repeat a source manual verbatim,
// except official names, slogans and enumerations that must be quoted as they are (ALLOWED below).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as OpenCC from 'opencc-js';

const RUN = 30;
const SEEDS = '../shared/seeds';
const ROOT = 'content/handbook';

// Only Han characters count: punctuation, markup and spacing differ too easily to hide a copy.
const han = (text: string) => text.replace(/[^\u3400-\u9fff]/g, '');

// Texts that are quoted on purpose. A copied run passes when it lies inside one of them.
const ALLOWED = [
  // slogans and the culture's set phrases
  '亲情进万家善爱传天下家庭和美邻里和睦社区和谐',
  '让标准成为习惯让服务成为美德',
  '打造最具人文精神的和谐社区服务品牌',
  '遇到见到必定管到对内讲流程对外重服务对内分专业对外是窗口',
  '全员学绿化全员做清洁全员保平安',
  '微笑服务主动服务快速服务专业服务',
  '国学进社区和乐中国我爱我家家有好邻情满和院保利志愿者公益保利长者学院万家灯火',
].map(han);

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const seedFiles = readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f));

// Every 30-gram of the seeds, once: one Set lookup per handbook position keeps the test fast.
function seedGrams(): Set<string> {
  const grams = new Set<string>();
  for (const f of seedFiles) {
    const text = han(toSimplified(readFileSync(path.join(SEEDS, f), 'utf8')));
    for (let i = 0; i + RUN <= text.length; i++) grams.add(text.slice(i, i + RUN));
  }
  return grams;
}

// The page body as a reader sees it: no frontmatter (its quiz quotes the page, not the seeds), no tags.
function bodyText(file: string): string {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const body = src.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body.replace(/<[^>]*>/g, '').replace(/\]\([^)]*\)/g, ']');
}

/** Maximal runs of `text` (Han only) whose every RUN-gram occurs in `grams`. */
function copiedRuns(text: string, grams: Set<string>): string[] {
  const runs: string[] = [];
  let start = -1;
  let end = -1;
  for (let i = 0; i + RUN <= text.length; i++) {
    if (!grams.has(text.slice(i, i + RUN))) continue;
    if (start >= 0 && i <= end) end = i + RUN;
    else {
      if (start >= 0) runs.push(text.slice(start, end));
      start = i;
      end = i + RUN;
    }
  }
  if (start >= 0) runs.push(text.slice(start, end));
  return runs;
}

describe('copied runs', () => {
  it('finds a run only where the text is shared', () => {
    const grams = new Set(['一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十']);
    const same = '一二三四五六七八九十'.repeat(3);
    expect(copiedRuns(`甲乙${same}丙丁`, grams)).toEqual([same]);
    expect(copiedRuns('甲乙丙丁'.repeat(10), grams)).toEqual([]);
  });

  it('the seeds are there to compare with', () => expect(seedFiles.length).toBe(4));

  it('no page copies 30 or more characters of a source manual', { timeout: 60_000 }, () => {
    const grams = seedGrams();
    const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.mdx'))
      .sort();
    const found: string[] = [];
    for (const file of files) {
      for (const run of copiedRuns(han(bodyText(file)), grams)) {
        if (!ALLOWED.some((a) => a.includes(run))) found.push(`${file}: ${run}`);
      }
    }
    expect(found).toEqual([]);
  });
});

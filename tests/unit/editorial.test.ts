// Editorial rules of the handbook body (issue 15): safety wording, editor's notes kept out of
// the instructions, one company voice, scripts that obey the 服务忌语 pages, mainland quotation marks.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = 'content/handbook';
const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx'))
  .sort();
const bodyOf = (file: string) => readFileSync(path.join(ROOT, file), 'utf8').replace(/^---\n[\s\S]*?\n---\n/, '');
// The frontmatter a learner reads (summary, quizzes), without the source references, which quote
// the source manuals' own headings.
const readerFrontmatterOf = (file: string) =>
  (/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(ROOT, file), 'utf8'))?.[1] ?? '')
    .split('\n')
    .filter((l) => !/^\s+section:/.test(l))
    .join('\n');
const pages = files.map((file) => ({ file, body: bodyOf(file), front: readerFrontmatterOf(file) }));

const withoutSourceNotes = (body: string) => body.replace(/<SourceNote>[\s\S]*?<\/SourceNote>/g, '');
const withoutQuotes = (text: string) => text.replace(/“[^”]*”/g, '“”');
const sayScripts = (body: string) => [...body.matchAll(/<Say>([\s\S]*?)<\/Say>/g)].map((m) => m[1]!);
const hanOnly = (text: string) => text.replace(/[^\u3400-\u9fff]/g, '');

// "Decide whether to call 119" — the source's wording, allowed only as a quotation.
const MAYBE_CALL_119 = /(决定|视情况|看情况|酌情)[^。；\n]{0,8}(是否|要不要)[^。；\n]{0,6}(报|拨打?)[^。；\n]{0,4}(119|火警|警)/;
const CALL_119_AT_ONCE = /(确认|立即|马上)[^。\n]{0,16}(报|拨打?) ?\*{0,2}119/;

describe('calling 119', () => {
  it('the pattern catches the wording it is meant to', () => {
    expect('并根据现场情况决定是否拨打 **119** 报火警').toMatch(MAYBE_CALL_119);
    expect('按现场情况决定是否报警（演练中模拟）').toMatch(MAYBE_CALL_119);
    expect(withoutQuotes('写的是“根据现场情况决定是否报 119”。')).not.toMatch(MAYBE_CALL_119);
  });

  for (const { file, body } of pages) {
    it(`${file} never tells staff to decide whether to call 119`, () => {
      expect(withoutQuotes(body)).not.toMatch(MAYBE_CALL_119);
      // A page that quotes the source's wording also says what to do instead.
      if (MAYBE_CALL_119.test(body)) expect(body).toMatch(CALL_119_AT_ONCE);
    });
  }

  for (const file of ['security/fire-response.mdx', 'security/emergency-drills.mdx', 'security/control-center-guide.mdx']) {
    it(`${file} says to call 119 as soon as a fire is confirmed and how the source differs`, () => {
      const body = bodyOf(file);
      expect(body).toMatch(CALL_119_AT_ONCE);
      expect(body).toMatch(/消防法.{0,4}第四十四条/);
    });
  }
});

// Notes about the broken source text; they belong in <SourceNote> (来源说明), never in the steps.
const EDITOR_NOTE =
  /残片|残存|只保存|保存下来|缺失[。，）；]|已缺失|原文.{0,8}(缺失|中断)|中断了|在此处?中断|这一[句条项段]?(标题处)?中断|源文|只有标题|只剩/;
// The page that describes the four manuals themselves.
const ABOUT_THE_SOURCES = ['company/handbook-rules.mdx'];

describe("editor's notes", () => {
  it('the pattern catches the notes it is meant to', () => {
    for (const note of ['4. 第 4 步及以后的内容原文缺失。', '## 业主须知（残片）', '- 源文的下一项（第 7 项）在此中断。'])
      expect(note).toMatch(EDITOR_NOTE);
    expect('井盖缺失、地面湿滑等，立即处理').not.toMatch(EDITOR_NOTE);
  });

  for (const { file, body } of pages) {
    if (ABOUT_THE_SOURCES.includes(file)) continue;
    it(`${file} keeps notes about the sources in its 来源说明`, () => {
      const lines = withoutSourceNotes(body)
        .split('\n')
        .filter((l) => EDITOR_NOTE.test(l));
      expect(lines).toEqual([]);
    });
  }
});

// Pages that describe the case company the manuals come from may name it; nothing else does.
const CASE_COMPANY_PAGES = [
  'company/profile.mdx',
  'company/brand.mdx',
  'company/brand-features.mdx',
  'company/culture.mdx',
  'company/dakefu-background.mdx',
  'company/handbook-rules.mdx',
  // the brand's activity programmes, named as the case company runs them
  'customer-service/customer-relations.mdx',
];

describe('one company voice', () => {
  for (const { file, body } of pages) {
    it(`${file} speaks as the configured company`, () => {
      expect(body).not.toMatch(/[×xX]{2}(物业|公司)/);
      for (const say of sayScripts(body)) expect(say).not.toMatch(/保利/);
      if (!CASE_COMPANY_PAGES.includes(file)) expect(withoutSourceNotes(body)).not.toMatch(/保利/);
    });
  }

  it('scripts that name the company use the company.name parameter', () => {
    const named = pages.flatMap((p) => sayScripts(p.body)).filter((s) => s.includes('company.name'));
    expect(named.length).toBeGreaterThanOrEqual(3);
    for (const say of named) expect(say).toContain('<Param name="company.name" plain />');
  });
});

// The ✗ phrases of the two 服务忌语 pages, each whole and by clause, as Han characters only.
function tabooPhrases(): string[] {
  const phrases = new Set<string>();
  for (const file of ['conduct/taboo-phrases-deflecting.mdx', 'conduct/taboo-phrases-confronting.mdx']) {
    for (const line of bodyOf(file)
      .split('\n')
      .filter((l) => l.startsWith('**✗ 不说**'))) {
      for (const [, quoted] of line.matchAll(/“([^”]+)”/g)) {
        // A trailing particle (的, 吧…) is not what makes a phrase rude: "公司规定的" is also "公司规定…".
        const core = (t: string) => hanOnly(t).replace(/[的了吧啊吗呢呀]+$/, '');
        const whole = core(quoted!);
        if (whole.length >= 3) phrases.add(whole);
        for (const clause of quoted!.split(/[，,？?！!。；]/)) if (core(clause).length >= 5) phrases.add(core(clause));
      }
    }
  }
  return [...phrases];
}

describe('scripts and the 服务忌语', () => {
  const taboo = tabooPhrases();
  it('reads the listed phrases', () => {
    expect(taboo.length).toBeGreaterThan(20);
    expect(taboo).toContain('公司规定');
  });

  for (const { file, body } of pages) {
    it(`${file} has no script with a forbidden phrase`, () => {
      const found = sayScripts(body).flatMap((say) => taboo.filter((t) => hanOnly(say).includes(t)).map((t) => `${t}: ${say}`));
      expect(found).toEqual([]);
    });
  }
});

describe('quotation marks', () => {
  for (const { file, body, front } of pages) {
    it(`${file} uses mainland quotation marks “” in its text and quizzes`, () => {
      expect(body).not.toMatch(/[「」]/);
      expect(front).not.toMatch(/[「」]/);
    });
  }
});

describe('accuracy details', () => {
  const params = readFileSync('content/params.yaml', 'utf8');
  it('the revisit limit is counted the way its source counts it', () => {
    const entry = /complaint\.revisitWorkdays:\n((?: {2}.*\n)+)/.exec(params)![1]!;
    // 服务中心作业指导书 says "3 日内"; working days would be longer than the source over a holiday.
    expect(entry).toMatch(/unit: 日\n/);
  });

  for (const { file, body, front } of pages) {
    it(`${file} gets the regulated details right, in the text and the quizzes`, () => {
      const lines = [...withoutSourceNotes(body).split('\n'), ...front.split('\n')];
      // 物业线下化规定 gives the monthly phone revisit as an example ("如…"), not as a rule.
      for (const l of lines.filter((l) => /每月.{0,4}对每户/.test(l))) expect(l).toMatch(/例|如每月/);
      // Prices: 物价部门 no longer approves most fees.
      expect(body).not.toMatch(/物价部门核准/);
      expect(front).not.toMatch(/物价部门核准/);
      // The qualification grades were abolished in 2017–18: only as a past fact.
      for (const l of lines.filter((l) => /一级资质/.test(l))) expect(l).toMatch(/截至|当时|曾/);
      // Visitor ID numbers: minimum collection under 个人信息保护法.
      if (/登记[^。\n]{0,10}身份证号码/.test(body)) expect(body).toMatch(/个人信息保护法/);
    });
  }
});

describe('glossary', () => {
  const terms = ['业户', '管理处', '入伙', '天面', '天花', '打单机'];
  const glossary = bodyOf('company/glossary.mdx');
  it('explains every South-China term', () => {
    for (const t of terms) expect(glossary).toContain(`## ${t}`);
  });
  for (const { file, body } of pages) {
    if (file === 'company/glossary.mdx') continue;
    it(`${file} links each term to the glossary on first use`, () => {
      // A <Flow> takes plain strings: a Markdown link there would print as its raw text.
      for (const [flow] of body.matchAll(/<Flow[\s\S]*?\/>/g)) expect(flow).not.toMatch(/\]\(/);
      const text = withoutSourceNotes(body)
        .replace(/<Flow[\s\S]*?\/>/g, '')
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('#') && !l.includes('<Say>') && !l.includes('<Flow'))
        .join('\n');
      // Link texts to other pages and form names (《…》) keep their own wording; they do not count as a use.
      const prose = text.replace(/\[([^\]]*)\]\((?!\/handbook\/company\/glossary\/)[^)]*\)/g, '').replace(/《[^》]*》/g, '');
      for (const t of terms) {
        const first = prose.indexOf(t);
        if (first < 0) continue;
        expect(prose.slice(first - 1, first + t.length + 1), t).toBe(`[${t}]`);
        expect(prose.slice(first + t.length + 1)).toMatch(new RegExp(`^\\(/handbook/company/glossary/#${t}\\)`));
      }
    });
  }
});

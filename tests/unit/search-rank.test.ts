import { describe, expect, it } from 'vitest';
import { buildLexicon, understandQuery } from '../../src/domain/search-query';
import { searchDocs, weighTerms } from '../../src/domain/search-rank';
import { doc } from './search-fixtures';

const lexicon = buildLexicon([
  { id: '安防', terms: ['安防', '保安', '门岗'] },
  { id: '交接班', terms: ['交接班', '换班'] },
  { id: '酸性洁厕剂', terms: ['酸性洁厕剂', '洁厕灵'] },
  { id: '含氯消毒液', terms: ['含氯消毒液', '84消毒液'] },
  { id: '混用', terms: ['混用', '一起用'] },
]);
const search = (q: string, docs = DOCS) => searchDocs(understandQuery(q, lexicon), docs);
const urls = (q: string, docs = DOCS) => search(q, docs).results.map((r) => r.doc.url);

const DOCS = [
  doc(
    '/culture/',
    '企业文化：服务、高效、亲和、分享',
    '核心企业精神是服务、高效、亲和、分享。',
    '## 服务为本\n服务是我们的根本。\n## 全员服务\n人人都是服务者，全员服务业主。',
  ),
  doc('/five-all/', '五全：全员问好、清洁', '全员微笑问好、全员做清洁。', '## 全员做清洁\n所有员工见到垃圾随手捡起，服务好每一位业主。'),
  doc('/hazards/', '安全管理与隐患排查', '隐患靠全员随手查。', '## 谁来查\n全员参与，巡逻和监控服务于安全。'),
  doc(
    '/fire/',
    '火警的梯队响应',
    '发生火警时报告并按四个梯队集结。',
    '## 四个梯队\n第一梯队是巡楼人员。\n## 报告与报警\n视情况决定是否报 119。',
  ),
  doc(
    '/patrol-guide/',
    '安防巡逻操作指引',
    '巡逻岗的操作指引。',
    '## 交接班\n交接班时清点对讲机、钥匙，交代未办完的事项。\n## 六、火警\n发现火警立即报告监控中心，按梯队响应。',
  ),
  doc('/revisit/', '投诉回访与定期分析', '处理结束后回访业主。', '## 什么时候回访\n开发商问题 3 个有效工作日内回访。'),
  doc('/survey/', '客户满意度调查', '满意度调查含日常回访。', '## 日常调查\n工作单回访。'),
  doc(
    '/cleaning/',
    '清洁保洁操作指引',
    '清洁岗位的做法。',
    '## 岗位常识\n药剂安全。含氯消毒液（如 84 消毒液）不得与酸性洁厕剂混用，以免产生有毒气体。\n## 五、装修垃圾\n装修垃圾每天 18:00–20:00 清运，不留到第二天。',
  ),
  doc(
    '/renovation/',
    '装修手续与施工管理',
    '装修垃圾每天 18:00–20:00 运到垃圾站。',
    '## 装修垃圾\n装修垃圾每天 18:00–20:00 运到垃圾站，不留到第二天。',
  ),
];

describe('weighTerms', () => {
  it('weighs rare terms above common ones', () => {
    const [common, rare] = weighTerms(understandQuery('服务 梯队', lexicon), DOCS);
    expect(rare!.idf).toBeGreaterThan(common!.idf);
  });
  it('falls back to pieces for a word no page holds, and drops what matches nothing', () => {
    const terms = weighTerms(
      understandQuery('火警梯队制 量子', lexicon, (t) => [t]),
      DOCS,
    );
    expect(terms.map((t) => t.text)).toEqual(['火警', '梯队']);
    expect(terms[0]!.alternatives[0]!.weight).toBeLessThan(1);
  });
});

describe('searchDocs', () => {
  it('puts the page that names the rule in a heading ahead of pages that only share its pieces', () => {
    expect(urls('全员服务')[0]).toBe('/culture/');
  });
  it('puts the page whose title holds the words first', () => {
    expect(urls('火警梯队')[0]).toBe('/fire/');
    expect(urls('回访')[0]).toBe('/revisit/');
  });
  it('finds pages through synonyms that the question never uses', () => {
    const outcome = search('保安换班要交接什么');
    expect(outcome.results[0]!.doc.url).toBe('/patrol-guide/');
    expect(outcome.results[0]!.section.heading).toBe('交接班');
  });
  it('answers with the sentence that holds the question, not the title', () => {
    const top = search('84消毒液能和洁厕灵一起用吗').results[0]!;
    expect(top.doc.url).toBe('/cleaning/');
    expect(top.answer!.text).toContain('不得与酸性洁厕剂混用');
    const marked = top.answer!.marks.map(([a, b]) => top.answer!.text.slice(a, b));
    expect(marked).toEqual(expect.arrayContaining(['84 消毒液', '酸性洁厕剂', '混用']));
  });
  it('prefers the sentence with the time when the question asks when', () => {
    const top = search('装修垃圾几点清运').results[0]!;
    expect(top.answer!.text).toMatch(/18:00/);
    expect(top.section.id).toBeDefined(); // a deep link to the section
  });
  it('says when no page holds every term, and still lists the closest', () => {
    const outcome = search('火警 回访');
    expect(outcome.allTermsMatched).toBe(false);
    expect(outcome.results.length).toBeGreaterThan(0);
    expect(search('火警梯队').allTermsMatched).toBe(true);
  });
  it('ranks pages holding more of the question first', () => {
    const results = search('装修垃圾 第二天 垃圾站').results;
    expect(results[0]!.doc.url).toBe('/renovation/');
    expect(results[0]!.coverage).toBeCloseTo(1);
    expect(results.find((r) => r.doc.url === '/cleaning/')!.coverage).toBeLessThan(1);
  });
  it('returns nothing when nothing matches', () => {
    expect(search('量子计算机').results).toEqual([]);
    expect(search('   ').results).toEqual([]);
  });
  it('lists other matching sections of a page as deep links', () => {
    const top = search('火警 梯队 交接班').results.find((r) => r.doc.url === '/patrol-guide/')!;
    expect(top.moreSections.map((s) => s.id)).toContain(top.section.id === '交接班' ? '六、火警' : '交接班');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { buildLexicon, normalizeQuery, understandQuery, type Lexicon } from '../../src/domain/search-query';
import { parseSynonymFile, synonymGroupSchema } from '../../src/schemas/search-synonyms';

describe('normalizeQuery', () => {
  it.each([
    ['投诉怎么处理', '投诉 处理'],
    ['监控录像保存多久', '监控录像保存'],
    ['装修押金怎么办？', '装修押金'],
    ['请问 业户卡 如何办理', '业户卡 办理'],
    ['夜间巡逻多长时间一次', '夜间巡逻 一次'],
    ['回访', '回访'],
    ['  首问  负责 ', '首问 负责'],
    ['PDCA', 'PDCA'],
  ])('%s → %s', (input, out) => expect(normalizeQuery(input)).toBe(out));

  it('keeps a query made only of question words', () => {
    expect(normalizeQuery('怎么办')).toBe('怎么办');
  });
  it('returns empty for blank input', () => {
    expect(normalizeQuery('   ')).toBe('');
  });
});

// The real table, so a mistake in content/search-synonyms.yaml fails here as well as in the build.
const table = parseSynonymFile(parseYaml(readFileSync('content/search-synonyms.yaml', 'utf8'))).map((g) => ({
  id: g.id,
  terms: synonymGroupSchema.parse({ terms: g.terms }).terms,
}));
const lexicon: Lexicon = buildLexicon(table, ['装修垃圾', '三分四定', '五个一']);
const terms = (q: string) => understandQuery(q, lexicon).terms.map((t) => t.text);
const alternatives = (q: string, term: string) =>
  understandQuery(q, lexicon)
    .terms.find((t) => t.text === term)
    ?.alternatives.map((a) => a.text);

describe('the synonym table (content/search-synonyms.yaml)', () => {
  it('passes its schema and has many groups', () => expect(table.length).toBeGreaterThanOrEqual(60));
  it.each([
    ['保安', ['安防', '安保', '门岗']],
    ['业主', ['业户', '住户']],
    ['换班', ['交接班']],
    ['洁厕灵', ['酸性洁厕剂', '酸性清洁剂']],
    ['着火', ['火警', '火灾']],
    ['物业费', ['管理费', '物业服务费']],
    ['保洁', ['清洁']],
  ])('links %s with %j', (word, others) => {
    const group = lexicon.synonyms.get(word);
    for (const o of others) expect(group).toContain(o);
  });
  it('refuses a word in two groups, naming both', () => {
    expect(() =>
      buildLexicon([
        { id: '安防', terms: ['安防', '保安'] },
        { id: '门岗', terms: ['门岗', '保安'] },
      ]),
    ).toThrow(/「保安」.*「安防」.*「门岗」/);
  });
  it('refuses a group of one word or with repeated words', () => {
    expect(synonymGroupSchema.safeParse({ terms: ['保安'] }).success).toBe(false);
    expect(synonymGroupSchema.safeParse({ terms: ['保安', '保安'] }).success).toBe(false);
    expect(() => parseSynonymFile(['保安'])).toThrow(/映射/);
  });
});

describe('understandQuery', () => {
  it.each([
    ['装修垃圾几点清运', ['装修垃圾', '清运']],
    ['84消毒液能和洁厕灵一起用吗', ['84消毒液', '洁厕灵', '一起用']],
    ['发现着火了第一步做什么', ['发现', '着火']],
    ['保安换班要交接什么', ['保安', '换班', '交接']],
    ['业主在前台大吵大闹', ['业主', '前台', '大吵大闹']],
    ['垃圾分类要注意什么', ['垃圾', '分类']],
  ])('%s → %j', (q, want) => expect(terms(q)).toEqual(want));

  it('strips framing without losing content words', () => {
    for (const q of ['录像保存多久', '录像能不能删', '录像要保存多长时间？', '请问录像怎么办']) expect(terms(q)).toContain('录像');
  });

  it('reads what kind of answer is asked for', () => {
    expect(understandQuery('装修垃圾几点清运', lexicon).asks).toContain('time');
    expect(understandQuery('录像保存多久', lexicon).asks).toContain('number');
    expect(understandQuery('发现着火了第一步做什么', lexicon).asks).toContain('steps');
    expect(understandQuery('上班能玩手机吗', lexicon).asks).toContain('yesno');
    expect(understandQuery('回访', lexicon).asks).toEqual([]);
  });

  it('normalises numbers and searches every spelling', () => {
    expect(terms('两小时内响应')).toEqual(['2小时', '响应']);
    expect(alternatives('两小时内响应', '2小时')).toEqual(['2小时', '二小时', '两小时']);
    expect(terms('完成后 30 分钟内')[1]).toBe('30分钟');
    expect(terms('１１９')).toEqual(['119']);
  });

  it('keeps the handbook’s named rules whole', () => {
    expect(terms('三分四定')).toEqual(['三分四定']);
    expect(terms('五个一是什么')).toEqual(['五个一']);
  });

  it('adds synonyms after the typed word, at a lower weight', () => {
    const plan = understandQuery('保安换班', lexicon);
    const [guard] = plan.terms;
    expect(guard!.alternatives[0]).toEqual({ text: '保安', weight: 1 });
    expect(guard!.alternatives.find((a) => a.text === '安防')!.weight).toBeLessThan(1);
  });

  it('joins single characters the segmenter split, as a weaker guess', () => {
    const plan = understandQuery('接听', buildLexicon([]), () => ['接', '听']);
    expect(plan.terms).toEqual([{ text: '接听', alternatives: [{ text: '接听', weight: 0.6 }] }]);
  });

  it('searches a query made only of framing as typed, and nothing for blank input', () => {
    expect(terms('怎么办')).toEqual(['怎么办']);
    expect(terms('   ')).toEqual([]);
  });
});

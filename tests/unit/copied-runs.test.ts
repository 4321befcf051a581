// Own words: no run of 30+ Chinese characters of the handbook body may repeat a source manual verbatim,
// except official names, slogans and enumerations that must be quoted as they are (ALLOWED below).
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import * as OpenCC from 'opencc-js';

const RUN = 30;
const SEEDS = '../shared/seeds';
const ROOT = 'content/handbook';

// Only Han characters count: punctuation, markup and spacing differ too easily to hide a copy.
const han = (text: string) => text.replace(/[^\u3400-\u9fff]/g, '');

// Texts that are quoted on purpose. A copied run passes when it lies inside one of them.
const ALLOWED = [
  // slogans and set phrases of the culture
  '满足需求诚信服务务实创新追求卓越用心服务追求更好超越期望共建和谐守护您的幸福相伴一生的幸福',
  '没有质量的高效率是无用的高效率没有效率的高质量是低效的高质量',
  '微笑是最好的服务礼貌是最好的沟通行动是最好的解释',
  '全员学绿化全员做清洁全员保平安服务业主不分你我遇到见到必定管到对内讲流程对外重服务对内分专业对外是窗口',
  '技术因素决定服务的成效态度因素决定服务的成败',
  '以顾客为关注焦点以业户需求为导向以业户满意为目标',
  // official names: the posts, the brand's activity programmes, the associations the case company belongs to
  '客服前台客服区管安防卡口安防巡逻监控消防中心车辆收费上门维修公共维修绿化养护清洁保洁项目经理',
  '国学进社区和乐中国我爱我家家有好邻情满和院保利志愿者公益保利长者学院万家灯火等',
  '中国物业管理协会常务理事单位中国物业管理行业养老服务联盟首任主席单位物业管理金钥匙国际联盟成员广东省物业管理协会湖南省物业管理协会会长单位长沙市物业管理行业协会会长单位四川省房地产业协会副会长单位沈阳市物业管理行业协会常务副会长单位广州市三亚市遂宁市物业管理行业协会副会长单位武汉市沈阳市合肥市物业管理行业协会副秘书长单位成都市物业管理行业协会常务理事单位',
  // enumerations: the named sets of standards, checks and prohibitions, quoted item by item
  '五讲四美五讲讲形象讲礼节讲态度讲规范讲效果四美亲和之美分寸之美自然之美持久之美',
  '五全四化五全全员微笑问好全员做清洁全员学绿化全员保平安全员随时随地接受业主报事报修四化客服家人化安防客服化工程专业化客服安防工程一体化',
  '与人为善能和睦相处乐于助人富有同情心彬彬有礼能以客为先善于思考能解决问题诚实守信敢于担当品牌形象',
  '业主的八大居住体验舒适体验干净整洁美观实用安全有序方便体验联系顺畅',
  '五个一一张笑脸一声问候一句请坐一杯热水一声慢走五个有受理有登记过程有跟踪结果有反馈前台有回访投诉有问责',
  '前台接待亲切五个一一张笑脸一声问候一句请坐一杯热水一声慢走报事报修信任五个有受理有登记过程有跟踪结果有反馈前台有回访投诉有问责业户情况熟悉早送晚迎提高面客率上门家访和园区随机访谈结合了解业户情况平时对接关心通过微信短信公告栏等平台发送',
  '业户情况熟悉早送晚迎提高面客率上门家访与园区随机访谈结合了解业户情况平时对接关心通过微信短信公告栏等平台发送',
  '要求对象具体要求学习知识客户接待报事报修处理上门走访或园区随机访谈日常对接',
  '方面具体表现沟通顺畅有机制有渠道有反馈联动快速响应及时步调一致行动迅速补台到位整体目标明确懂得互相补台担责担当有分工但不分家有责任但不扯皮有问责但不推责目标一致服务好业主让业主满意',
  '剔牙挖鼻孔伸懒腰打哈欠掏耳朵修指甲抓耳挠腮搓泥垢跷二郎腿玩手机聊天嬉闹',
  '抽烟喝酒吃零食嚼口香糖听音乐吹口哨哼歌唱曲乱丢杂物随地吐痰在岗亭',
  '遇到公司领导时鞠躬敬礼喊领导好值班期间脱岗睡岗串岗推诿拖延拒绝接单不守时故意拖延时间',
  '天面有没有堆放杂物排水是否正常楼层防火门开关是否正常楼层清洁是否干净整洁楼层照明是否正常',
  '三公开四看看操作是否影响业主看操作是否安全可靠看能否尽量为业主节省看业主是否还有其他问题需要帮助五统一工牌工装垫布毛巾鞋套统一',
  '保养计划三分四定分区域分系统分类别定时间定方法定标准定责任日常养护三勤四查勤检查勤保养勤维修查故障查隐患查缺项查责任',
  // the 服务忌语 themselves, quoted so staff recognise them
  '刚才不是跟你说了吗怎么又问我已经讲了这么多遍了你怎么还没听懂',
].map(han);

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
// The seeds live outside the repository (../shared/seeds). A clean clone elsewhere compares with
// FINGERPRINTS instead: the 48-bit SHA-256 prefix of every seed 30-gram (no seed text is stored).
// Where the seeds are present, the test checks that file is current (UPDATE_SEED_GRAMS=1 rewrites it).
const FINGERPRINTS = 'tests/fixtures/seed-grams.txt';
const haveSeeds = existsSync(SEEDS);
const seedFiles = haveSeeds ? readdirSync(SEEDS).filter((f) => /^\d{3}_.*\.txt$/.test(f)) : [];
const gramKey = (gram: string) => createHash('sha256').update(gram).digest('hex').slice(0, 12);

// Every 30-gram of the seeds, once, as fingerprints: one Set lookup per handbook position.
function seedGrams(): Set<string> {
  if (!haveSeeds) return new Set(readFileSync(FINGERPRINTS, 'utf8').split('\n').filter(Boolean));
  const grams = new Set<string>();
  for (const f of seedFiles) {
    const text = han(toSimplified(readFileSync(path.join(SEEDS, f), 'utf8')));
    for (let i = 0; i + RUN <= text.length; i++) grams.add(gramKey(text.slice(i, i + RUN)));
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
    if (!grams.has(gramKey(text.slice(i, i + RUN)))) continue;
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
    const grams = new Set([gramKey('一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十')]);
    const same = '一二三四五六七八九十'.repeat(3);
    expect(copiedRuns(`甲乙${same}丙丁`, grams)).toEqual([same]);
    expect(copiedRuns('甲乙丙丁'.repeat(10), grams)).toEqual([]);
  });

  it('the seeds, or their fingerprints, are there to compare with', () => {
    if (!haveSeeds) {
      expect(seedGrams().size).toBeGreaterThan(10_000);
      return;
    }
    expect(seedFiles.length).toBe(4);
    const current = [...seedGrams()].sort().join('\n') + '\n';
    if (process.env.UPDATE_SEED_GRAMS) writeFileSync(FINGERPRINTS, current);
    expect(
      readFileSync(FINGERPRINTS, 'utf8') === current,
      `${FINGERPRINTS} is out of date: run UPDATE_SEED_GRAMS=1 npx vitest run tests/unit/copied-runs.test.ts`,
    ).toBe(true);
  });

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

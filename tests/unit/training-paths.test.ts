// Learning paths: order by what the post needs on day one, reasons on every item, and the
// checks on content/training-paths.yaml (run here on the real file and on broken copies).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { trainingPathsSchema } from '../../src/schemas/training-paths';
import { buildPath, pathProblems, type PageFacts, type PathsConfig } from '../../src/domain/training-path';
import { POST_IDS } from '../../src/domain/taxonomy';

const ROOT = 'content/handbook';
const pages: PageFacts[] = readdirSync(ROOT, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const fm = parseYaml(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(path.join(ROOT, f), 'utf8'))![1]!);
    return { id: f.replace(/\.mdx$/, ''), posts: fm.posts, guideFor: fm.guideFor };
  });
const real = trainingPathsSchema.parse(parseYaml(readFileSync('content/training-paths.yaml', 'utf8'))) as PathsConfig;

const tiny: PathsConfig = {
  supervisorPosts: ['project-manager'],
  supervisorOnly: [{ id: 'quality/evaluation-system', why: '评分方法' }],
  codes: [{ id: 'conduct/grooming', why: '着装' }],
  background: [{ id: 'company/profile', why: '概况' }],
  posts: {
    cleaning: [
      { id: 'environment/cleaning-guide', why: '指引' },
      { id: 'environment/waste', why: '垃圾' },
    ],
    'project-manager': [
      { id: 'management/project-manager-guide', why: '指引' },
      { id: 'conduct/grooming', why: '项目经理也要着装规范' },
    ],
  },
};

describe('path order', () => {
  it('puts procedures first, codes next, background last and optional', () => {
    const p = buildPath(tiny, 'cleaning');
    expect(p.map((e) => [e.id, e.stage, e.optional])).toEqual([
      ['environment/cleaning-guide', 'procedure', false],
      ['environment/waste', 'procedure', false],
      ['conduct/grooming', 'code', false],
      ['company/profile', 'background', true],
    ]);
  });
  it('shows supervisor-only pages on supervisor posts only, after their procedures', () => {
    expect(buildPath(tiny, 'cleaning').some((e) => e.stage === 'supervisor')).toBe(false);
    const pm = buildPath(tiny, 'project-manager');
    expect(pm.map((e) => e.id)).toEqual([
      'management/project-manager-guide',
      'conduct/grooming', // listed among its procedures: keeps that first place, once
      'quality/evaluation-system',
      'company/profile',
    ]);
    expect(pm[1]!.why).toBe('项目经理也要着装规范');
  });
  it('is a post without a path: empty', () => {
    expect(buildPath(tiny, 'parking').map((e) => e.stage)).toEqual(['code', 'background']);
  });
});

describe('the real paths file', () => {
  it('has no problems', () => expect(pathProblems(real, pages)).toEqual([]));
  for (const post of POST_IDS) {
    it(`${post}: opens with its guide and procedures, every item says why`, () => {
      const p = buildPath(real, post);
      const guide = pages.find((x) => x.guideFor === post)!;
      expect(p[0]!.id).toBe(guide.id);
      const stages = p.map((e) => e.stage);
      // Stages never go back: procedure → supervisor → code → background.
      const rank = { procedure: 0, supervisor: 1, code: 2, background: 3 };
      expect(stages.map((s) => rank[s])).toEqual([...stages.map((s) => rank[s])].sort((a, b) => a - b));
      for (const e of p) expect(e.why.length, e.id).toBeGreaterThanOrEqual(4);
      expect(p.filter((e) => e.optional).every((e) => e.id.startsWith('company/') || e.stage === 'background')).toBe(true);
      if (post !== 'project-manager') expect(p.filter((e) => e.stage === 'supervisor')).toEqual([]);
    });
  }
  it('清洁保洁 opens with four cleaning procedures and has no scoring or statistics pages', () => {
    const p = buildPath(real, 'cleaning').map((e) => e.id);
    expect(p.slice(0, 4)).toEqual([
      'environment/cleaning-guide',
      'environment/public-areas',
      'environment/waste',
      'environment/special-cleaning',
    ]);
    expect(p).not.toContain('quality/evaluation-system');
    expect(p).not.toContain('quality/complaint-analysis');
  });
});

describe('checks on the paths file', () => {
  const facts: PageFacts[] = [
    { id: 'environment/cleaning-guide', posts: ['cleaning'], guideFor: 'cleaning' },
    { id: 'environment/waste', posts: ['cleaning'] },
    { id: 'management/project-manager-guide', posts: ['project-manager'], guideFor: 'project-manager' },
    { id: 'quality/evaluation-system', posts: 'all' },
    { id: 'conduct/grooming', posts: 'all' },
    { id: 'company/profile', posts: 'all' },
  ];
  const only = (cfg: PathsConfig) => pathProblems(cfg, facts).filter((p) => !p.includes('没有学习路径'));
  it('accepts a sound file and names every post without a path', () => {
    expect(only(tiny)).toEqual([]);
    expect(pathProblems(tiny, facts).filter((p) => p.includes('没有学习路径'))).toHaveLength(POST_IDS.length - 2);
  });
  it('names an unknown page', () => {
    expect(only({ ...tiny, codes: [{ id: 'conduct/nope', why: '不存在的页面' }] })).toEqual(['codes：页面 conduct/nope 不存在']);
  });
  it('wants the guide first', () => {
    const posts = { ...tiny.posts, cleaning: [...tiny.posts.cleaning!].reverse() };
    expect(only({ ...tiny, posts })).toEqual(['posts.cleaning：第一篇应是本岗位指引 environment/cleaning-guide，而不是 environment/waste']);
  });
  it('misses no page written for the post', () => {
    const posts = { ...tiny.posts, cleaning: [tiny.posts.cleaning![0]!] };
    expect(only({ ...tiny, posts })).toEqual(['posts.cleaning：页面 environment/waste 写明适用于本岗位，但不在学习路径上']);
  });
  it('keeps supervisor-only pages off other paths and procedures on their posts', () => {
    const posts = {
      ...tiny.posts,
      cleaning: [
        ...tiny.posts.cleaning!,
        { id: 'quality/evaluation-system', why: '评分' },
        { id: 'management/project-manager-guide', why: '误列' },
      ],
    };
    expect(only({ ...tiny, posts })).toEqual([
      'posts.cleaning：quality/evaluation-system 是主管专用页面，只能出现在主管岗位的路径上',
      'posts.cleaning：management/project-manager-guide 不适用于本岗位（其 posts 未包含 cleaning）',
    ]);
  });
});

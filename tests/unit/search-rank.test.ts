import { describe, expect, it } from 'vitest';
import { matchTier, MatchTier, rerank, type RankCandidate } from '../../src/domain/search-rank';

const page = (title: string, content: string, score: number, headings: string[] = []): RankCandidate & { id: string } => ({
  id: title,
  title,
  content,
  score,
  headings,
});

describe('matchTier', () => {
  const p = page('企业文化：服务、高效、亲和、分享', '公司倡导的服务精神有两条：服务为本和全员服务。', 1, ['服务为本', '全员服务']);
  it('ranks title, then heading, then text, then pieces', () => {
    expect(matchTier(p, '企业文化')).toBe(MatchTier.Title);
    expect(matchTier(p, '全员服务')).toBe(MatchTier.Heading);
    expect(matchTier(p, '服务精神')).toBe(MatchTier.Text);
    expect(matchTier(p, '全员精神')).toBe(MatchTier.Pieces);
  });
  it('needs every term of a multi-term query, ignoring spaces and Latin case', () => {
    expect(matchTier(page('PDCA 闭环', '', 1), 'pdca')).toBe(MatchTier.Title);
    expect(matchTier(page('投诉的受理与处理', '', 1), '投诉 处理')).toBe(MatchTier.Title);
    expect(matchTier(page('投诉的受理', '处理', 1), '投诉 处理')).toBe(MatchTier.Text);
    expect(matchTier(page('x', 'y', 1), '   ')).toBe(MatchTier.Pieces);
  });
});

describe('rerank', () => {
  it('puts the page that names the rule ahead of pages that only share its pieces', () => {
    const results = [
      page('五全：全员问好、清洁', '全员参与，服务到位', 10.2),
      page('安全管理与隐患排查', '全员参与隐患排查，为业主服务', 8.9),
      page('企业文化', '服务为本和全员服务', 5.7, ['全员服务']),
    ];
    expect(rerank(results, '全员服务').map((r) => r.id)).toEqual(['企业文化', '五全：全员问好、清洁', '安全管理与隐患排查']);
  });
  it('does not let a passing exact mention beat the page about the topic', () => {
    const results = [page('火警的梯队响应', '四个梯队……火警', 30.5), page('安防巡逻操作指引', '按火警梯队分工', 24.5)];
    expect(rerank(results, '火警梯队').map((r) => r.id)).toEqual(['火警的梯队响应', '安防巡逻操作指引']);
  });
  it('keeps Pagefind order within a tier and is stable', () => {
    const results = [page('a', '回访', 3), page('b', '回访', 5), page('c', '回访', 5)];
    expect(rerank(results, '回访').map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });
});

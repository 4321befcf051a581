/**
 * Learning paths by what a post needs on day one: the post's guide and procedures, then (on
 * supervisor posts) the supervisor-only pages, then the codes everyone follows, then company
 * background, which is optional. The order and the reasons are content (training-paths.yaml);
 * this module builds a post's path from it and lists every problem with the file.
 */
import { POST_IDS, type PostId } from './taxonomy';

export type PathStage = 'procedure' | 'supervisor' | 'code' | 'background';

export interface PathItemConfig {
  id: string;
  why: string;
}

export interface PathsConfig {
  supervisorPosts: readonly PostId[];
  supervisorOnly: readonly PathItemConfig[];
  codes: readonly PathItemConfig[];
  background: readonly PathItemConfig[];
  posts: Partial<Record<PostId, readonly PathItemConfig[]>>;
}

export interface PathEntry {
  id: string;
  why: string;
  stage: PathStage;
  /** Optional pages (background) don't block completion or sign-off. */
  optional: boolean;
}

/** What path checks need to know about a page. */
export interface PageFacts {
  id: string;
  posts: 'all' | readonly PostId[];
  guideFor?: PostId;
}

export const STAGE_NAMES: Record<PathStage, string> = {
  procedure: '本岗位操作程序',
  supervisor: '主管必读',
  code: '全员通用规范',
  background: '企业背景（选读）',
};

export function isSupervisorPost(config: PathsConfig, post: PostId): boolean {
  return config.supervisorPosts.includes(post);
}

/** A post's path in order; a page listed twice keeps its first (earliest) place. */
export function buildPath(config: PathsConfig, post: PostId): PathEntry[] {
  const groups: [PathStage, readonly PathItemConfig[]][] = [
    ['procedure', config.posts[post] ?? []],
    ['supervisor', isSupervisorPost(config, post) ? config.supervisorOnly : []],
    ['code', config.codes],
    ['background', config.background],
  ];
  const seen = new Set<string>();
  const path: PathEntry[] = [];
  for (const [stage, items] of groups) {
    for (const item of items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      path.push({ id: item.id, why: item.why, stage, optional: stage === 'background' });
    }
  }
  return path;
}

/** A page written for this post in particular (not `posts: all`). */
export function isPostSpecific(page: Pick<PageFacts, 'posts'>, post: PostId): boolean {
  return page.posts !== 'all' && page.posts.includes(post);
}

/** Every problem with the paths file, in Chinese; empty when it is sound. */
export function pathProblems(config: PathsConfig, pages: readonly PageFacts[]): string[] {
  const byId = new Map(pages.map((p) => [p.id, p]));
  const problems: string[] = [];
  const supervisorOnly = new Set(config.supervisorOnly.map((i) => i.id));
  const lists: [string, readonly PathItemConfig[]][] = [
    ['supervisorOnly', config.supervisorOnly],
    ['codes', config.codes],
    ['background', config.background],
    ...Object.entries(config.posts).map(([post, items]) => [`posts.${post}`, items ?? []] as [string, readonly PathItemConfig[]]),
  ];
  for (const [name, items] of lists) {
    const ids = new Set<string>();
    for (const item of items) {
      if (!byId.has(item.id)) problems.push(`${name}：页面 ${item.id} 不存在`);
      if (ids.has(item.id)) problems.push(`${name}：页面 ${item.id} 重复列出`);
      ids.add(item.id);
      if (name !== 'supervisorOnly' && supervisorOnly.has(item.id)) {
        const post = name.startsWith('posts.') ? (name.slice(6) as PostId) : undefined;
        if (!post || !isSupervisorPost(config, post)) problems.push(`${name}：${item.id} 是主管专用页面，只能出现在主管岗位的路径上`);
      }
    }
  }
  for (const post of POST_IDS) {
    const items = config.posts[post] ?? [];
    if (!items.length) {
      problems.push(`岗位 ${post} 没有学习路径（posts.${post}）`);
      continue;
    }
    const guide = pages.find((p) => p.guideFor === post);
    if (guide && items[0]!.id !== guide.id) problems.push(`posts.${post}：第一篇应是本岗位指引 ${guide.id}，而不是 ${items[0]!.id}`);
    for (const item of items) {
      const page = byId.get(item.id);
      if (page && page.posts !== 'all' && !page.posts.includes(post))
        problems.push(`posts.${post}：${item.id} 不适用于本岗位（其 posts 未包含 ${post}）`);
    }
    const onPath = new Set(buildPath(config, post).map((e) => e.id));
    for (const page of pages) {
      if (!isPostSpecific(page, post) || onPath.has(page.id)) continue;
      if (supervisorOnly.has(page.id) && !isSupervisorPost(config, post)) continue;
      problems.push(`posts.${post}：页面 ${page.id} 写明适用于本岗位，但不在学习路径上`);
    }
  }
  return problems;
}

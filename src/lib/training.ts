// Learning paths for the training screens: order and reasons from content/training-paths.yaml,
// titles, versions and reading times from the handbook. A broken paths file fails the build.
import { parse as parseYaml } from 'yaml';
import pathsYaml from '../../content/training-paths.yaml?raw';
import { trainingPathsSchema, type TrainingPathsConfig } from '../schemas/training-paths';
import { buildPath, isPostSpecific, pathProblems, type PathStage } from '../domain/training-path';
import { readingMinutes } from '../domain/reading-time';
import { POSTS, type PostId } from '../domain/taxonomy';
import { allPages, plainText } from './handbook';

export interface TrainingPage {
  id: string;
  title: string;
  version: string;
  minutes: number;
  questions: number;
  why: string;
  stage: PathStage;
  optional: boolean;
  /** Written for this post (not `posts: all`): the post exam draws most of its questions from these. */
  specific: boolean;
}

let config: Promise<TrainingPathsConfig> | undefined;

export function pathsConfig(): Promise<TrainingPathsConfig> {
  config ??= (async () => {
    const parsed = trainingPathsSchema.safeParse(parseYaml(pathsYaml));
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
      throw new Error(`content/training-paths.yaml 格式有误：\n${issues}`);
    }
    const pages = await allPages();
    const problems = pathProblems(
      parsed.data,
      pages.map((p) => ({ id: p.id, posts: p.posts, guideFor: p.entry.data.guideFor })),
    );
    if (problems.length) throw new Error(`content/training-paths.yaml 有问题：\n${problems.join('\n')}`);
    return parsed.data;
  })();
  return config;
}

export async function learningPath(post: PostId): Promise<TrainingPage[]> {
  const byId = new Map((await allPages()).map((p) => [p.id, p]));
  return buildPath(await pathsConfig(), post).map((item) => {
    const p = byId.get(item.id)!;
    return {
      id: p.id,
      title: p.title,
      version: p.version,
      minutes: readingMinutes(plainText(p.entry.body)),
      questions: p.quiz.length,
      why: item.why,
      stage: item.stage,
      optional: item.optional,
      specific: isPostSpecific(p, post),
    };
  });
}

export async function allPaths(): Promise<Record<string, TrainingPage[]>> {
  return Object.fromEntries(await Promise.all(POSTS.map(async (p) => [p.id, await learningPath(p.id)] as const)));
}

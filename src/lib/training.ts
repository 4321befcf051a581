// Learning paths for the training screens, built from the handbook's reading order and versions.
import { pagesForPost } from '../domain/handbook-order';
import { readingMinutes } from '../domain/reading-time';
import { POSTS, type PostId } from '../domain/taxonomy';
import { allPages, plainText } from './handbook';

export interface TrainingPage {
  id: string;
  title: string;
  version: string;
  minutes: number;
  questions: number;
}

export async function learningPath(post: PostId): Promise<TrainingPage[]> {
  return pagesForPost(await allPages(), post).map((p) => ({
    id: p.id,
    title: p.title,
    version: p.version,
    minutes: readingMinutes(plainText(p.entry.body)),
    questions: p.quiz.length,
  }));
}

export async function allPaths(): Promise<Record<string, TrainingPage[]>> {
  return Object.fromEntries(await Promise.all(POSTS.map(async (p) => [p.id, await learningPath(p.id)] as const)));
}

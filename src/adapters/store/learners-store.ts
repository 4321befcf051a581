// Learners on this device and their progress; the current learner is remembered per device.
import type { LearnerProgress } from '../../domain/progress';
import type { PostId } from '../../domain/taxonomy';
import { explainStorageError, type StoredCertificate } from './db';
import { CURRENT_LEARNER_KEY as CURRENT } from './current-learner';
import { appDB } from './connection';

export async function listLearners(): Promise<LearnerProgress[]> {
  return (await appDB()).getAll('learners');
}

export async function currentLearner(): Promise<LearnerProgress | undefined> {
  const id = localStorage.getItem(CURRENT);
  return id ? (await appDB()).get('learners', id) : undefined;
}

export function chooseLearner(id: string): void {
  localStorage.setItem(CURRENT, id);
}

export async function saveLearner(p: LearnerProgress): Promise<void> {
  try {
    await (await appDB()).put('learners', p);
  } catch (err) {
    throw explainStorageError(err);
  }
}

/** Learners are keyed by employee number: one profile per person on a shared device. */
export async function createLearner(name: string, employeeNo: string, post?: PostId): Promise<LearnerProgress> {
  const db = await appDB();
  const id = `emp:${employeeNo.trim()}`;
  const existing = await db.get('learners', id);
  if (existing) throw new Error(`工号 ${employeeNo} 已有学员「${existing.name}」，请直接选择。`);
  const p: LearnerProgress = {
    learnerId: id,
    name: name.trim(),
    employeeNo: employeeNo.trim(),
    ...(post ? { posts: [post] } : {}),
    reads: {},
    attempts: [],
    signOffs: [],
  };
  await saveLearner(p);
  chooseLearner(id);
  return p;
}

/** Keeps a signed certificate so it can be downloaded again. */
export async function saveCertificate(cert: StoredCertificate): Promise<void> {
  try {
    await (await appDB()).put('certificates', cert);
  } catch (err) {
    throw explainStorageError(err);
  }
}

/** The learner's latest certificate for a post, if any. */
export async function latestCertificate(learnerId: string, post: string): Promise<StoredCertificate | undefined> {
  const all = await (await appDB()).getAllFromIndex('certificates', 'by-learner', learnerId);
  return all
    .filter((c) => c.post === post)
    .sort((a, b) => a.signedAt.localeCompare(b.signedAt))
    .at(-1);
}

/** Every certificate signed on this device (sync sends them to the project's database). */
export async function allCertificates(): Promise<StoredCertificate[]> {
  return (await appDB()).getAll('certificates');
}

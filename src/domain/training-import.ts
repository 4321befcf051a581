/**
 * Training certificates collected on the supervisor's device (培训记录 from other devices). Each
 * imported certificate is kept under its document id (the SHA-256 of its attached record), like
 * the manager's collection; what the table shows is derived: per employee, the sign-offs, reading
 * evidence and quiz attempts of every counted certificate, as one learner profile whose posts are
 * the posts signed. Only valid certificates count, unless the supervisor included an unverified one.
 */
import type { DocumentState } from './collection';
import type { LearnerProgress, PageRead, QuizAttempt } from './progress';
import type { PostId } from './taxonomy';
import type { TrainingDocument } from '../schemas/training-document';

export interface CollectedTraining {
  hash: string;
  data: TrainingDocument;
  state: DocumentState;
  signer: string;
  fileName: string;
  importedAt: string;
  included: boolean;
  deletedAt?: string;
  /** The checker's reason for a state other than valid (absent on entries from older releases). */
  reason?: string;
  /** Which trust list decided `state` (`trustListKey`): another list means the certificate is checked again. */
  trustedBy?: string;
}

const counts = (d: CollectedTraining) => !d.deletedAt && (d.state === 'valid' || d.included);

/** Learner profiles from the counted certificates, one per employee number (the id is marked as imported). */
export function importedLearners(docs: readonly CollectedTraining[]): LearnerProgress[] {
  const byEmployee = new Map<string, CollectedTraining[]>();
  for (const d of docs.filter(counts)) {
    const list = byEmployee.get(d.data.learner.employeeNo) ?? [];
    list.push(d);
    byEmployee.set(d.data.learner.employeeNo, list);
  }
  const out: LearnerProgress[] = [];
  for (const [employeeNo, list] of byEmployee) {
    // Oldest sign-off first, so the latest certificate's name and evidence win.
    const sorted = [...list].sort((a, b) => a.data.signOff.at.localeCompare(b.data.signOff.at) || a.hash.localeCompare(b.hash));
    const reads: Record<string, PageRead> = {};
    const attempts = new Map<string, QuizAttempt>();
    for (const d of sorted) {
      for (const [page, r] of Object.entries(d.data.reads)) if (!reads[page] || reads[page].at <= r.at) reads[page] = r;
      for (const a of d.data.attempts) attempts.set(`${a.scope}|${a.at}`, a);
    }
    const signOffs = [...new Map(sorted.map((d) => [`${d.data.signOff.post}|${d.data.signOff.at}`, d.data.signOff])).values()];
    out.push({
      learnerId: `imported:${employeeNo}`,
      name: sorted.at(-1)!.data.learner.name,
      employeeNo,
      posts: [...new Set(signOffs.map((s) => s.post as PostId))],
      reads,
      attempts: [...attempts.values()].sort((a, b) => a.at.localeCompare(b.at)),
      signOffs,
    });
  }
  return out.sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
}

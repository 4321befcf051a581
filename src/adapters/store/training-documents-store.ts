// Training certificates imported on the supervisor's device (`trainingDocuments`, DB v9), by
// document id. Entries are only added, flagged (included, deleted), given a new verdict when the
// trust list changes, or purged; the stored file is never rewritten.
import { explainStorageError, type StoredTrainingDocument } from './db';
import { appDB } from './connection';

export async function listTrainingDocuments(): Promise<StoredTrainingDocument[]> {
  return (await appDB()).getAll('trainingDocuments');
}

export async function addTrainingDocument(doc: StoredTrainingDocument): Promise<void> {
  try {
    await (await appDB()).put('trainingDocuments', doc);
  } catch (err) {
    throw explainStorageError(err);
  }
}

export async function flagTrainingDocument(hash: string, change: { included?: boolean; deletedAt?: string | null }): Promise<void> {
  const db = await appDB();
  const tx = db.transaction('trainingDocuments', 'readwrite');
  const doc = await tx.store.get(hash);
  if (doc) {
    const next = { ...doc };
    if (change.included !== undefined) next.included = change.included;
    if (change.deletedAt === null) delete next.deletedAt;
    else if (change.deletedAt !== undefined) next.deletedAt = change.deletedAt;
    await tx.store.put(next);
  }
  await tx.done;
}

/** Stores the verdict of a re-check against another trust list (the file is never rewritten). */
export async function setTrainingVerdict(
  hash: string,
  verdict: Pick<StoredTrainingDocument, 'trustedBy'> & Partial<Pick<StoredTrainingDocument, 'state' | 'included' | 'reason'>>,
): Promise<void> {
  const db = await appDB();
  const tx = db.transaction('trainingDocuments', 'readwrite');
  const doc = await tx.store.get(hash);
  if (doc) await tx.store.put({ ...doc, ...verdict });
  await tx.done;
}

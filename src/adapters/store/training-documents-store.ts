// Training certificates imported on the supervisor's device (`trainingDocuments`, DB v9), by
// document id. Entries are only added, flagged (included, deleted) or purged; never rewritten.
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

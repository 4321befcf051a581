// How documents arriving by sync reach a collection on this page (issue 19): reports go to
// <document-collection> (/reports/), training certificates to <training-import>
// (/training/records/), each through its own `receive`, i.e. the same checker and path as a
// file import. On top of that, sync's own rules: the plain fields on the server must say what
// the verified file says, and a report must be signed by someone the company enrolled. A
// certificate signed with a learner's one-time device key is kept as by a file import (签名人未登记,
// not counted until the supervisor includes it): most learners are not enrolled.
import type { Receiver } from '../../adapters/sync/replicator';
import type { SyncDocKind } from '../../domain/sync-doc';
import type { ImportLine, Vet } from '../reports/document-collection';
import type { VerifyResult } from '../../adapters/signing/verify-report';

type Item = Parameters<Receiver>[0][number];
type Mismatch = (item: Item, result: VerifyResult) => string | null;

export interface Collecting extends HTMLElement {
  receive(files: File[], vet: Vet): Promise<ImportLine[]>;
}

/** The collection on this page and the kinds it takes, once it is ready; null when there is none. */
export interface PageCollection {
  el: Collecting;
  kinds: SyncDocKind[];
  mismatch: Mismatch;
  /** Whether a file by an unenrolled signer is kept (not counted) rather than refused. */
  keepsUnenrolled: boolean;
}

export async function pageCollection(): Promise<PageCollection | null> {
  const { syncDocMismatch } = await import('../../domain/sync-doc');
  const reports = document.querySelector<Collecting>('document-collection');
  const training = document.querySelector<Collecting>('training-import');
  const el = reports ?? training;
  if (!el) return null;
  if (el.dataset.state !== 'ready') {
    await new Promise<void>((resolve) => {
      const seen = new MutationObserver(() => el.dataset.state === 'ready' && (seen.disconnect(), resolve()));
      seen.observe(el, { attributes: true, attributeFilter: ['data-state'] });
    });
  }
  if (reports) {
    return {
      el,
      kinds: ['inspection-report', 'report-update'],
      keepsUnenrolled: false,
      mismatch: (item, r) =>
        !r.document || !r.hash
          ? '文件中没有可读取的检查记录'
          : syncDocMismatch(item.fields, { hash: r.hash, document: r.document, signer: r.facts.signer?.fingerprint ?? '' }),
    };
  }
  const { trainingDocumentSchema } = await import('../../schemas/training-document');
  return {
    el,
    kinds: ['training-certificate'],
    keepsUnenrolled: true,
    mismatch: (item, r) => {
      const parsed = trainingDocumentSchema.safeParse(r.data);
      if (r.facts.summary?.kind !== 'training' || !parsed.success || !r.hash) return '文件中没有可读取的培训合格证明';
      // A certificate names no project: it must be in the database of the project it was sent to.
      return syncDocMismatch(item.fields, {
        hash: r.hash,
        training: parsed.data,
        signer: r.facts.signer?.fingerprint ?? '',
        project: item.project,
      });
    },
  };
}

/** The receiver handing arriving documents to `collection`, with sync's rules as its `vet`. */
export function collectionReceiver(collection: PageCollection): Receiver {
  return async (items) => {
    const files = items.map(
      (i) => new File([i.pdf], `同步·${i.fields.project}·${i.fields.month}·${i.id.slice(0, 8)}.pdf`, { type: 'application/pdf' }),
    );
    const itemOf = new Map(files.map((f, k) => [f, items[k]!]));
    const lines = await collection.el.receive(files, (file, result) => {
      const v = result.verdict;
      if (v.kind === 'unsigned' || (v.kind === 'untrusted' && !collection.keepsUnenrolled))
        return `同步收到的文件必须由公司登记的人员签名（${v.title}${v.reason ? `：${v.reason}` : ''}）`;
      if (v.kind !== 'valid' && v.kind !== 'untrusted') return null; // the collection refuses it itself
      return collection.mismatch(itemOf.get(file)!, result);
    });
    return new Map(
      lines.map((l) => [
        itemOf.get(l.file)!.key,
        l.bucket === 'added' ||
        l.bucket === 'updated' ||
        l.bucket === 'duplicate' ||
        (l.bucket === 'untrusted' && collection.keepsUnenrolled)
          ? { kind: 'received' as const }
          : { kind: 'refused' as const, reason: l.line.replace(/^未(导入|收入)：/, '') },
      ]),
    );
  };
}

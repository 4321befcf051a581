/**
 * Who sends what where (issue 19). A tablet pushes only documents it signed itself, and only
 * those of its own project, to that project's database; a manager's device pulls the databases
 * of the projects it manages. Per device, the status is what waits to be sent, what was sent,
 * what was received and what was refused.
 */
import type { SyncConfig } from '../schemas/sync-config';
import { projectDbName } from './sync-names';

export interface OutboxCandidate {
  hash: string;
  /** The project the verified document names; null when the file could not be read. */
  project: string | null;
}

export interface PushPlan {
  db: string;
  send: string[];
  /** Documents of other projects (or unreadable) stay on the tablet, with the reason. */
  keep: { hash: string; reason: string }[];
}

export function pushPlan(config: SyncConfig, candidates: readonly OutboxCandidate[]): PushPlan {
  if (config.role !== 'tablet') throw new Error('只有平板发送文件');
  const project = config.projects[0]!;
  const db = projectDbName(project);
  const send: string[] = [];
  const keep: PushPlan['keep'] = [];
  for (const c of candidates) {
    if (c.project === null) keep.push({ hash: c.hash, reason: '无法读取文件，未发送' });
    else if (c.project.normalize('NFC').trim() !== project.name)
      keep.push({ hash: c.hash, reason: `属于项目「${c.project}」，不发往「${project.name}」` });
    else send.push(c.hash);
  }
  return { db, send: [...new Set(send)], keep };
}

/** The databases a manager's device pulls, one per managed project. */
export function pullDatabases(config: SyncConfig): { project: string; db: string }[] {
  if (config.role !== 'manager') throw new Error('只有管理端接收文件');
  return config.projects.map((p) => ({ project: p.name, db: projectDbName(p) }));
}

export type ReceiveOutcome =
  | { kind: 'received' }
  | {
      kind: 'refused';
      reason: string;
      /** The revisions of the document that were checked (a server may hold several under one id). */
      revs?: string[];
      /** The trust list they were checked against (`trustListKey`). */
      trust?: string;
    };

/**
 * Whether a document downloaded from the server must be checked (again). Never trusting the
 * server's choice among revisions: a refused document is checked again when a revision arrives
 * that was not checked yet (a forged copy planted first under a genuine document's id must not
 * hide the genuine one), or when the trust list changed (a signer may have been enrolled since).
 */
export function needsCheck(done: ReceiveOutcome | undefined, leafRevs: readonly string[], trust: string): boolean {
  if (!done) return true;
  if (done.kind === 'received') return false;
  if (done.trust !== trust) return true;
  const checked = new Set(done.revs ?? []);
  return leafRevs.some((r) => !checked.has(r));
}

/** One outcome per document from the outcomes of its revisions: counted when any one verified. */
export function combineOutcomes(outcomes: readonly ReceiveOutcome[], revs: readonly string[], trust: string): ReceiveOutcome {
  if (outcomes.some((o) => o.kind === 'received')) return { kind: 'received' };
  const first = outcomes.find((o) => o.kind === 'refused');
  return { kind: 'refused', reason: first?.kind === 'refused' ? first.reason : '服务器上的条目无法读取', revs: [...revs], trust };
}

export interface SyncStatus {
  /** Tablet: in the outbox, not yet confirmed by the server. */
  waiting: number;
  sent: number;
  /** Manager: verified and in the collection. */
  received: number;
  refused: number;
  /** Manager: downloaded, not yet checked. */
  unchecked: number;
}

export function syncStatus(input: {
  outbox: readonly string[];
  sent: ReadonlySet<string>;
  downloaded: readonly string[];
  processed: ReadonlyMap<string, ReceiveOutcome>;
}): SyncStatus {
  const outbox = new Set(input.outbox);
  const sent = [...outbox].filter((h) => input.sent.has(h)).length;
  let received = 0;
  let refused = 0;
  for (const o of input.processed.values()) {
    if (o.kind === 'received') received++;
    else refused++;
  }
  const unchecked = new Set(input.downloaded.filter((h) => !input.processed.has(h))).size;
  return { waiting: outbox.size - sent, sent, received, refused, unchecked };
}

/** One line for the status bar, in Chinese. */
export function statusLine(role: SyncConfig['role'], s: SyncStatus): string {
  return role === 'tablet'
    ? `待发送 ${s.waiting} 份 · 已发送 ${s.sent} 份`
    : `已接收 ${s.received} 份 · 已拒收 ${s.refused} 份${s.unchecked ? ` · 待验证 ${s.unchecked} 份` : ''}`;
}

/**
 * The CouchDB document for one signed file (issue 19). The unit of replication is the signed
 * document: `_id` is its document id (SHA-256 hex of the attached record document), the PDF is
 * its only attachment, and a few plain fields let a manager's view list it before downloading.
 * Documents are append-only: written once, never edited, so replication cannot conflict on them.
 *
 * The server is untrusted storage. Nothing here decides whether a document counts: an arriving
 * document is checked for its shape (`readSyncDoc`), then its PDF goes through the same strict
 * checker and collection as a file import, and finally its plain fields must agree with what
 * the verified file says (`syncDocMismatch`), so a server cannot relabel a genuine file.
 */
import type { ReportDocument } from './report-document';
import type { TrainingDocument } from '../schemas/training-document';
import { updateOf } from './collection';

export const SYNC_DOC_TYPE = 'wuye-signed-document';
export const SYNC_ATTACHMENT = 'document.pdf';
/** The same cap as a file import (pdf-strict): larger files are refused unread. */
export const SYNC_MAX_PDF_BYTES = 64 * 1024 * 1024;

export type SyncDocKind = 'inspection-report' | 'report-update' | 'training-certificate';

/** What every signed document on the server says of itself. No credentials, no device secrets. */
interface SyncDocBase {
  _id: string;
  type: typeof SYNC_DOC_TYPE;
  v: 1;
  /** Reports: the project the file names. Certificates: the project database it was sent to. */
  project: string;
  /** YYYY-MM of the inspection, or of the learner's sign-off. */
  month: string;
  /** SHA-256 of the signer's certificate, as the verifier prints it (AA:BB:…). */
  signer: string;
}

export interface ReportSyncFields extends SyncDocBase {
  kind: 'inspection-report' | 'report-update';
  recordId: string;
  templateId: string;
  revision: number;
  update: number;
}

/** A learner's training certificate: the employee number and post only (no name, no answers). */
export interface CertificateSyncFields extends SyncDocBase {
  kind: 'training-certificate';
  employeeNo: string;
  post: string;
}

/** The plain fields of a signed document on the server. */
export type SyncDocFields = ReportSyncFields | CertificateSyncFields;

const HASH = /^[0-9a-f]{64}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const FINGERPRINT = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/** The fields for a file this device signed and verified (hash and document from the checker). */
export function syncDocFields(hash: string, doc: ReportDocument, signerFingerprint: string): ReportSyncFields {
  if (!HASH.test(hash)) throw new Error('文件编号无效');
  const update = updateOf(doc);
  return {
    _id: hash,
    type: SYNC_DOC_TYPE,
    v: 1,
    kind: update > 0 ? 'report-update' : 'inspection-report',
    recordId: doc.record.id,
    templateId: doc.record.templateId,
    revision: doc.record.revision,
    update,
    project: doc.record.project,
    month: doc.record.inspectedAt.slice(0, 7),
    signer: signerFingerprint,
  };
}

/**
 * The fields for a training certificate this device signed and verified. A certificate names no
 * project: it is labelled with the project database of the device that sends it.
 */
export function certificateSyncFields(
  hash: string,
  doc: TrainingDocument,
  signerFingerprint: string,
  project: string,
): CertificateSyncFields {
  if (!HASH.test(hash)) throw new Error('文件编号无效');
  return {
    _id: hash,
    type: SYNC_DOC_TYPE,
    v: 1,
    kind: 'training-certificate',
    employeeNo: doc.learner.employeeNo,
    post: doc.signOff.post,
    project,
    month: doc.signOff.at.slice(0, 7),
    signer: signerFingerprint,
  };
}

/** The server fields by the names the manager reads them under. */
const FIELD_NAME: Record<string, string> = {
  _id: '文件编号',
  type: '条目类型',
  v: '格式版本',
  kind: '文件种类',
  recordId: '检查记录编号',
  templateId: '检查表',
  revision: '修订版次',
  update: '整改更新次数',
  project: '项目',
  month: '月份',
  signer: '签名人',
  employeeNo: '工号',
  post: '岗位',
};
const fieldName = (k: string) => FIELD_NAME[k] ?? k;

export type SyncDocRead =
  { ok: true; fields: SyncDocFields; attachment: { length: number; contentType: string } } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The shape check of a document as it arrives from the server (attachment stub or inline).
 * Design documents, `_local` and deleted documents are not signed files: the caller skips them.
 */
export function readSyncDoc(raw: unknown): SyncDocRead {
  if (!isRecord(raw)) return { ok: false, reason: '服务器上的条目不是文件记录' };
  const id = raw._id;
  if (typeof id !== 'string' || !HASH.test(id)) return { ok: false, reason: '服务器上的条目编号不是文件编号' };
  if (raw.type !== SYNC_DOC_TYPE || raw.v !== 1) return { ok: false, reason: '服务器上的条目不是本系统的签名文件' };
  const s = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : null);
  const n = (k: string) => (Number.isSafeInteger(raw[k]) && (raw[k] as number) >= 0 ? (raw[k] as number) : null);
  const kind = s('kind');
  const common = { _id: id, type: SYNC_DOC_TYPE, v: 1 as const, project: s('project'), month: s('month'), signer: s('signer') };
  const fields =
    kind === 'training-certificate'
      ? { ...common, kind, employeeNo: s('employeeNo'), post: s('post') }
      : {
          ...common,
          kind: kind === 'inspection-report' || kind === 'report-update' ? kind : null,
          recordId: s('recordId'),
          templateId: s('templateId'),
          revision: n('revision'),
          update: n('update'),
        };
  for (const [k, v] of Object.entries(fields))
    if (v === null || v === '') return { ok: false, reason: `服务器上的条目缺少「${fieldName(k)}」` };
  if (!MONTH.test(fields.month!)) return { ok: false, reason: '服务器上的条目月份无效' };
  if (!FINGERPRINT.test(fields.signer!)) return { ok: false, reason: '服务器上的条目签名人指纹无效' };
  const atts = raw._attachments;
  if (!isRecord(atts) || Object.keys(atts).length !== 1 || !isRecord(atts[SYNC_ATTACHMENT])) {
    return { ok: false, reason: '服务器上的条目应当只含一份 PDF 原件' };
  }
  const att = atts[SYNC_ATTACHMENT];
  const length = typeof att.length === 'number' ? att.length : typeof att.size === 'number' ? att.size : NaN;
  if (att.content_type !== 'application/pdf') return { ok: false, reason: '服务器上的原件不是 PDF' };
  if (!Number.isFinite(length) || length <= 0) return { ok: false, reason: '服务器上的原件为空' };
  if (length > SYNC_MAX_PDF_BYTES) return { ok: false, reason: '服务器上的原件超过 64 MB，未作检查' };
  return { ok: true, fields: fields as SyncDocFields, attachment: { length, contentType: 'application/pdf' } };
}

/** What the checker read from a file: a report, or a certificate with the database it came from. */
export type VerifiedSyncDoc =
  | { hash: string; document: ReportDocument; signer: string }
  | { hash: string; training: TrainingDocument; signer: string; project: string };

/** After verification: the plain fields must say what the verified file says. Null when they do. */
export function syncDocMismatch(fields: SyncDocFields, verified: VerifiedSyncDoc): string | null {
  const expected: SyncDocFields =
    'training' in verified
      ? certificateSyncFields(verified.hash, verified.training, verified.signer, verified.project)
      : syncDocFields(verified.hash, verified.document, verified.signer);
  const want = expected as unknown as Record<string, unknown>;
  const got = fields as unknown as Record<string, unknown>;
  for (const k of new Set([...Object.keys(want), ...Object.keys(got)])) {
    if (want[k] !== got[k]) return `服务器上的说明与文件内容不符（${fieldName(k)}）`;
  }
  return null;
}

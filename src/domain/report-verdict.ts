/**
 * What the document checker concludes, and how it says it. The adapter gathers facts about a
 * file, in the order a validator checks them (is it a whole PDF of ours; does its one signature
 * cover every byte; does the CMS hold and bind the signer's certificate; is the attached record
 * the one the pages show; do the names and the score agree with the signer and the answers;
 * does the certificate chain to the company root, unrevoked); this turns the first failure into
 * one verdict in plain Chinese. Pure.
 */

export type DocumentKind = 'inspection' | 'monthly' | 'training';

/** The verdicts, as the command line prints them. */
export type VerdictKind = 'valid' | 'untrusted' | 'tampered' | 'unsigned' | 'foreign';

export type Problem =
  // the file
  | 'not-pdf'
  | 'truncated'
  | 'too-large'
  | 'attachment-too-large'
  | 'structure'
  | 'incremental-update'
  | 'timeout'
  | 'checker-error'
  // the signature
  | 'signature-field'
  | 'byte-range'
  | 'contents'
  | 'cms-malformed'
  | 'no-signer-certificate'
  | 'digest-mismatch'
  | 'signature-invalid'
  | 'no-signing-certificate-attribute'
  | 'signing-certificate-mismatch'
  | 'no-signing-time'
  | 'weak-algorithm'
  // the attached document
  | 'no-record'
  | 'record-unreadable'
  | 'fingerprint-mismatch'
  | 'name-mismatch'
  | 'score-mismatch'
  | 'dated-after-signing'
  // the signer
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  | 'certificate-weak-algorithm'
  | 'certificate-usage'
  | 'certificate-critical-extension'
  | 'certificate-issuer'
  | 'revoked'
  | 'self-signed'
  | 'unknown-issuer'
  | 'no-trust-list';

export interface SignerFacts {
  name: string;
  device: string;
  organization: string;
  /** SHA-256 of the certificate, upper-case hex with colons. */
  fingerprint: string;
  serial: string;
  /** ISO time from the signed attributes. */
  signedAt?: string;
}

export interface DocumentSummary {
  kind: DocumentKind;
  recordId?: string;
  project?: string;
  title?: string;
  date?: string;
}

export interface VerifyFacts {
  /** The first check that failed, or null when every check passed. */
  problem: Problem | null;
  /** Extra words for the problem (which name differs, the revocation date and reason…). */
  problemDetail?: string;
  signed: boolean;
  signer?: SignerFacts;
  summary?: DocumentSummary;
  /** Set when the score could not be recomputed (template version unknown on this device). */
  scoreUnchecked?: boolean;
}

export interface Verdict {
  kind: VerdictKind;
  title: string;
  detail: string;
  /** The failed check in one short phrase (empty when valid). */
  reason: string;
  problem: Problem | null;
}

const KIND_NAME: Record<DocumentKind, string> = { inspection: '检查报告', monthly: '月度品质报告', training: '培训合格证明' };

const REASONS: Record<Problem, [VerdictKind, string]> = {
  'not-pdf': ['foreign', '文件不是 PDF'],
  truncated: ['tampered', '文件不完整，请重新索取'],
  'too-large': ['tampered', '文件超过允许的大小，已拒绝处理'],
  'attachment-too-large': ['tampered', '附带的数据异常庞大（疑似压缩炸弹），已拒绝处理'],
  structure: ['tampered', '文件结构已损坏或被改动'],
  'incremental-update': ['tampered', '签名之后文件被追加修改过'],
  timeout: ['tampered', '文件异常，检查未能在限定时间内完成，已拒绝处理'],
  'checker-error': ['foreign', '文件无法检查（文件异常或设备内存不足）'],
  'signature-field': ['tampered', '签名域不符合要求（缺失、多于一个或类型不对）'],
  'byte-range': ['tampered', '签名范围没有覆盖整个文件'],
  contents: ['tampered', '签名数据区中夹带了其他内容'],
  'cms-malformed': ['tampered', '签名数据无法解析'],
  'no-signer-certificate': ['tampered', '签名中找不到签名人的证书'],
  'digest-mismatch': ['tampered', '文件内容与签名不符，签名后被修改过'],
  'signature-invalid': ['tampered', '签名值无效'],
  'no-signing-certificate-attribute': ['untrusted', '签名没有绑定签名证书（缺少 ESS 签名证书属性）'],
  'signing-certificate-mismatch': ['tampered', '签名绑定的证书与所附证书不一致'],
  'no-signing-time': ['tampered', '签名缺少签名时间'],
  'weak-algorithm': ['untrusted', '签名使用了不安全的算法（如 SHA-1），不予认可'],
  'no-record': ['foreign', '文件有数字签名，但不是本系统生成的文件'],
  'record-unreadable': ['tampered', '附带的记录无法读取或格式不符'],
  'fingerprint-mismatch': ['tampered', '附带的记录与页面上的指纹不一致，记录被替换过'],
  'name-mismatch': ['tampered', '记录中的签名人与签名证书上的姓名不一致'],
  'score-mismatch': ['tampered', '记录中的得分与检查结果计算不符'],
  'dated-after-signing': ['tampered', '记录中有签名之后才发生的内容'],
  'certificate-expired': ['untrusted', '签名时证书已过期'],
  'certificate-not-yet-valid': ['untrusted', '签名时证书尚未生效'],
  'certificate-weak-algorithm': ['untrusted', '证书使用了不安全的算法（如 SHA-1），不予认可'],
  'certificate-usage': ['untrusted', '该证书不允许用于签名文件'],
  'certificate-critical-extension': ['untrusted', '证书含有无法识别的关键扩展'],
  'certificate-issuer': ['untrusted', '证书的签发者不是有效的签发机构'],
  revoked: ['untrusted', '签名证书已被公司吊销'],
  'self-signed': ['untrusted', '签名人未在公司登记（自签名证书）'],
  'unknown-issuer': ['untrusted', '签名证书不是本公司签名根证书签发的'],
  'no-trust-list': ['untrusted', '本设备尚未导入公司信任列表，无法确认签名人身份'],
};

const TITLES: Record<VerdictKind, string> = {
  valid: '有效',
  untrusted: '签名完整但签名人未登记',
  tampered: '已被改动',
  unsigned: '未签名',
  foreign: '不是本系统的文件',
};

function signerText(s: SignerFacts | undefined): string {
  if (!s) return '';
  const when = s.signedAt ? `，签名时间 ${s.signedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  return `签名人「${s.name}」${s.device ? `（${s.device}）` : ''}${when}；证书指纹 ${s.fingerprint}`;
}

function docText(d: DocumentSummary | undefined): string {
  if (!d) return '';
  return [KIND_NAME[d.kind], d.project, d.title, d.date?.slice(0, 16).replace('T', ' ')].filter(Boolean).join(' · ');
}

export function verdictOf(f: VerifyFacts): Verdict {
  if (f.problem === null) {
    if (!f.signed) {
      return {
        kind: 'unsigned',
        title: TITLES.unsigned,
        detail: `文件中有本系统的记录（${docText(f.summary)}），但没有数字签名，无法确认出自谁、是否被改动。`,
        reason: '文件没有数字签名',
        problem: null,
      };
    }
    const note = f.scoreUnchecked ? '本设备没有该检查表版本，得分未复核。' : '';
    return {
      kind: 'valid',
      title: TITLES.valid,
      detail: `${docText(f.summary)}。${signerText(f.signer)}。签名后未被改动，签名人已在公司登记。${note}`,
      reason: '',
      problem: null,
    };
  }
  const [kind, reason] = REASONS[f.problem];
  const title =
    kind === 'untrusted' && !['self-signed', 'unknown-issuer', 'no-trust-list'].includes(f.problem)
      ? f.problem === 'revoked'
        ? '签名证书已被吊销'
        : '签名证书无效'
      : f.problem === 'truncated'
        ? '文件不完整'
        : TITLES[kind];
  const extra = f.problemDetail ? `（${f.problemDetail}）` : '';
  const parts = [reason + extra + '。', docText(f.summary) && `${docText(f.summary)}。`, f.signer && `${signerText(f.signer)}。`];
  const tail =
    kind === 'untrusted'
      ? '签名本身完整，但不能确认签名人身份，默认不计入月度报告。'
      : kind === 'tampered'
        ? '内容不可信，不计入任何统计。'
        : '';
  return { kind, title, detail: parts.filter(Boolean).join('') + tail, reason: reason + extra, problem: f.problem };
}

/**
 * What the report checker concludes, and how it says it. The adapter gathers facts about a file
 * (is it a PDF, is it signed and does the signature hold, is our record attached and does it
 * match the fingerprint the signed file carries); this turns them into one verdict in Chinese.
 */
export interface ReportFacts {
  isPdf: boolean;
  /** null: no signature in the file. */
  signature: null | { valid: boolean; signer: string; signedAt?: string; coversWholeFile: boolean };
  /** null: no inspection-record.json of ours. */
  attachment: null | {
    readable: boolean;
    matchesFingerprint: boolean;
    project?: string;
    template?: string;
    inspectedAt?: string;
    recordId?: string;
  };
}

export type Verdict =
  | { kind: 'valid'; title: string; detail: string }
  | { kind: 'tampered'; title: string; detail: string }
  | { kind: 'unsigned'; title: string; detail: string }
  | { kind: 'foreign'; title: string; detail: string };

export function verdictOf(f: ReportFacts): Verdict {
  if (!f.isPdf) return { kind: 'foreign', title: '不是本系统的检查报告', detail: '这个文件不是 PDF，或文件已损坏、不完整。' };
  if (!f.attachment && !f.signature) {
    return { kind: 'foreign', title: '不是本系统的检查报告', detail: '文件中没有检查记录，也没有数字签名。' };
  }
  if (f.signature && (!f.signature.valid || !f.signature.coversWholeFile)) {
    return { kind: 'tampered', title: '报告已被改动', detail: '数字签名与文件内容不符：报告在签名之后被修改过，内容不可信。' };
  }
  if (f.attachment && (!f.attachment.readable || (f.signature && !f.attachment.matchesFingerprint))) {
    return { kind: 'tampered', title: '报告已被改动', detail: '附带的检查记录与报告上的指纹不一致，记录被替换或改动过。' };
  }
  if (!f.signature) {
    return { kind: 'unsigned', title: '报告未签名', detail: '文件中有检查记录，但没有数字签名，无法确认报告出自谁、是否被改动。' };
  }
  if (!f.attachment) {
    return {
      kind: 'foreign',
      title: '不是本系统的检查报告',
      detail: `文件有有效的数字签名（${f.signature.signer}），但没有本系统的检查记录。`,
    };
  }
  const a = f.attachment;
  const when = f.signature.signedAt ? `，签名时间 ${f.signature.signedAt}` : '';
  return {
    kind: 'valid',
    title: '报告有效',
    detail: `由「${f.signature.signer}」签名${when}；签名后未被改动。${a.project ?? ''} · ${a.template ?? ''} · 检查时间 ${a.inspectedAt?.slice(0, 16).replace('T', ' ') ?? ''}。`,
  };
}

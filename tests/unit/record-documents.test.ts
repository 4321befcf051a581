// The record's life across devices, in Node with the app's own checker, collection and aggregate:
// a survey travels as a signed document and counts in 客户满意度; a rectification closure travels
// as a signed update (by the inspector or the reviewer, signed when it happens) and raises
// 整改完成率; a document carrying a closure dated after its signing is refused.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyReport } from '../../src/adapters/signing/verify-report';
import type { ChecklistTemplate } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer, type InspectionRecord } from '../../src/domain/inspection';
import { markDone, newRectification, verify, type Rectification } from '../../src/domain/rectification';
import { reportDocument, reportDocumentJson } from '../../src/domain/report-document';
import { currentDocuments, importOutcome, type CollectedDocument } from '../../src/domain/collection';
import { monthlyReport } from '../../src/domain/aggregate';
import { closureSignature, pendingClosures } from '../../src/domain/closure-updates';
import { datedAfterSigningProblem } from '../../src/domain/report-checks';
import { layoutReport } from '../../src/domain/report-layout';
import { sha256Hex } from '../../src/adapters/hash';
import { enrolled, makePki, pdfWith, reportPdf, TEMPLATE, type Pki } from '../support/signing-fixture';
import { canonicalJson } from '../../src/domain/canonical-json';
import { trainingDocumentSchema } from '../../src/schemas/training-document';
import { importedLearners, type CollectedTraining } from '../../src/domain/training-import';
import { trainingRows } from '../../src/domain/training-records';
import type { SigningIdentity } from '../../src/adapters/signing/certificate';
import { certificateSerial } from '../../src/adapters/signing/ca';
import { certificateFingerprint } from '../../src/adapters/signing/verify-report';
import { recheckDecision, recheckSummary } from '../../src/domain/recheck';

const SURVEY: ChecklistTemplate = {
  id: 'survey-daily',
  title: '业主满意度回访',
  kind: 'survey',
  line: 'survey',
  version: 's1',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [
    {
      id: 'q',
      title: '服务',
      items: [
        { id: 'q1', kind: 'rating', text: '您对前台服务是否满意？' },
        { id: 'q2', kind: 'rating', text: '您对保洁是否满意？' },
        { id: 'q3', kind: 'rating', text: '您对维修是否满意？' },
      ],
    },
  ],
} as ChecklistTemplate;
const templates = [TEMPLATE, SURVEY];
const template = (id: string, version: string) => templates.find((t) => t.id === id && t.version === version);

const AT = '2026-11-10T09:00:00.000+08:00';
const FINAL = '2026-11-10T10:00:00.000+08:00';
let pki: Pki;
let reviewer: SigningIdentity;
let stranger: SigningIdentity;

beforeAll(async () => {
  pki = await makePki();
  reviewer = await enrolled(pki.root, '张复查', new Date('2026-06-01T00:00:00Z'));
  stranger = await enrolled(pki.root, '路人甲', new Date('2026-06-01T00:00:00Z'));
}, 60_000);

function inspection(): { record: InspectionRecord; open: Rectification } {
  let r = newInspection(
    TEMPLATE,
    { templateId: 'security', project: '锦江名苑', area: '南门岗', inspector: '王品质', inspectedAt: AT },
    'r-9',
    AT,
  );
  r = setAnswer(r, 'a', { result: 'pass' }, AT);
  r = setAnswer(r, 'b', { result: 'fail' }, AT);
  const record = finalize(TEMPLATE, r, FINAL);
  const open = newRectification(
    { id: 'r-9:b', inspectionId: 'r-9', itemId: 'b', description: '交接班记录不完整', department: '安防部', owner: '刘洋' },
    '2026-11-10',
    3,
    FINAL,
  );
  return { record, open };
}

function survey(id: string, ratings: number[]): InspectionRecord {
  let r = newInspection(
    SURVEY,
    { templateId: SURVEY.id, project: '锦江名苑', area: '3 栋 201', inspector: '王品质', inspectedAt: AT },
    id,
    AT,
  );
  ratings.forEach((n, i) => (r = setAnswer(r, `q${i + 1}`, { result: 'rating', rating: n as 1 | 2 | 3 | 4 | 5 }, AT)));
  return finalize(SURVEY, r, FINAL);
}

/** Imports files as the manager's device does: verify, decide by hash, collect. */
async function collect(files: Uint8Array[]) {
  const known = new Map<string, { fileName: string }>();
  const docs: CollectedDocument[] = [];
  const refused: string[] = [];
  for (const [i, pdf] of files.entries()) {
    const r = await verifyReport(pdf, { trust: pki.trust, template });
    const o = importOutcome(r.verdict, r.document ? r.hash : undefined, known);
    if (o.kind === 'refused') refused.push(r.verdict.problem ?? r.verdict.kind);
    if (o.kind !== 'added') continue;
    known.set(r.hash!, { fileName: `f${i}` });
    docs.push({
      hash: r.hash!,
      document: r.document!,
      state: o.state,
      signer: r.facts.signer?.name ?? '',
      fileName: `f${i}`,
      importedAt: '',
      included: false,
      excluded: false,
    });
  }
  const { current, conflicts } = currentDocuments(docs);
  return { current, conflicts, refused, report: monthlyReport(current, templates, { month: '2026-11', today: '2026-11-30' }) };
}

describe('a survey as a signed document', () => {
  it('is verified, collected and counted in the month’s satisfaction', async () => {
    const s1 = reportDocument(survey('sv-1', [5, 4, 2]), [], [{ role: '调查员', name: '王品质', signedAt: FINAL }]);
    const s2 = reportDocument(survey('sv-2', [5, 5, 5]), [], [{ role: '调查员', name: '王品质', signedAt: FINAL }]);
    const a = await reportPdf(s1, pki.inspector, { date: new Date(FINAL) });
    const b = await reportPdf(s2, pki.inspector, { date: new Date(FINAL) });
    expect((await verifyReport(a, { trust: pki.trust, template })).verdict.kind).toBe('valid');
    const { report, refused } = await collect([a, b, a]);
    expect(refused).toEqual([]);
    expect(report.inspections).toBe(0);
    expect(report.surveys.count).toBe(2);
    // 5 of 6 answers are 满意 or better: 83.3 %; mean (5+4+2+5+5+5)/6 = 4.3.
    expect(report.surveys.overall).toMatchObject({ answered: 6, satisfied: 5, rate: 833, mean: 43 });
  });

  it('a survey whose stored satisfaction was changed is refused', async () => {
    const r = survey('sv-3', [1, 1, 1]);
    const forged = { ...r, result: { ...r.result!, survey: { ...r.result!.survey!, rate: 1000, satisfied: 3 } } };
    const doc = reportDocument(forged, [], [{ role: '调查员', name: '王品质', signedAt: FINAL }]);
    const v = await verifyReport(await reportPdf(doc, pki.inspector, { date: new Date(FINAL) }), { trust: pki.trust, template });
    expect(v.verdict).toMatchObject({ kind: 'tampered', problem: 'score-mismatch' });
  });

  it('lays out as a survey report: satisfaction and every question, no points', () => {
    const pages = layoutReport(
      {
        company: '示例物业',
        template: SURVEY,
        record: survey('sv-4', [5, 4, 2]),
        rectifications: [],
        photos: [],
        signatures: [{ role: '调查员', name: '王品质', signedAt: FINAL }],
        fingerprint: '0123456789abcdef',
      },
      (s, size) => s.length * size * 0.9,
    );
    const text = pages.flatMap((p) => p.ops.flatMap((o) => (o.kind === 'text' ? [o.text] : []))).join('\n');
    expect(text).toContain('满意率 66.7%　平均分 3.7');
    expect(text).toContain('您对保洁是否满意？');
    expect(text).toContain('2 分 · 不满意');
    expect(text).toContain('调查员');
    expect(text).not.toContain('扣分');
  });
});

describe('a rectification closure as a signed update', () => {
  async function chain() {
    const { record, open } = inspection();
    const original = reportDocument(record, [open], [{ role: '检查人', name: '王品质', signedAt: FINAL }]);
    const originalPdf = await reportPdf(original, pki.inspector, { date: new Date(FINAL) });
    const doneAt = '2026-11-12T10:00:00.000+08:00';
    const verifiedAt = '2026-11-13T15:00:00.000+08:00';
    const closed = verify(markDone(open, '已补记录', ['ph-1'], doneAt), '张复查', verifiedAt);
    const line = closureSignature(record, [closed], '张复查', verifiedAt);
    if (!line.ok) throw new Error(line.reason);
    const update = reportDocument(record, [closed], [line.signature], {
      update: 1,
      supersedes: await sha256Hex(reportDocumentJson(original)),
    });
    return { record, open, closed, original, originalPdf, update, verifiedAt };
  }

  it('the original alone: every item open and overdue; with the reviewer’s update: closed, 100 %', async () => {
    const c = await chain();
    const before = await collect([c.originalPdf]);
    expect(before.report.rectifications).toMatchObject({ opened: 1, closed: 0, overdue: 1, closureRate: 0 });
    const updatePdf = await reportPdf(c.update, reviewer, { date: new Date(c.verifiedAt) });
    expect((await verifyReport(updatePdf, { trust: pki.trust, template })).verdict.kind).toBe('valid');
    // Either order of arrival gives the same month; the original is not counted twice.
    for (const files of [
      [c.originalPdf, updatePdf],
      [updatePdf, c.originalPdf],
    ]) {
      const after = await collect(files);
      expect(after.conflicts).toEqual([]);
      expect(after.report.inspections).toBe(1);
      expect(after.report.rectifications).toMatchObject({ opened: 1, closed: 1, verified: 1, overdue: 0, closureRate: 1000 });
      expect(after.current[0]!.rectifications[0]!.status).toBe('verified');
    }
  });

  it('someone who neither inspected nor verified cannot sign it (refused on both sides)', async () => {
    const c = await chain();
    expect(closureSignature(c.record, [c.closed], '路人甲', c.verifiedAt)).toMatchObject({ ok: false });
    const forged = reportDocument(c.record, [c.closed], [{ role: '复查人', name: '路人甲', signedAt: c.verifiedAt }], {
      update: 1,
      supersedes: 'ab'.repeat(32),
    });
    const v = await verifyReport(await reportPdf(forged, stranger, { date: new Date(c.verifiedAt) }), { trust: pki.trust, template });
    expect(v.verdict).toMatchObject({ kind: 'tampered', problem: 'name-mismatch' });
  });

  it('a report carrying a closure dated after its own signing is refused and takes no place', async () => {
    const c = await chain();
    // What the old sample generator did: closures a few days later inside the report signed at finalisation.
    const backdated = reportDocument(c.record, [c.closed], [{ role: '检查人', name: '王品质', signedAt: FINAL }]);
    const pdf = await reportPdf(backdated, pki.inspector, { date: new Date(FINAL) });
    const v = await verifyReport(pdf, { trust: pki.trust, template });
    expect(v.verdict).toMatchObject({ kind: 'tampered', problem: 'dated-after-signing' });
    expect(v.verdict.reason).toContain('晚于签名时间');
    const { report, refused } = await collect([pdf, c.originalPdf]);
    expect(refused).toEqual(['dated-after-signing']);
    expect(report.inspections).toBe(1);
  });

  it('the time check allows a few minutes of clock difference and nothing more', () => {
    const c = { record: { finalizedAt: FINAL }, rectifications: [{ description: 'x', updatedAt: '2026-11-10T10:09:00.000+08:00' }] };
    expect(datedAfterSigningProblem(c, new Date(FINAL))).toBeNull();
    const late = { ...c, rectifications: [{ description: 'x', updatedAt: '2026-11-10T10:11:00.000+08:00' }] };
    expect(datedAfterSigningProblem(late, new Date(FINAL))).toContain('整改事项「x」');
    expect(
      datedAfterSigningProblem({ record: { finalizedAt: '2026-11-11T10:00:00.000+08:00' }, rectifications: [] }, new Date(FINAL)),
    ).toContain('定稿时间');
  });
});

describe('pendingClosures', () => {
  const { record, open } = inspection();
  const done = markDone(open, '已补记录', [], '2026-11-12T10:00:00.000+08:00');
  const exported = { recordId: record.id, update: 0, exportedAt: '2026-11-10T10:05:00.000+08:00' };

  it('lists a record whose rectifications changed after its last export, with what changed', () => {
    expect(pendingClosures([record], [open], [exported])).toEqual([]);
    const p = pendingClosures([record], [done], [exported]);
    expect(p).toHaveLength(1);
    expect(p[0]!.changed.map((r) => r.id)).toEqual([open.id]);
    expect(p[0]!.notExported).toBe(false);
    // Once the update is exported, nothing is pending.
    expect(pendingClosures([record], [done], [exported, { ...exported, update: 1, exportedAt: '2026-11-12T10:01:00.000+02:00' }])).toEqual(
      [],
    );
  });

  it('compares instants, not strings: an export in another zone after the change still covers it', () => {
    // 10:30 in UTC+2 is 16:30 in UTC+8, after the 10:00 (UTC+8) closure.
    expect(pendingClosures([record], [done], [{ ...exported, exportedAt: '2026-11-12T10:30:00.000+02:00' }])).toEqual([]);
  });

  it('progress on a record never reported here is listed but cannot be numbered here', () => {
    const p = pendingClosures([record], [done], []);
    expect(p).toMatchObject([{ notExported: true }]);
    expect(pendingClosures([record], [open], [])).toEqual([]);
  });

  it('ignores drafts, superseded records and records without rectifications', () => {
    expect(pendingClosures([{ ...record, supersededBy: 'r-10' }], [done], [exported])).toEqual([]);
    expect(pendingClosures([{ ...record, status: 'draft' }], [done], [exported])).toEqual([]);
    expect(pendingClosures([record], [], [exported])).toEqual([]);
  });
});

describe('training certificates collected on the supervisor’s device', () => {
  const PATH = [
    { id: 'cleaning/guide', title: '保洁岗位指引', version: 'v1', minutes: 5 },
    { id: 'cleaning/floors', title: '地面清洁', version: 'v2', minutes: 8, questions: 2 },
  ];
  const record = (name: string, employeeNo: string, at: string) => ({
    learner: { name, employeeNo },
    signOff: { post: 'cleaning', at, versions: { 'cleaning/guide': 'v1', 'cleaning/floors': 'v2' }, quizScore: 95, method: 'typed' },
    reads: {
      'cleaning/guide': { at: '2026-11-01T09:00:00.000+08:00', version: 'v1', how: 'scrolled', seconds: 120 },
      'cleaning/floors': { at: '2026-11-01T09:10:00.000+08:00', version: 'v2', how: 'scrolled', seconds: 200 },
    },
    attempts: [
      { scope: 'cleaning/floors', at: '2026-11-01T09:12:00.000+08:00', score: 100, passed: true },
      { scope: 'post:cleaning', at: '2026-11-01T09:30:00.000+08:00', score: 95, passed: true },
    ],
  });
  const certificate = (data: object, identity: SigningIdentity, name: string) =>
    pdfWith({ name: 'training-record.json', json: canonicalJson(data) }, identity, {
      date: new Date('2026-11-01T02:00:00Z'),
      signerName: name,
    });

  it('a learner’s signed certificate is verified, read strictly and shown as a signed row for the post', async () => {
    const learner = await enrolled(pki.root, '李芳', new Date('2026-06-01T00:00:00Z'));
    const pdf = await certificate(record('李芳', 'BJ031', '2026-11-01T09:40:00.000+08:00'), learner, '李芳');
    const v = await verifyReport(pdf, { trust: pki.trust });
    expect(v.verdict.kind).toBe('valid');
    expect(v.facts.summary).toMatchObject({ kind: 'training', title: '李芳', date: '2026-11-01T09:40:00.000+08:00' });
    const data = trainingDocumentSchema.parse(v.data);
    const doc: CollectedTraining = {
      hash: v.hash!,
      data,
      state: 'valid',
      signer: '李芳',
      fileName: 'a.pdf',
      importedAt: '',
      included: false,
    };
    const rows = trainingRows(importedLearners([doc]), { cleaning: PATH }, { cleaning: '清洁保洁' });
    expect(rows).toMatchObject([
      { name: '李芳', employeeNo: 'BJ031', post: '清洁保洁', done: 2, total: 2, bestScore: 95, status: 'signed' },
    ]);
    // Unverified or deleted certificates are not counted unless the supervisor includes them.
    expect(importedLearners([{ ...doc, state: 'untrusted' }])).toEqual([]);
    expect(importedLearners([{ ...doc, state: 'untrusted', included: true }])).toHaveLength(1);
    expect(importedLearners([{ ...doc, deletedAt: '2026-11-02T00:00:00.000+08:00' }])).toEqual([]);
  });

  it('two certificates of one employee give one learner with both sign-offs, the latest name winning', async () => {
    const a = record('李芳', 'BJ031', '2026-11-01T09:40:00.000+08:00');
    const b = {
      ...record('李 芳', 'BJ031', '2026-11-20T09:40:00.000+08:00'),
      signOff: { ...a.signOff, post: 'security-patrol', at: '2026-11-20T09:40:00.000+08:00' },
    };
    const docs = [b, a].map((data, i) => ({
      hash: String(i),
      data: trainingDocumentSchema.parse(data),
      state: 'valid' as const,
      signer: '',
      fileName: '',
      importedAt: '',
      included: false,
    }));
    const [learner] = importedLearners(docs);
    expect(learner!.name).toBe('李 芳');
    expect(learner!.posts!.sort()).toEqual(['cleaning', 'security-patrol']);
    expect(learner!.signOffs.map((s) => s.post)).toEqual(['cleaning', 'security-patrol']);
    expect(learner!.attempts).toHaveLength(2); // the same attempts in both certificates count once
  });

  it('a certificate whose learner is revoked later stops counting once checked again', async () => {
    const learner = await enrolled(pki.root, '李芳', new Date('2026-06-01T00:00:00Z'));
    const pdf = await certificate(record('李芳', 'BJ031', '2026-11-01T09:40:00.000+08:00'), learner, '李芳');
    const first = await verifyReport(pdf, { trust: pki.trust });
    const doc: CollectedTraining = {
      hash: first.hash!,
      data: trainingDocumentSchema.parse(first.data),
      state: 'valid',
      signer: '李芳',
      fileName: 'a.pdf',
      importedAt: '',
      included: false,
    };
    // The phone was lost; the department revokes the certificate as of before the sign-off.
    const revoked = {
      ...pki.trust,
      sequence: 2,
      revocations: [
        {
          serial: certificateSerial(learner.certificate),
          fingerprint: await certificateFingerprint(learner.certificate),
          name: '李芳',
          device: '手机 01',
          revokedAt: '2026-10-31T00:00:00.000Z',
          reason: '手机遗失',
        },
      ],
    };
    const again = await verifyReport(pdf, { trust: revoked });
    const decision = recheckDecision({ ...doc, excluded: false }, { ...again.verdict, hash: again.hash });
    expect(decision).toMatchObject({ kind: 'changed', state: 'untrusted', cause: 'revoked', countedBefore: true, countedAfter: false });
    if (decision.kind !== 'changed') return;
    const after = { ...doc, state: decision.state, included: decision.included, reason: decision.reason };
    expect(after.reason).toContain('签名证书已被公司吊销');
    expect(importedLearners([after])).toEqual([]);
    expect(recheckSummary([{ decision, deleted: false }], '计入培训记录')).toBe(
      '信任列表已更新：1 份文件重新核验，1 份因证书吊销不再计入。',
    );
  });

  it('refuses a certificate signed by someone else, and reads no malformed record', async () => {
    const pdf = await certificate(record('李芳', 'BJ031', '2026-11-01T09:40:00.000+08:00'), stranger, '路人甲');
    expect((await verifyReport(pdf, { trust: pki.trust })).verdict).toMatchObject({ kind: 'tampered', problem: 'name-mismatch' });
    const bad = record('李芳', 'BJ031', '2099-99-99T00:00:00.000+08:00');
    expect(trainingDocumentSchema.safeParse(bad).success).toBe(false);
    expect(trainingDocumentSchema.safeParse({ ...record('李芳', 'BJ031', '2026-11-01T09:40:00.000+08:00'), attempts: 'x' }).success).toBe(
      false,
    );
  });
});

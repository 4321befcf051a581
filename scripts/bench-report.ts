// Report figures for `npm run bench` (run through tsx): make and sign a report of 100 items
// with 10 photos, with the app's layout, font and signing code; print time and size.
import { createHash } from 'node:crypto';
import type { ChecklistTemplate, ChecklistItem } from '../src/domain/checklist';
import { finalize, newInspection, setAnswer, setNote, setPhotos } from '../src/domain/inspection';
import { reportDocument, reportDocumentJson, shortFingerprint } from '../src/domain/report-document';
import { makeReportPdf } from '../src/adapters/pdf/report-pdf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCompanyRoot, issueCertificate } from '../src/adapters/signing/ca';
import { toBase64 } from '../src/adapters/signing/trust-list';
import { verifyReport } from '../src/adapters/signing/verify-report';
import { launchChromium } from './chromium.mjs';
import { readReportFonts } from './font-subset.mjs';

const out = (name: string, value: string | number, unit: string) => console.log(`bench ${name} ${value} ${unit}`);
const NOW = '2026-11-23T10:00:00.000+08:00';
const items: ChecklistItem[] = Array.from(
  { length: 100 },
  (_, i) =>
    ({
      id: `i${i}`,
      kind: i % 3 ? 'check' : 'deduct',
      text: `检查项目第 ${i + 1} 项：前台服务规范执行情况`,
      standard: '按手册标准执行：着装整洁、主动问好、三声内接听、登记完整',
      method: '现场查看并抽查记录',
      points: 1,
      perFinding: 0.5,
      sop: 'customer-service/appointment',
    }) as ChecklistItem,
);
const template: ChecklistTemplate = {
  id: 'bench',
  title: '性能测试检查表',
  kind: 'inspection',
  line: 'customer',
  version: 'bench',
  grades: { excellent: 90, pass: 80 },
  rectificationDays: 3,
  sections: [{ id: 's', title: '全部', items }],
};
let record = newInspection(
  template,
  { templateId: 'bench', project: '性能测试苑', area: 'A', inspector: '测试员', inspectedAt: NOW },
  'bench-1',
  NOW,
);
items.forEach(
  (it, i) => (record = setAnswer(record, it.id, it.kind === 'deduct' ? { result: 'findings', findings: i % 2 } : { result: 'pass' }, NOW)),
);
// Ten camera-like photos as the app stores them: 1600 px JPEG made by Chromium's canvas.
const browser = await launchChromium();
const page = await browser.newPage();
const jpegs = await page.evaluate(() =>
  Array.from({ length: 10 }, (_, i) => {
    const c = document.createElement('canvas');
    c.width = 1600;
    c.height = 1200;
    const g = c.getContext('2d')!;
    const grad = g.createLinearGradient(0, 0, 1600, 1200);
    grad.addColorStop(0, `hsl(${i * 36}, 40%, 55%)`);
    grad.addColorStop(1, `hsl(${i * 36 + 90}, 35%, 35%)`);
    g.fillStyle = grad;
    g.fillRect(0, 0, 1600, 1200);
    for (let k = 0; k < 4000; k++) {
      g.fillStyle = `rgba(${(k * 37) % 255}, ${(k * 91) % 255}, ${(k * 53) % 255}, 0.25)`;
      g.fillRect((k * 733) % 1600, (k * 419) % 1200, 6 + (k % 30), 4 + (k % 20));
    }
    return c.toDataURL('image/jpeg', 0.85).split(',')[1]!;
  }),
);
await browser.close();
const photos = jpegs.map((b64, i) => ({ id: `p${i}`, itemId: `i${i * 3}`, width: 1600, height: 1200, jpg: Buffer.from(b64, 'base64') }));
for (const p of photos) record = setPhotos(record, p.itemId, [p.id], NOW);
record = setNote(record, 'i0', '备注'.repeat(30), NOW);
record = finalize(template, record, NOW);
const fonts = readReportFonts('dist');
const root = await createCompanyRoot('示例物业', new Date());
const keys = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign', 'verify'])) as CryptoKeyPair;
const certificate = await issueCertificate(
  root,
  { publicKey: keys.publicKey, names: { commonName: '测试员', device: '基准', organization: '示例物业' } },
  new Date(),
);
const identity = { ...keys, certificate, chain: [root.certificate] };
const trust = {
  format: 'wuye-trust-list' as const,
  version: 1 as const,
  company: '示例物业',
  sequence: 1,
  issuedAt: new Date().toISOString(),
  root: toBase64(root.certificate),
  revocations: [],
};

const json = reportDocumentJson(reportDocument(record, [], [{ role: '检查人', name: '测试员', signedAt: NOW }]));
const times: number[] = [];
let pdf: Uint8Array = new Uint8Array();
for (let run = 0; run < 3; run++) {
  const t = performance.now();
  pdf = await makeReportPdf(
    {
      company: '示例物业服务有限公司',
      template,
      record,
      rectifications: [],
      photos: photos.map(({ jpg: _j, ...p }) => p),
      signatures: [],
      fingerprint: shortFingerprint(createHash('sha256').update(json).digest('hex')),
    },
    { ...fonts, images: new Map(photos.map((p) => [p.id, { bytes: p.jpg, type: 'jpeg' as const }])) },
    { recordJson: json, date: new Date(), sign: { identity, name: '测试员', location: '性能测试苑' } },
  );
  times.push(performance.now() - t);
}
out('report.make-and-sign-100-items-10-photos', Math.min(...times).toFixed(0), 'ms');
out('report.size', (pdf.length / 1024).toFixed(0), 'KiB');
// Verification of one report (strict structure, CMS, chain, re-scoring), median of 21 runs.
const verifyTimes: number[] = [];
for (let run = 0; run < 21; run++) {
  const t = performance.now();
  const { verdict } = await verifyReport(pdf, {
    trust,
    template: (id, v) => (id === template.id && v === template.version ? template : undefined),
  });
  verifyTimes.push(performance.now() - t);
  if (verdict.kind !== 'valid') throw new Error(`基准报告验证失败：${verdict.title}：${verdict.reason}`);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
out('report.verify', median(verifyTimes).toFixed(1), 'ms');
// The same file through poppler's pdfsig (signature only, no certificate check), for the ratio.
const tmp = path.join(mkdtempSync(path.join(tmpdir(), 'bench-verify-')), 'r.pdf');
writeFileSync(tmp, pdf);
const pdfsigTimes: number[] = [];
for (let run = 0; run < 11; run++) {
  const t = performance.now();
  spawnSync('pdfsig', ['-nocert', tmp], { stdio: 'ignore' });
  pdfsigTimes.push(performance.now() - t);
}
out('report.verify-pdfsig', median(pdfsigTimes).toFixed(1), 'ms');
out('report.verify-ratio-to-pdfsig', (median(verifyTimes) / median(pdfsigTimes)).toFixed(2), 'x');

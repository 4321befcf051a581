/**
 * The training completion certificate (培训合格证明) as PDF pages: who, which post, the
 * acknowledgement, every page studied with its version and date, quiz scores, the signature.
 */
import type { LearnerProgress, PathPage, SignOff } from './progress';
import { bestAttempt } from './progress';
import { formatTenths } from './tenths';
import { A4, addFooters, BRAND, CONTENT_W, GREY, Layout, pageHeader, type PageModel, type SizedMeasure } from './page-layout';

export const ACKNOWLEDGEMENT = '已阅读并理解岗位标准作业程序';

export interface CertificateInput {
  company: string;
  postName: string;
  learner: LearnerProgress;
  path: readonly PathPage[];
  signOff: SignOff;
  signature?: { imageId: string; width: number; height: number };
}

/** The page-quiz cell: the best passed score, never a failed attempt's score next to a dash. */
export function pageQuizCell(learner: LearnerProgress, page: PathPage): string {
  const passed = learner.attempts.filter((a) => a.scope === page.id && a.passed).sort((a, b) => b.score - a.score)[0];
  if (passed) return `通过（${formatTenths(passed.score)} 分）`;
  if (!page.questions) return '本篇无小测验';
  return '未通过';
}

export function layoutCertificate(c: CertificateInput, measure: SizedMeasure): PageModel[] {
  const layout = new Layout(measure, pageHeader(measure, c.company, `培训合格证明 · ${c.postName}`));
  layout.y = A4.height * 0.12;
  layout.paragraph('培训合格证明', { size: 24, bold: true, color: BRAND, gap: 10 });
  layout.paragraph(`${c.learner.name}（工号 ${c.learner.employeeNo}）已完成「${c.postName}」岗位标准作业程序的学习，并通过岗位测验。`, {
    size: 12,
    gap: 6,
  });
  const post = bestAttempt(c.learner, `post:${c.signOff.post}`);
  layout.paragraph(
    `岗位测验最高分 ${formatTenths(c.signOff.quizScore)}（共测验 ${c.learner.attempts.filter((a) => a.scope === `post:${c.signOff.post}`).length} 次${post ? `，通过于 ${post.at.slice(0, 10)}` : ''}）。签署日期 ${c.signOff.at.slice(0, 10)}。`,
    { size: 11, gap: 10 },
  );

  layout.heading('学习内容');
  layout.table(
    [
      { title: '篇目', width: 220 },
      { title: '版本', width: 90 },
      { title: '学完日期', width: 80 },
      { title: '本篇小测验', width: CONTENT_W - 390 },
    ],
    c.path
      .filter((p) => !p.optional)
      .map((p) => {
        const read = c.learner.reads[p.id];
        return {
          cells: [p.title, c.signOff.versions[p.id] ?? p.version, read ? read.at.slice(0, 10) : '—', pageQuizCell(c.learner, p)],
        };
      }),
  );

  layout.heading('本人确认', 110);
  layout.paragraph(`本人${ACKNOWLEDGEMENT}，将按上述程序开展工作。`, { size: 12, gap: 8 });
  layout.ensure(80);
  const top = layout.y;
  layout.page.ops.push({ kind: 'rect', x: 48, y: top, w: 240, h: 70, stroke: [0.75, 0.78, 0.78] });
  if (c.signature) {
    const h = 44;
    const w = Math.min(228, (c.signature.width / c.signature.height) * h);
    layout.page.ops.push({ kind: 'image', imageId: c.signature.imageId, x: 54, y: top + 6, w, h });
  }
  layout.page.ops.push({
    kind: 'text',
    x: 54,
    y: top + 64,
    size: 9,
    color: GREY,
    text: `${c.learner.name} · ${c.signOff.at.slice(0, 16).replace('T', ' ')}`,
  });
  layout.y = top + 80;
  addFooters(layout.pages, measure, `${c.learner.employeeNo} · ${c.signOff.post}`);
  return layout.pages;
}

// Realistic finalised inspections for tests, benchmarks and the monthly report's import tests:
// several templates, inspectors, projects and months; N/A, deductions, occasional veto failures,
// rectifications in every state, photos. Deterministic for a given seed.
import type { ChecklistTemplate, ItemAnswer } from '../../src/domain/checklist';
import { finalize, newInspection, setAnswer, setNote, setPhotos, type InspectionRecord } from '../../src/domain/inspection';
import { addDays, markDone, newRectification, verify, type Rectification } from '../../src/domain/rectification';
import { scoreInspection } from '../../src/domain/scoring';
import { encodePng } from './png';
import { seededRandom } from '../../src/domain/random';

export const INSPECTORS = ['李品质', '王主管'] as const;
export const PROJECTS = ['翠湖花园', '锦江名苑', '滨江一号'] as const;
const AREAS: Record<string, string[]> = {
  customer: ['服务中心', '1–3 栋', '4–6 栋'],
  security: ['南门岗', '北门岗', '地下车库', '监控中心'],
  engineering: ['配电房', '水泵房', '1 栋公共区域'],
  environment: ['中心花园', '1–6 栋楼道', '垃圾站'],
  survey: ['3 栋'],
};
const DEPARTMENT: Record<string, string> = {
  customer: '客服部',
  security: '安防部',
  engineering: '工程部',
  environment: '环境部',
  survey: '客服部',
};
const OWNERS = ['王芳', '张伟', '刘洋', '陈静', '赵磊'];
const NOTES = ['现场已口头提醒当班人员。', '拍照留存，待整改后复查。', '与当班主管确认，属实。', '业主反映过同类问题。'];

export interface SamplePhoto {
  id: string;
  itemId: string;
  width: number;
  height: number;
  png: Uint8Array;
}

/** A re-issue of a report with rectification progress, as the reviewer signs it at closure. */
export interface SampleUpdate {
  update: number;
  /** When it is signed: the moment of the last closure or verification it reports. */
  signedAt: string;
  signer: string;
  rectifications: Rectification[];
}

export interface SampleInspection {
  template: ChecklistTemplate;
  record: InspectionRecord;
  /** The rectifications as they end up (after every closure below). */
  rectifications: Rectification[];
  /** As at finalisation (all 待整改): what the report signed then carries. */
  atFinalisation: Rectification[];
  /** Re-issues signed when rectifications were closed or verified, in order; never dated after their signing. */
  updates: SampleUpdate[];
  photos: SamplePhoto[];
  signatures: { role: string; name: string; signedAt: string }[];
}

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}

function photo(rand: () => number, id: string, itemId: string): SamplePhoto {
  const [w, h] = [480, 360];
  const base = [60 + Math.floor(rand() * 120), 80 + Math.floor(rand() * 100), 70 + Math.floor(rand() * 80)];
  const png = encodePng(w, h, (x, y) => {
    const stripe = ((x >> 5) + (y >> 5)) % 2 ? 18 : 0;
    return [Math.min(255, base[0]! + stripe + (y >> 3)), Math.min(255, base[1]! + stripe), Math.min(255, base[2]! + (x >> 4))];
  });
  return { id, itemId, width: w, height: h, png };
}

/**
 * `count` inspections spread over the `months` months ending at `end` ("YYYY-MM"), alternating
 * inspectors and cycling templates and projects.
 */
export function sampleInspections(
  templates: ChecklistTemplate[],
  opts: { count: number; months: number; end: string; seed: number },
): SampleInspection[] {
  const rand = seededRandom(opts.seed);
  const inspections = templates.filter((t) => t.kind === 'inspection');
  const [endY, endM] = opts.end.split('-').map(Number) as [number, number];
  const out: SampleInspection[] = [];
  for (let i = 0; i < opts.count; i++) {
    const template = inspections[i % inspections.length]!;
    const back = i % opts.months;
    const monthIndex = endY * 12 + (endM - 1) - back;
    const y = Math.floor(monthIndex / 12);
    const m = (monthIndex % 12) + 1;
    const day = 1 + Math.floor(rand() * 27);
    const hour = 8 + Math.floor(rand() * 9);
    const at = `${y}-${pad(m)}-${pad(day)}T${pad(hour)}:${pad(Math.floor(rand() * 60))}:00.000+08:00`;
    const inspector = INSPECTORS[i % INSPECTORS.length]!;
    const project = PROJECTS[Math.floor(rand() * PROJECTS.length)]!;
    const areas = AREAS[template.line]!;
    const id = `sample-${opts.seed}-${pad(i + 1, 4)}`;
    let record = newInspection(
      template,
      { templateId: template.id, project, area: areas[Math.floor(rand() * areas.length)]!, inspector, inspectedAt: at },
      id,
      at,
    );
    const vetoThisTime = rand() < 0.12;
    for (const section of template.sections) {
      for (const item of section.items) {
        if (item.kind === 'rating') continue;
        let a: ItemAnswer;
        const r = rand();
        if (r < 0.07) a = { result: 'na' };
        else if (item.kind === 'check')
          a = { result: item.veto ? (vetoThisTime && r < 0.6 ? 'fail' : 'pass') : r < 0.16 ? 'fail' : 'pass' };
        else a = { result: 'findings', findings: item.veto ? 0 : r < 0.3 ? 1 + Math.floor(rand() * 3) : 0 };
        record = setAnswer(record, item.id, a, at);
      }
    }
    const score = scoreInspection(template, record.answers);
    const photos: SamplePhoto[] = [];
    const rects: Rectification[] = [];
    const opened: Rectification[] = [];
    const events: { doneAt?: string; verifiedAt?: string }[] = [];
    score.deductions.forEach((d, k) => {
      const item = template.sections.flatMap((s) => s.items).find((it) => it.id === d.itemId)!;
      if (k < 2) {
        const p = photo(rand, `${id}-p${k + 1}`, d.itemId);
        photos.push(p);
        record = setPhotos(record, d.itemId, [p.id], at);
        record = setNote(record, d.itemId, NOTES[Math.floor(rand() * NOTES.length)]!, at);
      }
      let r = newRectification(
        {
          id: `${id}:${d.itemId}`,
          inspectionId: id,
          itemId: d.itemId,
          description: `${item.text}不符合要求，按标准整改`,
          department: DEPARTMENT[template.line]!,
          owner: OWNERS[Math.floor(rand() * OWNERS.length)]!,
        },
        at.slice(0, 10),
        template.rectificationDays,
        at,
      );
      opened.push(r);
      const fate = rand();
      const doneAt = `${addDays(at.slice(0, 10), 1 + Math.floor(rand() * 4))}T10:00:00.000+08:00`;
      const verifiedAt = `${addDays(doneAt.slice(0, 10), 1)}T15:00:00.000+08:00`;
      events.push({ doneAt: fate < 0.7 ? doneAt : undefined, verifiedAt: fate < 0.5 ? verifiedAt : undefined });
      if (fate < 0.7) r = markDone(r, '已按要求整改完毕', [], doneAt);
      if (fate < 0.5) r = verify(r, inspector, verifiedAt);
      rects.push(r);
    });
    const finalAt = `${at.slice(0, 11)}${pad(Math.min(23, hour + 1))}:30:00.000+08:00`;
    record = finalize(template, record, finalAt);
    // The rectifications as they stood at a moment: only what had happened by then.
    const stateAt = (t: string) =>
      opened.map((r0, k) => {
        const e = events[k]!;
        let r = r0;
        if (e.doneAt && e.doneAt <= t) r = markDone(r, '已按要求整改完毕', [], e.doneAt);
        if (e.verifiedAt && e.verifiedAt <= t) r = verify(r, inspector, e.verifiedAt);
        return r;
      });
    // One re-issue when the last item was closed, another when the last one was verified (if later).
    const lastDone = events
      .flatMap((e) => (e.doneAt ? [e.doneAt] : []))
      .sort()
      .at(-1);
    const lastVerified = events
      .flatMap((e) => (e.verifiedAt ? [e.verifiedAt] : []))
      .sort()
      .at(-1);
    const updates: SampleUpdate[] = [];
    for (const t of [lastDone, lastVerified]) {
      if (!t || (updates.length && t <= updates.at(-1)!.signedAt)) continue;
      updates.push({ update: updates.length + 1, signedAt: t, signer: inspector, rectifications: stateAt(t) });
    }
    out.push({
      template,
      record,
      rectifications: rects,
      atFinalisation: opened,
      updates,
      photos,
      signatures: [
        { role: '检查人', name: inspector, signedAt: finalAt },
        { role: '受检部门代表', name: OWNERS[i % OWNERS.length]!, signedAt: finalAt },
      ],
    });
  }
  return out;
}

/**
 * An inspection record and the pure operations on it. Time and ids are passed in, never read.
 * A record carries its template's id, version and title, and — once final — the computed score,
 * so it stays meaningful after the template changes.
 */
import type { z } from 'astro/zod';
import type { inspectionRecordSchema } from '../schemas/backup';
import type { Answers, ChecklistTemplate, ItemAnswer } from './checklist';
import { scoreInspection } from './scoring';
import { scoreSurvey } from './survey';
import { deadlineError } from './rectification';
import { plainFields, plainText } from './plain-text';

export type InspectionStatus = InspectionRecord['status'];

/** A stored inspection record, as its schema (src/schemas/backup.ts) defines and validates it. */
export type InspectionRecord = z.output<typeof inspectionRecordSchema>;

export type InspectionHeader = Pick<InspectionRecord, 'templateId' | 'project' | 'area' | 'inspector' | 'inspectedAt'>;

/** "2026-11" from an ISO timestamp, for the by-month index and monthly reports. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

export function newInspection(template: ChecklistTemplate, header: InspectionHeader, id: string, now: string): InspectionRecord {
  return {
    ...plainFields(header),
    id,
    templateId: template.id,
    templateVersion: template.version,
    templateTitle: template.title,
    line: template.line,
    status: 'draft',
    answers: {},
    notes: {},
    photos: {},
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

export class ReadOnlyError extends Error {
  constructor() {
    super('该检查已定稿，不能修改；如需更正，请创建修订版。');
  }
}

function editable(record: InspectionRecord): void {
  if (record.status !== 'draft') throw new ReadOnlyError();
}

export function setAnswer(record: InspectionRecord, itemId: string, answer: ItemAnswer | null, now: string): InspectionRecord {
  editable(record);
  const answers = { ...record.answers };
  if (answer) answers[itemId] = answer;
  else delete answers[itemId];
  return { ...record, answers, updatedAt: now };
}

export function setNote(record: InspectionRecord, itemId: string, note: string, now: string): InspectionRecord {
  editable(record);
  const notes = { ...record.notes };
  note = plainText(note);
  if (note.trim()) notes[itemId] = note;
  else delete notes[itemId];
  return { ...record, notes, updatedAt: now };
}

export function setPhotos(record: InspectionRecord, itemId: string, photoIds: string[], now: string): InspectionRecord {
  editable(record);
  const photos = { ...record.photos };
  if (photoIds.length) photos[itemId] = photoIds;
  else delete photos[itemId];
  return { ...record, photos, updatedAt: now };
}

/** The record that counts: finalised and not replaced by a later revision (drafts and superseded versions don't). */
export function isCurrentFinal(record: Pick<InspectionRecord, 'status' | 'supersededBy'>): boolean {
  return record.status === 'final' && !record.supersededBy;
}

/** What the header fields and the start button are called: surveys have their own words. */
export function headerLabels(
  kind: ChecklistTemplate['kind'],
): Record<'project' | 'area' | 'inspector' | 'inspectedAt' | 'start' | 'finish', string> {
  return kind === 'survey'
    ? { project: '项目', area: '楼栋/房号', inspector: '调查员', inspectedAt: '调查时间', start: '开始调查', finish: '完成调查' }
    : { project: '项目', area: '区域/楼栋', inspector: '检查人', inspectedAt: '检查时间', start: '开始检查', finish: '完成检查' };
}

/** Records a stored photo's hash (and, for an annotated copy, which photo it was drawn on). */
export function setPhotoHash(
  record: InspectionRecord,
  photoId: string,
  sha256: string,
  now: string,
  annotatedFrom?: string,
): InspectionRecord {
  editable(record);
  const photoHashes = { ...record.photoHashes, [photoId]: annotatedFrom ? { sha256, originalOf: annotatedFrom } : { sha256 } };
  return { ...record, photoHashes, updatedAt: now };
}

export interface FinalizeProblem {
  kind: 'unanswered' | 'no-score' | 'rectification-owner' | 'rectification-deadline' | 'header' | 'photo-required';
  itemId?: string;
  message: string;
}

/** Everything that stops finalisation, in template order, in plain Chinese. */
export function finalizeProblems(
  template: ChecklistTemplate,
  record: InspectionRecord,
  rectifications: readonly { itemId: string; department: string; owner: string; deadline: string }[],
): FinalizeProblem[] {
  const problems: FinalizeProblem[] = [];
  const text = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.id, `${s.title}：${i.text}`] as const)));
  const survey = template.kind === 'survey';
  const labels = headerLabels(template.kind);
  for (const field of ['project', 'area', 'inspector'] as const) {
    if (!record[field].trim()) problems.push({ kind: 'header', message: `未填写${labels[field]}` });
  }
  if (survey) {
    for (const itemId of scoreSurvey(template, record.answers as Answers).unanswered) {
      problems.push({ kind: 'unanswered', itemId, message: `未作答：${text.get(itemId)}` });
    }
    return problems;
  }
  const score = scoreInspection(template, record.answers as Answers);
  for (const u of score.unanswered) problems.push({ kind: 'unanswered', itemId: u.itemId, message: `未作答：${text.get(u.itemId)}` });
  if (score.score === null && score.unanswered.length === 0 && score.vetoFailures.length === 0) {
    problems.push({ kind: 'no-score', message: '所有检查项都标为不适用，无法计算得分' });
  }
  const byItem = new Map(rectifications.map((r) => [r.itemId, r]));
  const items = new Map(template.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
  for (const d of score.deductions) {
    const item = items.get(d.itemId);
    if (item && item.kind !== 'rating' && item.photoOnFail && !record.photos[d.itemId]?.length)
      problems.push({ kind: 'photo-required', itemId: d.itemId, message: `不符合时须拍照留证：${text.get(d.itemId)}` });
  }
  for (const d of score.deductions) {
    const r = byItem.get(d.itemId);
    if (!r || !r.department.trim() || !r.owner.trim()) {
      problems.push({ kind: 'rectification-owner', itemId: d.itemId, message: `整改未指定责任部门和责任人：${text.get(d.itemId)}` });
    } else if (!r.deadline) {
      problems.push({ kind: 'rectification-deadline', itemId: d.itemId, message: `整改未设定期限：${text.get(d.itemId)}` });
    } else {
      const error = deadlineError(r.deadline, record.inspectedAt.slice(0, 10));
      if (error) problems.push({ kind: 'rectification-deadline', itemId: d.itemId, message: `${error}：${text.get(d.itemId)}` });
    }
  }
  return problems;
}

export function finalize(template: ChecklistTemplate, record: InspectionRecord, now: string): InspectionRecord {
  editable(record);
  if (template.kind === 'survey') {
    const { overall } = scoreSurvey(template, record.answers as Answers);
    return {
      ...record,
      status: 'final',
      finalizedAt: now,
      updatedAt: now,
      result: {
        score: null,
        grade: null,
        vetoFailed: false,
        earned: 0,
        possible: 0,
        survey: { rate: overall.rate, mean: overall.mean, answered: overall.answered, satisfied: overall.satisfied },
      },
    };
  }
  const s = scoreInspection(template, record.answers as Answers);
  return {
    ...record,
    status: 'final',
    finalizedAt: now,
    updatedAt: now,
    result: { score: s.score, grade: s.grade, vetoFailed: s.vetoFailures.length > 0, earned: s.earned, possible: s.possible },
  };
}

/** A correction: a new draft copying the final record; the original stays untouched until the revision is final. */
export function revise(record: InspectionRecord, id: string, now: string): InspectionRecord {
  if (record.status !== 'final') throw new Error('只有已定稿的检查可以创建修订版');
  if (record.supersededBy) throw new Error('该检查已有修订版，请修订最新版本');
  const { finalizedAt: _f, result: _r, supersededBy: _s, ...rest } = record;
  return { ...rest, id, status: 'draft', revision: record.revision + 1, revisionOf: record.id, createdAt: now, updatedAt: now };
}

/** What deleting a record means for the others: photos only it uses, and whether an earlier version becomes current again. */
export interface DeletionPlan {
  inspectionId: string;
  /** Photos stored under this record that no other record refers to (a revision shares its original's photos). */
  photoIds: string[];
  /** The record this (final) revision replaced: it is current again once the revision is gone. */
  restore?: string;
}

export function deletionPlan(
  target: InspectionRecord,
  all: readonly InspectionRecord[],
  photos: readonly { id: string; inspectionId: string }[],
): DeletionPlan {
  const usedElsewhere = new Set(all.filter((r) => r.id !== target.id).flatMap((r) => Object.values(r.photos).flat()));
  const photoIds = photos.filter((p) => p.inspectionId === target.id && !usedElsewhere.has(p.id)).map((p) => p.id);
  const previous = target.revisionOf ? all.find((r) => r.id === target.revisionOf) : undefined;
  return { inspectionId: target.id, photoIds, restore: previous?.supersededBy === target.id ? previous.id : undefined };
}

/** The question asked before deleting, in the words the record deserves. */
export function deletionQuestion(r: InspectionRecord): string {
  const what = `${r.templateTitle} · ${r.project} ${r.area}（${r.inspectedAt.slice(0, 10)}）`;
  return r.status === 'draft'
    ? `删除草稿「${what}」？其答案、照片和整改事项会一并删除，无法恢复。`
    : `删除已定稿的记录「${what}」？只在误建时删除：本设备上的答案、照片和整改事项会一并删除，无法恢复；已导出的签名报告不受影响。`;
}

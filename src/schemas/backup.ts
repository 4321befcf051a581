import { z } from './zod';
import { isoInstant } from './time';
import { TEMPLATE_LINE_IDS } from '../domain/taxonomy';

/** The device backup file (导出全部数据): every inspection, rectification and photo. */
// Times are strict: a zone is required and the date must exist ("2099-99-99" is refused).
const iso = isoInstant;
const answer = z.discriminatedUnion('result', [
  z.object({ result: z.enum(['pass', 'fail', 'na']) }),
  z.object({ result: z.literal('findings'), findings: z.number().int().min(0) }),
  z.object({
    result: z.literal('rating'),
    rating: z
      .number()
      .int()
      .min(1)
      .max(5)
      .transform((n) => n as 1 | 2 | 3 | 4 | 5),
  }),
]);

/** A stored inspection record: the schema is the one definition; `InspectionRecord` (domain/inspection.ts) is its output. */
export const inspectionRecordSchema = z.object({
  id: z.string().min(1),
  templateId: z.string().min(1),
  templateVersion: z.string().min(1),
  templateTitle: z.string().min(1),
  line: z.enum(TEMPLATE_LINE_IDS),
  project: z.string(),
  area: z.string(),
  inspector: z.string(),
  /** When the inspection took place (ISO 8601 with offset), default: when it was started. */
  inspectedAt: iso,
  status: z.enum(['draft', 'final']),
  answers: z.record(z.string(), answer),
  notes: z.record(z.string(), z.string()),
  /** Photo ids per item; the Blobs live in the photos store. */
  photos: z.record(z.string(), z.array(z.string())),
  photoHashes: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), originalOf: z.string().optional() })).optional(),
  createdAt: iso,
  updatedAt: iso,
  /** Set when finalised. */
  finalizedAt: iso.optional(),
  result: z
    .object({
      score: z.number().int().min(0).max(1000).nullable(),
      grade: z.enum(['excellent', 'pass', 'fail']).nullable(),
      vetoFailed: z.boolean(),
      earned: z.number().int().min(0),
      possible: z.number().int().min(0),
      /** Surveys: satisfaction rate and mean rating in tenths, over answered questions. */
      survey: z
        .object({ rate: z.number().nullable(), mean: z.number().nullable(), answered: z.number().int(), satisfied: z.number().int() })
        .optional(),
    })
    .optional(),
  /** 1 for the original; a correction is a new record with revision + 1 that points at the one it revises. */
  revision: z.number().int().min(1),
  revisionOf: z.string().optional(),
  /** Set on a record that a later revision replaces. */
  supersededBy: z.string().optional(),
});

/** A rectification (整改); `Rectification` (domain/rectification.ts) is this schema's output. */
export const rectificationSchema = z.object({
  id: z.string().min(1),
  inspectionId: z.string().min(1),
  itemId: z.string().min(1),
  /** What must be put right (defaults to the item and its finding). */
  description: z.string(),
  department: z.string(),
  owner: z.string(),
  /** Due date, YYYY-MM-DD. */
  deadline: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
  status: z.enum(['open', 'done', 'verified']),
  doneNote: z.string().optional(),
  afterPhotos: z.array(z.string()),
  doneAt: iso.optional(),
  verifiedAt: iso.optional(),
  verifiedBy: z.string().optional(),
  /** Why a 已整改 was sent back. */
  rejectedNote: z.string().optional(),
  createdAt: iso,
  updatedAt: iso,
});

export const backupPhotoSchema = z.object({
  id: z.string().min(1),
  inspectionId: z.string().min(1),
  itemId: z.string().min(1),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  createdAt: iso,
  type: z.enum(['image/jpeg', 'image/png', 'image/webp']),
  /** The image bytes, base64. */
  data: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, '照片数据不是有效的 base64'),
});

export const BACKUP_FORMAT = 'wuye-handbook-backup';

export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(1),
  exportedAt: iso,
  inspections: z.array(inspectionRecordSchema),
  rectifications: z.array(rectificationSchema),
  photos: z.array(backupPhotoSchema),
});

export type Backup = z.output<typeof backupSchema>;
export type BackupPhoto = z.output<typeof backupPhotoSchema>;

/** inspection-record.json attached to every report PDF. */
export const reportDocumentSchema = z
  .object({
    format: z.literal('wuye-inspection-report'),
    version: z.literal(1),
    record: inspectionRecordSchema.extend({ status: z.literal('final') }),
    rectifications: z.array(rectificationSchema),
    signatures: z.array(z.object({ role: z.string().min(1), name: z.string().min(1), signedAt: iso })),
    update: z.number().int().min(1).max(10000).optional(),
    supersedes: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .optional(),
  })
  .refine((d) => (d.update === undefined) === (d.supersedes === undefined), '更新文件须注明它所取代的文件');

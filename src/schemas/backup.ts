import { z } from 'astro/zod';

/** The device backup file (导出全部数据): every inspection, rectification and photo. */
const iso = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, '时间格式不正确');
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

export const inspectionRecordSchema = z.object({
  id: z.string().min(1),
  templateId: z.string().min(1),
  templateVersion: z.string().min(1),
  templateTitle: z.string().min(1),
  line: z.enum(['customer', 'security', 'engineering', 'environment', 'survey']),
  project: z.string(),
  area: z.string(),
  inspector: z.string(),
  inspectedAt: iso,
  status: z.enum(['draft', 'final']),
  answers: z.record(z.string(), answer),
  notes: z.record(z.string(), z.string()),
  photos: z.record(z.string(), z.array(z.string())),
  photoHashes: z.record(z.string(), z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), originalOf: z.string().optional() })).optional(),
  createdAt: iso,
  updatedAt: iso,
  finalizedAt: iso.optional(),
  result: z
    .object({
      score: z.number().int().min(0).max(1000).nullable(),
      grade: z.enum(['excellent', 'pass', 'fail']).nullable(),
      vetoFailed: z.boolean(),
      earned: z.number().int().min(0),
      possible: z.number().int().min(0),
      survey: z
        .object({ rate: z.number().nullable(), mean: z.number().nullable(), answered: z.number().int(), satisfied: z.number().int() })
        .optional(),
    })
    .optional(),
  revision: z.number().int().min(1),
  revisionOf: z.string().optional(),
  supersededBy: z.string().optional(),
});

export const rectificationSchema = z.object({
  id: z.string().min(1),
  inspectionId: z.string().min(1),
  itemId: z.string().min(1),
  description: z.string(),
  department: z.string(),
  owner: z.string(),
  deadline: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
  status: z.enum(['open', 'done', 'verified']),
  doneNote: z.string().optional(),
  afterPhotos: z.array(z.string()),
  doneAt: iso.optional(),
  verifiedAt: iso.optional(),
  verifiedBy: z.string().optional(),
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
export const reportDocumentSchema = z.object({
  format: z.literal('wuye-inspection-report'),
  version: z.literal(1),
  record: inspectionRecordSchema.extend({ status: z.literal('final') }),
  rectifications: z.array(rectificationSchema),
  signatures: z.array(z.object({ role: z.string().min(1), name: z.string().min(1), signedAt: iso })),
});

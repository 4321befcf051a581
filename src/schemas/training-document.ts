import { z } from './zod';
import { isoInstant } from './time';

/**
 * The record attached to a signed training certificate (training-record.json,
 * `adapters/pdf/certificate-pdf.ts`): who, the sign-off, the reading evidence and the quiz
 * attempts. Checked strictly when a supervisor's device imports a certificate.
 */
export const trainingDocumentSchema = z.object({
  learner: z.object({ name: z.string().min(1), employeeNo: z.string().min(1) }),
  signOff: z.object({
    post: z.string().min(1),
    at: isoInstant,
    versions: z.record(z.string(), z.string()),
    quizScore: z.number(),
    method: z.enum(['drawn', 'typed']).optional(),
  }),
  reads: z.record(
    z.string(),
    z.object({ at: isoInstant, version: z.string(), how: z.enum(['scrolled', 'ticked']), seconds: z.number().optional() }),
  ),
  attempts: z.array(
    z.object({
      scope: z.string().min(1),
      at: isoInstant,
      score: z.number(),
      passed: z.boolean(),
      questions: z.array(z.string()).optional(),
    }),
  ),
});

export type TrainingDocument = z.output<typeof trainingDocumentSchema>;

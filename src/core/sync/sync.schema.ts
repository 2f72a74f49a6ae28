import { z } from 'zod';

/** Inputs of the sync methods; pure, shared with the UI's forms. */

export const enrollInputSchema = z.object({
  registryUrl: z
    .string()
    .trim()
    .url()
    .refine((value) => /^https?:\/\//i.test(value), { message: 'http or https' })
    .max(500),
  code: z.string().trim().min(4).max(100),
  /** As printed on the enrollment letter; when given, a registry with another fingerprint is refused. */
  fingerprint: z.string().trim().max(200).optional(),
});
export type EnrollSyncInput = z.infer<typeof enrollInputSchema>;

export const previewInputSchema = z.object({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(200).default(50) });

export const filePathInputSchema = z.object({ path: z.string().trim().min(1).max(1000) });

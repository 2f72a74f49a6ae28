import { z } from 'zod';
import { publishedKeySchema } from './keys';

/** The protocol spoken on `/v1`; a registry that answers another is not talked to. */
export const PROTOCOL = 'inson.sync/1';

/** `GET /v1/hello`: who the registry is, its clock, its limits and its keys. */
export const helloSchema = z
  .object({
    protocol: z.literal(PROTOCOL),
    serverTime: z.string().datetime({ offset: true }),
    limits: z.object({ maxBatchBytes: z.number().int().positive() }).strict(),
    keys: z.array(publishedKeySchema),
  })
  .strict();
export type Hello = z.infer<typeof helloSchema>;

/** `POST /v1/centers/enroll` body and answer. */
export const enrollRequestSchema = z
  .object({ code: z.string().min(1).max(100), centerName: z.string().min(1).max(200), publicKey: z.string().min(1), kid: z.string().regex(/^[0-9a-f]{16}$/) })
  .strict();
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export const enrollResponseSchema = z
  .object({
    centerId: z.string().min(1),
    pseudonymKey: z.string().min(1),
    hello: helloSchema,
    /** The center's key as the registry's root key vouches for it (carried in certificates' QR codes). */
    centerKey: publishedKeySchema.optional(),
  })
  .strict();
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/**
 * `POST /v1/centers/{center}/keys` answer: the key, registered, with the registry root key's
 * statement about it. Posting a key again (a lost answer, or a key registered before statements
 * existed) is harmless and gives the same kind of statement.
 */
export const centerKeyResponseSchema = z.object({ kid: z.string().regex(/^[0-9a-f]{16}$/), centerKey: publishedKeySchema }).strict();
export type CenterKeyResponse = z.infer<typeof centerKeyResponseSchema>;

/** `GET /v1/centers/{center}/cursor`: how far the registry has the center's batches, without gaps. */
export const cursorSchema = z
  .object({
    centerId: z.string(),
    seq: z.number().int().nonnegative(),
    hash: z.string(),
    held: z.array(z.number().int()),
    missing: z.array(z.number().int()),
  })
  .strict();
export type Cursor = z.infer<typeof cursorSchema>;

/** The body of a refusal (4xx): a reason code the other side acts on, and for conflicts the cursor. */
export const refusalSchema = z.object({ error: z.string(), message: z.string().optional(), cursor: cursorSchema.optional() }).passthrough();
export type Refusal = z.infer<typeof refusalSchema>;

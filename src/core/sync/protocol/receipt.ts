import { z } from 'zod';
import type { CryptoPrimitives } from '../../crypto/primitives';
import { canonicalBytes } from './canonical-json';
import { ProtocolError } from './protocol-error';

/**
 * The registry's signed receipt for one batch: the only thing that acknowledges it. It names the
 * batch by id and digest, lists the records the registry refused (each with a reason), and
 * carries the center's audit chain head as the registry now holds it: the copy of the head that
 * no one at the center can rewrite. A resent batch gets the same receipt, byte for byte.
 */

export const RECEIPT_KIND = 'inson.receipt/1.0';

export const recordRejectionSchema = z.object({ id: z.string(), version: z.number().int(), type: z.string(), reason: z.string().max(200) }).strict();
export type RecordRejection = z.infer<typeof recordRejectionSchema>;

const receiptBodySchema = z
  .object({
    kind: z.literal(RECEIPT_KIND),
    batchId: z.string(),
    centerId: z.string(),
    seq: z.number().int().positive(),
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    receivedAt: z.string(),
    recordCount: z.number().int().nonnegative(),
    rejected: z.array(recordRejectionSchema),
    chainHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string() }).strict(),
    kid: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict();
export type ReceiptBody = z.infer<typeof receiptBodySchema>;

export const receiptSchema = receiptBodySchema.extend({ sig: z.string().min(1) }).strict();
export type Receipt = z.infer<typeof receiptSchema>;

/** @example signReceipt(crypto, body, registrySigningSeed) */
export function signReceipt(crypto: CryptoPrimitives, body: ReceiptBody, seed: Buffer): Receipt {
  return { ...body, sig: crypto.ed25519Sign(seed, canonicalBytes(body)).toString('base64') };
}

/**
 * Checks a receipt from the registry: its shape, its signature under a trusted registry signing
 * key, and that it names this batch (id, center and digest). Throws `ProtocolError` otherwise.
 *
 * @example verifyReceipt(crypto, json, { batchId, centerId, digest }, registrySigningKeys)
 */
export function verifyReceipt(
  crypto: CryptoPrimitives,
  value: unknown,
  expected: { readonly batchId: string; readonly centerId: string; readonly digest: string },
  signingKeys: ReadonlyMap<string, Buffer>,
): Receipt {
  const parsed = receiptSchema.safeParse(value);
  if (!parsed.success) throw new ProtocolError('malformed', 'not a receipt');
  const receipt = parsed.data;
  const key = signingKeys.get(receipt.kid);
  if (key === undefined) throw new ProtocolError('unknownKey', 'receipt signed by an unknown registry key');
  const { sig, ...body } = receipt;
  let isValid: boolean;
  try {
    isValid = crypto.ed25519Verify(key, canonicalBytes(body), Buffer.from(sig, 'base64'));
  } catch {
    isValid = false;
  }
  if (!isValid) throw new ProtocolError('badSignature', 'the receipt signature does not verify');
  if (receipt.batchId !== expected.batchId || receipt.centerId !== expected.centerId || receipt.digest !== expected.digest) {
    throw new ProtocolError('mismatch', 'the receipt names another batch');
  }
  return receipt;
}

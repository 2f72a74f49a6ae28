import { z } from 'zod';
import type { CryptoPrimitives } from '../../crypto/primitives';
import { canonicalBytes } from './canonical-json';
import { ProtocolError } from './protocol-error';
import { receiptSchema, type Receipt } from './receipt';

/**
 * Files that carry batches and receipts on a USB stick when there is no network. The batch file
 * holds the very envelopes the network path would send (encrypted to the registry: nothing on a
 * lost stick is readable) and a manifest signed by the center, so a file cut short or mixed with
 * another center's is refused whole. The receipts file is signed by the registry.
 */

export const TRANSFER_KIND = 'inson.transfer/1.0';
export const RECEIPTS_KIND = 'inson.receipts/1.0';
/** A transfer file larger than this is refused before it is parsed. */
export const MAX_TRANSFER_BYTES = 512 * 1024 * 1024;

const manifestSchema = z
  .object({
    kind: z.literal(TRANSFER_KIND),
    centerId: z.string().min(1),
    createdAt: z.string(),
    batches: z.array(z.object({ batchId: z.string(), seq: z.number().int().positive(), digest: z.string().regex(/^[0-9a-f]{64}$/) }).strict()),
    kid: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict();
export type TransferManifest = z.infer<typeof manifestSchema>;

const transferFileSchema = z.object({ manifest: manifestSchema, sig: z.string().min(1), envelopes: z.array(z.string()) }).strict();

/** @example const bytes = writeTransferFile(crypto, { centerId, createdAt, envelopes }, centerKey); */
export function writeTransferFile(
  crypto: CryptoPrimitives,
  input: { readonly centerId: string; readonly createdAt: string; readonly envelopes: readonly { readonly batchId: string; readonly seq: number; readonly bytes: Buffer }[] },
  signer: { readonly kid: string; readonly seed: Buffer },
): Buffer {
  const manifest: TransferManifest = {
    kind: TRANSFER_KIND,
    centerId: input.centerId,
    createdAt: input.createdAt,
    batches: input.envelopes.map((envelope) => ({ batchId: envelope.batchId, seq: envelope.seq, digest: crypto.sha256(envelope.bytes).toString('hex') })),
    kid: signer.kid,
  };
  const sig = crypto.ed25519Sign(signer.seed, canonicalBytes(manifest)).toString('base64');
  return Buffer.from(JSON.stringify({ manifest, sig, envelopes: input.envelopes.map((envelope) => envelope.bytes.toString('base64')) }), 'utf8');
}

/**
 * Reads a batch transfer file: its manifest's signature under the center's key (looked up by the
 * caller from the manifest's center and kid) and every envelope against the manifest's digests.
 */
export function readTransferFile(
  crypto: CryptoPrimitives,
  bytes: Buffer,
  centerKey: (centerId: string, kid: string) => Buffer | undefined,
): { readonly manifest: TransferManifest; readonly envelopes: readonly Buffer[] } {
  if (bytes.length > MAX_TRANSFER_BYTES) throw new ProtocolError('malformed', 'the transfer file is too large');
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ProtocolError('malformed', 'the transfer file is not JSON');
  }
  const parsed = transferFileSchema.safeParse(json);
  if (!parsed.success) throw new ProtocolError('malformed', 'not a transfer file');
  const { manifest, sig, envelopes } = parsed.data;
  const key = centerKey(manifest.centerId, manifest.kid);
  if (key === undefined) throw new ProtocolError('unknownKey', 'the transfer file is signed by an unknown center key');
  if (!safeVerify(crypto, key, canonicalBytes(manifest), sig)) throw new ProtocolError('badSignature', 'the transfer manifest signature does not verify');
  if (envelopes.length !== manifest.batches.length) throw new ProtocolError('mismatch', 'the transfer file does not hold what its manifest lists');
  const decoded = envelopes.map((envelope) => Buffer.from(envelope, 'base64'));
  decoded.forEach((envelope, index) => {
    if (crypto.sha256(envelope).toString('hex') !== manifest.batches[index]?.digest) throw new ProtocolError('mismatch', 'a batch in the transfer file does not match its manifest');
  });
  return { manifest, envelopes: decoded };
}

const receiptsFileBodySchema = z
  .object({ kind: z.literal(RECEIPTS_KIND), centerId: z.string(), createdAt: z.string(), receipts: z.array(receiptSchema), kid: z.string().regex(/^[0-9a-f]{16}$/) })
  .strict();
const receiptsFileSchema = receiptsFileBodySchema.extend({ sig: z.string().min(1) }).strict();
export type ReceiptsFile = z.infer<typeof receiptsFileSchema>;

/** @example writeReceiptsFile(crypto, { centerId, createdAt, receipts }, registrySigner) */
export function writeReceiptsFile(
  crypto: CryptoPrimitives,
  input: { readonly centerId: string; readonly createdAt: string; readonly receipts: readonly Receipt[] },
  signer: { readonly kid: string; readonly seed: Buffer },
): Buffer {
  const body = { kind: RECEIPTS_KIND, centerId: input.centerId, createdAt: input.createdAt, receipts: [...input.receipts], kid: signer.kid } as const;
  const sig = crypto.ed25519Sign(signer.seed, canonicalBytes(body)).toString('base64');
  return Buffer.from(JSON.stringify({ ...body, sig }), 'utf8');
}

/** Reads a receipts file signed by a trusted registry key; each receipt is still checked one by one by the caller. */
export function readReceiptsFile(crypto: CryptoPrimitives, bytes: Buffer, signingKeys: ReadonlyMap<string, Buffer>): ReceiptsFile {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ProtocolError('malformed', 'the receipts file is not JSON');
  }
  const parsed = receiptsFileSchema.safeParse(json);
  if (!parsed.success) throw new ProtocolError('malformed', 'not a receipts file');
  const { sig, ...body } = parsed.data;
  const key = signingKeys.get(body.kid);
  if (key === undefined) throw new ProtocolError('unknownKey', 'the receipts file is signed by an unknown registry key');
  if (!safeVerify(crypto, key, canonicalBytes(body), sig)) throw new ProtocolError('badSignature', 'the receipts file signature does not verify');
  return parsed.data;
}

function safeVerify(crypto: CryptoPrimitives, key: Buffer, message: Buffer, sig: string): boolean {
  try {
    return crypto.ed25519Verify(key, message, Buffer.from(sig, 'base64'));
  } catch {
    return false;
  }
}

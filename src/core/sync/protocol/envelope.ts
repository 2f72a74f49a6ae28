import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { CryptoPrimitives } from '../../crypto/primitives';
import { canonicalBytes } from './canonical-json';
import { ProtocolError } from './protocol-error';

/**
 * The sealed batch (DESIGN.md, "Batch protocol"; D9), shared by the center and the registry.
 *
 * The records are gzip-compressed and encrypted to the registry's X25519 key: an ephemeral key
 * pair per batch, HKDF-SHA256 over the shared secret, AES-256-GCM with the canonical header as
 * associated data (so no header field can be changed without the decryption failing). The whole
 * envelope, ciphertext included, is signed with the center's Ed25519 key. The envelope's bytes are
 * made once, at sealing, and stored: a resend sends exactly them, and their SHA-256 (`digest`)
 * is what receipts and the next batch's `prevHash` name.
 */

export const ENVELOPE_VERSION = 1;
export const BATCH_SCHEMA = 'inson.batch/1.0';
export const ENCRYPTION_ALG = 'X25519-HKDF-SHA256-A256GCM';
/** `prevHash` of a center's first batch. */
export const GENESIS_PREV_HASH = '0'.repeat(64);
/** What a decompressed batch may grow to; a larger one is refused (no gzip bomb opens here). */
export const MAX_PLAINTEXT_BYTES = 64 * 1024 * 1024;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const keyId = z.string().regex(/^[0-9a-f]{16}$/);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** One record in a batch: an entity's state at one version. `version` grows with every edit. */
export const batchRecordSchema = z
  .object({
    id: z.string().min(1).max(64),
    type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/),
    version: z.number().int().positive(),
    op: z.enum(['upsert', 'delete']),
    occurredAt: z.string().datetime({ offset: true }),
    data: z.record(z.string(), z.union([scalar, z.array(scalar)])),
  })
  .strict();
export type BatchRecord = z.infer<typeof batchRecordSchema>;

export const envelopeHeaderSchema = z
  .object({
    v: z.literal(ENVELOPE_VERSION),
    schema: z.literal(BATCH_SCHEMA),
    batchId: uuid,
    centerId: z.string().min(1).max(64),
    seq: z.number().int().positive(),
    prevHash: hex64,
    createdAt: z.string().datetime({ offset: true }),
    recordCount: z.number().int().nonnegative(),
    plainSha256: hex64,
    /** The center's audit chain head when the batch was sealed. */
    chainHead: z.object({ seq: z.number().int().nonnegative(), hash: hex64 }).strict(),
    enc: z.object({ alg: z.literal(ENCRYPTION_ALG), kid: keyId, epk: base64, iv: base64 }).strict(),
    signer: z.object({ kid: keyId }).strict(),
  })
  .strict();
export type EnvelopeHeader = z.infer<typeof envelopeHeaderSchema>;

const envelopeSchema = envelopeHeaderSchema.extend({ ciphertext: base64, sig: base64 }).strict();
export type Envelope = z.infer<typeof envelopeSchema>;

export interface SealInput {
  readonly batchId: string;
  readonly centerId: string;
  readonly seq: number;
  readonly prevHash: string;
  readonly createdAt: string;
  readonly types: Readonly<Record<string, string>>;
  readonly chainHead: { readonly seq: number; readonly hash: string };
  readonly records: readonly BatchRecord[];
  /** The registry's current encryption key. */
  readonly registryKey: { readonly kid: string; readonly publicKey: Buffer };
  /** The center's signing key. */
  readonly signer: { readonly kid: string; readonly seed: Buffer };
}

export interface SealedEnvelope {
  readonly header: EnvelopeHeader;
  /** The envelope as it travels and is stored; never rebuilt. */
  readonly bytes: Buffer;
  /** SHA-256 of `bytes`, hex. */
  readonly digest: string;
}

function aeadKey(crypto: CryptoPrimitives, sharedSecret: Buffer, epk: Buffer, recipient: Buffer, batchId: string): Buffer {
  return crypto.hkdfSha256(sharedSecret, Buffer.concat([epk, recipient]), Buffer.from(`${BATCH_SCHEMA} ${batchId}`, 'utf8'), 32);
}

function headerOf(envelope: Envelope): EnvelopeHeader {
  const { ciphertext: _ciphertext, sig: _sig, ...header } = envelope;
  return header;
}

/**
 * Seals records into an envelope: compress, encrypt to the registry, sign as the center.
 *
 * @example const sealed = sealEnvelope(nodeCryptoPrimitives, { batchId, centerId, seq: 1, prevHash: GENESIS_PREV_HASH, … });
 */
export function sealEnvelope(crypto: CryptoPrimitives, input: SealInput): SealedEnvelope {
  // The record types travel inside, with the records: the header says nothing of what a batch holds.
  const plaintext = Buffer.from(JSON.stringify({ types: input.types, records: input.records }), 'utf8');
  const ephemeral = randomBytes(32);
  const epk = crypto.x25519PublicKey(ephemeral);
  const iv = randomBytes(12);
  const header: EnvelopeHeader = {
    v: ENVELOPE_VERSION,
    schema: BATCH_SCHEMA,
    batchId: input.batchId,
    centerId: input.centerId,
    seq: input.seq,
    prevHash: input.prevHash,
    createdAt: input.createdAt,
    recordCount: input.records.length,
    plainSha256: crypto.sha256(plaintext).toString('hex'),
    chainHead: { seq: input.chainHead.seq, hash: input.chainHead.hash },
    enc: { alg: ENCRYPTION_ALG, kid: input.registryKey.kid, epk: epk.toString('base64'), iv: iv.toString('base64') },
    signer: { kid: input.signer.kid },
  };
  envelopeHeaderSchema.parse(header);
  const key = aeadKey(crypto, crypto.x25519SharedSecret(ephemeral, input.registryKey.publicKey), epk, input.registryKey.publicKey, input.batchId);
  ephemeral.fill(0);
  const sealed = crypto.aes256GcmEncrypt(key, iv, gzipSync(plaintext), canonicalBytes(header));
  key.fill(0);
  const unsigned = { ...header, ciphertext: Buffer.concat([sealed.ciphertext, sealed.tag]).toString('base64') };
  const sig = crypto.ed25519Sign(input.signer.seed, canonicalBytes(unsigned)).toString('base64');
  const bytes = canonicalBytes({ ...unsigned, sig });
  return { header, bytes, digest: crypto.sha256(bytes).toString('hex') };
}

/**
 * Reads an envelope's header without any key: its shape, version and schema are checked; nothing
 * is trusted yet. Throws `ProtocolError('malformed' | 'unsupportedSchema')`.
 */
export function parseEnvelope(bytes: Buffer): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new ProtocolError('malformed', 'the batch is not JSON');
  }
  if (typeof json === 'object' && json !== null && 'schema' in json && (json as { schema: unknown }).schema !== BATCH_SCHEMA) {
    throw new ProtocolError('unsupportedSchema', 'unknown batch schema');
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw new ProtocolError('malformed', 'the batch envelope is not well-formed');
  return parsed.data;
}

/** Checks the center's signature over the envelope. Throws `ProtocolError('badSignature')`. */
export function verifyEnvelopeSignature(crypto: CryptoPrimitives, envelope: Envelope, centerPublicKey: Buffer): void {
  const { sig, ...unsigned } = envelope;
  let isValid: boolean;
  try {
    isValid = crypto.ed25519Verify(centerPublicKey, canonicalBytes(unsigned), Buffer.from(sig, 'base64'));
  } catch {
    isValid = false;
  }
  if (!isValid) throw new ProtocolError('badSignature', 'the batch signature does not verify');
}

/**
 * Decrypts a verified envelope with the registry's private key named by `enc.kid`. Throws
 * `ProtocolError('decryptFailed' | 'plainHashMismatch' | 'malformed')`.
 */
/** A batch's content: each record type with its schema version (`major.minor`), and the records. */
export interface BatchContent {
  readonly types: Readonly<Record<string, string>>;
  readonly records: BatchRecord[];
}

const contentSchema = z.object({ types: z.record(z.string(), z.string().regex(/^\d+\.\d+$/)), records: z.array(z.unknown()) }).strict();

export function decryptEnvelope(crypto: CryptoPrimitives, envelope: Envelope, registryPrivateKey: Buffer): BatchContent {
  const header = headerOf(envelope);
  const epk = Buffer.from(header.enc.epk, 'base64');
  const iv = Buffer.from(header.enc.iv, 'base64');
  const sealed = Buffer.from(envelope.ciphertext, 'base64');
  if (epk.length !== 32 || iv.length !== 12 || sealed.length < 16) throw new ProtocolError('malformed', 'the batch encryption fields are not well-formed');
  let compressed: Buffer;
  try {
    const recipient = crypto.x25519PublicKey(registryPrivateKey);
    const key = aeadKey(crypto, crypto.x25519SharedSecret(registryPrivateKey, epk), epk, recipient, header.batchId);
    compressed = crypto.aes256GcmDecrypt(key, iv, { ciphertext: sealed.subarray(0, sealed.length - 16), tag: sealed.subarray(sealed.length - 16) }, canonicalBytes(header));
    key.fill(0);
  } catch {
    throw new ProtocolError('decryptFailed', 'the batch does not decrypt with this key');
  }
  let plaintext: Buffer;
  try {
    plaintext = gunzipSync(compressed, { maxOutputLength: MAX_PLAINTEXT_BYTES });
  } catch {
    throw new ProtocolError('malformed', 'the batch content does not decompress');
  }
  if (crypto.sha256(plaintext).toString('hex') !== header.plainSha256) throw new ProtocolError('plainHashMismatch', 'the batch content does not match its hash');
  let content: unknown;
  try {
    content = JSON.parse(plaintext.toString('utf8'));
  } catch {
    throw new ProtocolError('malformed', 'the batch content is not JSON');
  }
  const parsed = contentSchema.safeParse(content);
  if (!parsed.success || parsed.data.records.length !== header.recordCount) throw new ProtocolError('malformed', 'the batch content is not well-formed');
  // Records are checked one by one by the receiver: one bad record must not refuse the rest.
  return { types: parsed.data.types, records: parsed.data.records as BatchRecord[] };
}

/** SHA-256 of the envelope's bytes, hex: the batch's digest. */
export function envelopeDigest(crypto: CryptoPrimitives, bytes: Buffer): string {
  return crypto.sha256(bytes).toString('hex');
}

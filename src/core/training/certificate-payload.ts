import { z } from 'zod';
import { keyIdOf, type PublishedKey } from '../sync/protocol/keys';

/**
 * What a certificate's QR code carries: `INSON1.<payload>.<signature>[.<statement>]`, base64url,
 * the payload a compact JSON object signed by the center's Ed25519 key. Once the center is
 * enrolled, the fourth part is the registry root key's statement about that center key (its
 * public key, date and the root's signature), so anyone holding the registry's root public key
 * checks the certificate without a connection, whichever center issued it; a changed letter
 * anywhere fails a signature.
 */
export const QR_PREFIX = 'INSON1';

export const certificatePayloadSchema = z.object({
  /** Certificate number. */
  n: z.string().min(1).max(64),
  /** The learner's name as stored on the day of issue. */
  nm: z.string().min(1).max(400),
  /** The course's name in Uzbek (Latin). */
  c: z.string().min(1).max(200),
  /** Hours. */
  h: z.number().int().positive(),
  /** Day of issue, `YYYY-MM-DD`. */
  d: z.iso.date(),
  /** The center's name. */
  ctr: z.string().min(1).max(400),
  /** The signing key's id. */
  kid: z.string().regex(/^[0-9a-f]{16}$/),
});
export type CertificatePayload = z.output<typeof certificatePayloadSchema>;

/** @example encodePayload(payload) // Buffer of its canonical JSON */
export function encodePayload(payload: CertificatePayload): Buffer {
  // A fixed key order: the signed bytes must be the same wherever they are made again.
  const ordered = { n: payload.n, nm: payload.nm, c: payload.c, h: payload.h, d: payload.d, ctr: payload.ctr, kid: payload.kid };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/** The statement as the QR code carries it: the key's bytes, date, and the root's kid and signature. */
const qrStatementSchema = z.object({ k: z.string().min(1).max(100), t: z.string().min(1).max(40), b: z.string().regex(/^[0-9a-f]{16}$/), s: z.string().min(1).max(200) }).strict();

function encodeStatement(statement: PublishedKey): string | null {
  if (statement.endorsement === null) return null;
  return Buffer.from(JSON.stringify({ k: statement.publicKey, t: statement.createdAt, b: statement.endorsement.by, s: statement.endorsement.sig }), 'utf8').toString('base64url');
}

function decodeStatement(part: string): PublishedKey | null {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = qrStatementSchema.safeParse(json);
  if (!parsed.success) return null;
  const publicKey = Buffer.from(parsed.data.k, 'base64');
  if (publicKey.length !== 32) return null;
  return { kid: keyIdOf(publicKey), use: 'sig', publicKey: parsed.data.k, createdAt: parsed.data.t, endorsement: { by: parsed.data.b, sig: parsed.data.s } };
}

/** @example qrTextOf(bytes, signature, statement) // 'INSON1.eyJ….Mw….eyJr…' */
export function qrTextOf(payloadBytes: Buffer, signature: Buffer, statement?: PublishedKey): string {
  const base = `${QR_PREFIX}.${payloadBytes.toString('base64url')}.${signature.toString('base64url')}`;
  const carried = statement === undefined ? null : encodeStatement(statement);
  return carried === null ? base : `${base}.${carried}`;
}

export type ParsedQr =
  | { readonly ok: true; readonly payload: CertificatePayload; readonly payloadBytes: Buffer; readonly signature: Buffer; readonly statement: PublishedKey | null }
  | { readonly ok: false; readonly reason: 'malformed' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Splits and decodes a scanned QR text; anything not exactly our shape is `malformed`. */
export function parseQrText(text: string): ParsedQr {
  const parts = text.trim().split('.');
  if ((parts.length !== 3 && parts.length !== 4) || parts[0] !== QR_PREFIX) return { ok: false, reason: 'malformed' };
  const [, payloadPart = '', signaturePart = '', statementPart] = parts;
  if (!BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart) || (statementPart !== undefined && !BASE64URL.test(statementPart))) return { ok: false, reason: 'malformed' };
  const statement = statementPart === undefined ? null : decodeStatement(statementPart);
  if (statementPart !== undefined && statement === null) return { ok: false, reason: 'malformed' };
  const payloadBytes = Buffer.from(payloadPart, 'base64url');
  const signature = Buffer.from(signaturePart, 'base64url');
  if (signature.length !== 64) return { ok: false, reason: 'malformed' };
  let json: unknown;
  try {
    json = JSON.parse(payloadBytes.toString('utf8'));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const parsed = certificatePayloadSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: 'malformed' };
  if (statement !== null && statement.kid !== parsed.data.kid) return { ok: false, reason: 'malformed' };
  return { ok: true, payload: parsed.data, payloadBytes, signature, statement };
}

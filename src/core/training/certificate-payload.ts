import { z } from 'zod';

/**
 * What a certificate's QR code carries: `INSON1.<payload>.<signature>`, base64url, the payload a
 * compact JSON object signed by the center's Ed25519 key. Anyone holding the center's public key
 * (or the registry's list of them) checks it without a connection; a changed letter anywhere
 * fails the signature.
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

/** @example qrTextOf(bytes, signature) // 'INSON1.eyJ….Mw…' */
export function qrTextOf(payloadBytes: Buffer, signature: Buffer): string {
  return `${QR_PREFIX}.${payloadBytes.toString('base64url')}.${signature.toString('base64url')}`;
}

export type ParsedQr =
  | { readonly ok: true; readonly payload: CertificatePayload; readonly payloadBytes: Buffer; readonly signature: Buffer }
  | { readonly ok: false; readonly reason: 'malformed' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** Splits and decodes a scanned QR text; anything not exactly our shape is `malformed`. */
export function parseQrText(text: string): ParsedQr {
  const parts = text.trim().split('.');
  if (parts.length !== 3 || parts[0] !== QR_PREFIX) return { ok: false, reason: 'malformed' };
  const [, payloadPart = '', signaturePart = ''] = parts;
  if (!BASE64URL.test(payloadPart) || !BASE64URL.test(signaturePart)) return { ok: false, reason: 'malformed' };
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
  return { ok: true, payload: parsed.data, payloadBytes, signature };
}

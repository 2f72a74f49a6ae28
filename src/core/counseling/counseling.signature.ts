import { createHash, randomBytes } from 'node:crypto';

/**
 * Signatures of counseling records: SHA-256 over the canonical JSON (keys sorted at every level)
 * of the record's metadata, its confidential fields as plaintext, and a random 16-byte salt that
 * is itself stored sealed. The salt keeps the hash from confirming a guessed note to anyone
 * without the key; the plaintext (not the ciphertext) is what is hashed, so re-encrypting every
 * field under a new confidential key leaves every signature valid: nothing is re-signed.
 *
 * The clients a session is about are not signed: they live in `counseling_session_clients`,
 * which a client merge moves; the row digests of the audit log cover those links.
 */

const SESSION_FORMAT = 'inson.counseling.session.v1';
const ADDENDUM_FORMAT = 'inson.counseling.addendum.v1';
const COUNTERSIGN_FORMAT = 'inson.counseling.countersignature.v1';

type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

function canonical(value: Json): Json {
  if (Array.isArray(value)) return value.map((item: Json) => canonical(item));
  if (value !== null && typeof value === 'object') {
    const record = value as { readonly [key: string]: Json };
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, canonical(record[key] ?? null)]));
  }
  return value;
}

/** JSON with object keys sorted at every level, so equal content always hashes alike. */
export function canonicalJson(value: Json): string {
  return JSON.stringify(canonical(value));
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A fresh signing salt: 16 random bytes as hex (stored sealed, beside the record). */
export function newSignatureSalt(): string {
  return randomBytes(16).toString('hex');
}

/** What a session's signature covers. */
export interface SignedSessionContent {
  readonly id: string;
  readonly psychologistId: string;
  readonly startedAt: string;
  readonly kind: string;
  readonly form: string;
  readonly durationMinutes: number;
  readonly concerns: readonly string[];
  readonly interventions: readonly string[];
  readonly nextAppointmentAt: string | null;
  readonly sensitivity: string;
  readonly riskLevel: string | null;
  readonly signedBy: string;
  readonly signedAt: string;
  /** Plaintext. */
  readonly note: string;
  /** Plaintext. */
  readonly progress: string;
  /** Plaintext (hex). */
  readonly salt: string;
}

/**
 * The signature hash of a session: depends on plaintext only, never on a ciphertext or a key id.
 *
 * @example const hash = sessionSignatureHash({ ...metadata, signedBy, signedAt, note, progress, salt });
 */
export function sessionSignatureHash(content: SignedSessionContent): string {
  return sha256(canonicalJson({ format: SESSION_FORMAT, ...content }));
}

/** What an addendum's own hash covers. */
export interface SignedAddendumContent {
  readonly id: string;
  readonly sessionId: string;
  readonly authorId: string;
  readonly createdAt: string;
  /** Plaintext. */
  readonly text: string;
  /** Plaintext (hex). */
  readonly salt: string;
}

/** @example const hash = addendumSignatureHash({ id, sessionId, authorId, createdAt, text, salt }); */
export function addendumSignatureHash(content: SignedAddendumContent): string {
  return sha256(canonicalJson({ format: ADDENDUM_FORMAT, ...content }));
}

/** A supervisor's countersignature: over the session's signature hash, the supervisor and the time. */
export function countersignatureHash(content: { readonly sessionId: string; readonly signatureHash: string; readonly countersignedBy: string; readonly countersignedAt: string }): string {
  return sha256(canonicalJson({ format: COUNTERSIGN_FORMAT, ...content }));
}

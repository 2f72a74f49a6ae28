/**
 * Why a batch, receipt or transfer file was refused by the protocol's own checks. The registry
 * answers these with 422 (never retried); the center treats them as a failed contact.
 */
export type ProtocolErrorCode =
  | 'malformed'
  | 'unsupportedSchema'
  | 'badSignature'
  | 'unknownKey'
  | 'decryptFailed'
  | 'plainHashMismatch'
  | 'mismatch';

export class ProtocolError extends Error {
  constructor(
    readonly code: ProtocolErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

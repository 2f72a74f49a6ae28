import { createHash } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../api/errors';
import { canonicalJson } from '../crypto/keyring';
import type { CryptoPrimitives } from '../crypto/primitives';
import { backupError } from './backup.errors';

/**
 * The backup file: one file a center can carry on a USB drive, laid out as
 *
 *   "INSONBAK" (8 bytes) | format version (u32, big-endian) | manifest length (u32) | manifest (UTF-8 JSON) | parts
 *
 * the parts (the encrypted database copy, the keyring, the audit anchors) following one another
 * in the manifest's order, each with its size and SHA-256 in the manifest. Nothing in it is
 * readable without a key slot: the database is the SQLCipher copy under the center's own key, the
 * keyring holds only wrapped keys. The manifest is in the clear (it is needed before any key):
 * it carries no personal data (center id, counts, dates, hashes) and a MAC under a key derived
 * from the database key, checked once a slot has been opened, so a manifest edited by hand is
 * refused at restore.
 */
const MAGIC = Buffer.from('INSONBAK', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;
export const BACKUP_FILE_SUFFIX = '.inson-backup';
/** A file being written: never listed, never restored; removed by the next backup run. */
export const PARTIAL_SUFFIX = '.partial';
const MAX_MANIFEST_BYTES = 64 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const MANIFEST_MAC_INFO = Buffer.from('inson.backup.manifest.v1');

export const BACKUP_PARTS = ['center.db', 'keyring.json', 'audit-anchors.json'] as const;
export type BackupPartName = (typeof BACKUP_PARTS)[number];

const partSchema = z.object({
  name: z.enum(BACKUP_PARTS),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const manifestSchema = z.object({
  format: z.literal('inson-backup'),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  centerId: z.string().min(1).max(64),
  appVersion: z.string().max(64),
  /** The last migration the database applied: a newer one than this build knows is refused. */
  schemaVersion: z.string().max(200),
  createdAt: z.iso.datetime(),
  clientCount: z.number().int().nonnegative(),
  chainHead: z.object({ seq: z.number().int().nonnegative(), hash: z.string().max(128) }),
  parts: z.array(partSchema).min(2).max(BACKUP_PARTS.length),
  /** HMAC-SHA256 of the rest of the manifest (canonical JSON) under HKDF(database key). */
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

export type BackupManifest = z.infer<typeof manifestSchema>;
export type BackupPart = z.infer<typeof partSchema>;
export type UnsignedManifest = Omit<BackupManifest, 'mac'>;

export interface BackupHeader {
  readonly manifest: BackupManifest;
  /** Where the first part starts. */
  readonly partsOffset: number;
  readonly fileSizeBytes: number;
}

function unreadable(detail: string): AppError {
  return backupError('BAD_REQUEST', 'backupUnreadable', { detail });
}

/** The manifest's MAC (hex) under the database key. */
export function manifestMac(primitives: CryptoPrimitives, manifest: UnsignedManifest, databaseKey: Buffer): string {
  const key = primitives.hkdfSha256(databaseKey, Buffer.alloc(0), MANIFEST_MAC_INFO, 32);
  try {
    return primitives.hmacSha256(key, Buffer.from(canonicalJson(manifest), 'utf8')).toString('hex');
  } finally {
    key.fill(0);
  }
}

/** True when the manifest's MAC holds under this database key (constant time enough: a MAC, not a secret). */
export function isManifestAuthentic(primitives: CryptoPrimitives, manifest: BackupManifest, databaseKey: Buffer): boolean {
  const { mac, ...rest } = manifest;
  return manifestMac(primitives, rest, databaseKey) === mac;
}

/** SHA-256 and size of a file, read in chunks. */
export function hashFile(path: string): { readonly sha256: string; readonly sizeBytes: number } {
  const fd = openSync(path, 'r');
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let sizeBytes = 0;
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (read === 0) break;
      hash.update(buffer.subarray(0, read));
      sizeBytes += read;
    }
    return { sha256: hash.digest('hex'), sizeBytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the backup file at `path` (a temporary name: the caller renames it once checked) and
 * makes it durable. Each part is hashed again while it is copied: a source that changed between
 * the manifest and the copy fails here instead of producing a file whose manifest lies.
 */
export function writeBackupFile(path: string, manifest: BackupManifest, sources: Readonly<Record<string, string>>): void {
  const manifestBytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  if (manifestBytes.length > MAX_MANIFEST_BYTES) throw new AppError('INTERNAL', { reason: 'backupManifestTooLarge' });
  const header = Buffer.alloc(16);
  MAGIC.copy(header, 0);
  header.writeUInt32BE(BACKUP_FORMAT_VERSION, 8);
  header.writeUInt32BE(manifestBytes.length, 12);
  const out = openSync(path, 'wx', 0o600);
  try {
    writeSync(out, header);
    writeSync(out, manifestBytes);
    const buffer = Buffer.alloc(CHUNK_BYTES);
    for (const part of manifest.parts) {
      const source = sources[part.name];
      if (source === undefined) throw new AppError('INTERNAL', { reason: 'backupPartMissing' });
      const input = openSync(source, 'r');
      try {
        const hash = createHash('sha256');
        let copied = 0;
        for (;;) {
          const read = readSync(input, buffer, 0, CHUNK_BYTES, null);
          if (read === 0) break;
          hash.update(buffer.subarray(0, read));
          writeSync(out, buffer, 0, read);
          copied += read;
        }
        if (copied !== part.sizeBytes || hash.digest('hex') !== part.sha256) throw new AppError('INTERNAL', { reason: 'backupPartChanged', part: part.name });
      } finally {
        closeSync(input);
      }
    }
    fsyncSync(out);
  } finally {
    closeSync(out);
  }
}

/**
 * Reads and validates the header and manifest of a backup file (no key needed). Throws
 * BAD_REQUEST `backupUnreadable` for anything that is not a whole backup of this format.
 *
 * @example const { manifest } = readBackupHeader('/media/usb/inson-2026-12-04-2000.inson-backup');
 */
export function readBackupHeader(path: string): BackupHeader {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw backupError('NOT_FOUND', 'backup');
  }
  try {
    const fileSizeBytes = fstatSync(fd).size;
    const header = Buffer.alloc(16);
    if (readSync(fd, header, 0, 16, 0) !== 16 || !header.subarray(0, 8).equals(MAGIC)) throw unreadable('notABackup');
    if (header.readUInt32BE(8) !== BACKUP_FORMAT_VERSION) throw unreadable('formatVersion');
    const length = header.readUInt32BE(12);
    if (length === 0 || length > MAX_MANIFEST_BYTES) throw unreadable('manifest');
    const manifestBytes = Buffer.alloc(length);
    if (readSync(fd, manifestBytes, 0, length, 16) !== length) throw unreadable('manifest');
    let parsed: unknown;
    try {
      parsed = JSON.parse(manifestBytes.toString('utf8'));
    } catch {
      throw unreadable('manifest');
    }
    const result = manifestSchema.safeParse(parsed);
    if (!result.success) throw unreadable('manifest');
    const manifest = result.data;
    const names = manifest.parts.map((part) => part.name);
    if (new Set(names).size !== names.length || !names.includes('center.db') || !names.includes('keyring.json')) throw unreadable('parts');
    const partsOffset = 16 + length;
    const expectedSize = partsOffset + manifest.parts.reduce((sum, part) => sum + part.sizeBytes, 0);
    // A file cut short (a USB drive pulled out) or padded is not a backup.
    if (expectedSize !== fileSizeBytes) throw unreadable('size');
    return { manifest, partsOffset, fileSizeBytes };
  } finally {
    closeSync(fd);
  }
}

/**
 * Copies one part out of the backup file to `destination` (created new, owner-only), checking its
 * SHA-256; a part that does not match its manifest throws `backupUnreadable`.
 */
export function extractPart(path: string, header: BackupHeader, name: BackupPartName, destination: string): void {
  let offset = header.partsOffset;
  let part: BackupPart | undefined;
  for (const candidate of header.manifest.parts) {
    if (candidate.name === name) {
      part = candidate;
      break;
    }
    offset += candidate.sizeBytes;
  }
  if (part === undefined) throw unreadable('parts');
  const input = openSync(path, 'r');
  const out = openSync(destination, 'wx', 0o600);
  try {
    const hash = createHash('sha256');
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let remaining = part.sizeBytes;
    let position = offset;
    while (remaining > 0) {
      const read = readSync(input, buffer, 0, Math.min(CHUNK_BYTES, remaining), position);
      if (read === 0) throw unreadable('size');
      hash.update(buffer.subarray(0, read));
      writeSync(out, buffer, 0, read);
      remaining -= read;
      position += read;
    }
    if (hash.digest('hex') !== part.sha256) throw unreadable('checksum');
    fsyncSync(out);
  } finally {
    closeSync(out);
    closeSync(input);
  }
}

/** Reads one (small) part into memory, checked: the keyring, the anchors. */
export function readPart(path: string, header: BackupHeader, name: BackupPartName): Buffer | null {
  let offset = header.partsOffset;
  for (const part of header.manifest.parts) {
    if (part.name === name) {
      if (part.sizeBytes > 16 * 1024 * 1024) throw unreadable('parts');
      const bytes = Buffer.alloc(part.sizeBytes);
      const fd = openSync(path, 'r');
      try {
        if (readSync(fd, bytes, 0, part.sizeBytes, offset) !== part.sizeBytes) throw unreadable('size');
      } finally {
        closeSync(fd);
      }
      if (createHash('sha256').update(bytes).digest('hex') !== part.sha256) throw unreadable('checksum');
      return bytes;
    }
    offset += part.sizeBytes;
  }
  return null;
}

/**
 * Checks every part's SHA-256 against the manifest, reading the whole file once: what a backup
 * run does before it renames the file into place, and what listing marks as good.
 */
export function checkBackupFile(path: string): BackupHeader {
  const header = readBackupHeader(path);
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(CHUNK_BYTES);
    let position = header.partsOffset;
    for (const part of header.manifest.parts) {
      const hash = createHash('sha256');
      let remaining = part.sizeBytes;
      while (remaining > 0) {
        const read = readSync(fd, buffer, 0, Math.min(CHUNK_BYTES, remaining), position);
        if (read === 0) throw unreadable('size');
        hash.update(buffer.subarray(0, read));
        remaining -= read;
        position += read;
      }
      if (hash.digest('hex') !== part.sha256) throw unreadable('checksum');
    }
  } finally {
    closeSync(fd);
  }
  return header;
}

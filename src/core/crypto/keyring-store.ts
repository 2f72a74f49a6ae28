import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { isKeyringIntact, keyringSchema, sealKeyring, type Keyring } from './keyring';
import { keyringV1Schema, type KeyringV1 } from './keyring-v1';
import type { CryptoPrimitives } from './primitives';

export const KEYRING_FILE_NAME = 'keyring.json';

export function keyringPath(dataDir: string): string {
  return join(dataDir, KEYRING_FILE_NAME);
}

/** A keyring of either format: format 1 is only ever read to be migrated. */
export type AnyKeyring = Keyring | KeyringV1;

/**
 * Reads a keyring file; null when there is none (the center is not set up). A file that is not
 * JSON is reported, never replaced: without it the database cannot be opened. A file that is
 * JSON but not a keyring we wrote (a field out of shape, an scrypt cost out of bounds) was
 * changed by someone else: KEYRING_TAMPERED, before any scrypt runs on it.
 */
export function readKeyringFile(path: string): AnyKeyring | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('INTERNAL', { reason: 'keyringUnreadable' });
  }
  const version = typeof raw === 'object' && raw !== null && 'version' in raw ? raw.version : undefined;
  const parsed = version === 1 ? keyringV1Schema.safeParse(raw) : keyringSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('KEYRING_TAMPERED');
  return parsed.data;
}

export function writeKeyringFile(path: string, keyring: Keyring): void {
  writeFileAtomic(path, `${JSON.stringify(keyring, null, 2)}\n`);
}

/** What the store seals with: the primitives and the database key the core holds while it is open. */
export interface KeyringSealer {
  readonly primitives: CryptoPrimitives;
  databaseKey(): Buffer | null;
}

/**
 * The keyring file of one data folder. Updates are serialized (read, check the MAC, change, seal,
 * atomic write), so two requests changing different slots at once cannot lose one another's
 * change, and a file someone else rewrote is refused rather than re-sealed.
 *
 * @example
 * const store = new KeyringStore(dataDir, { primitives, databaseKey: () => auth.databaseKey });
 * await store.update((keyring) => removeUserSlot(keyring, userId));
 */
export class KeyringStore {
  readonly path: string;
  readonly #sealer: KeyringSealer;
  #queue: Promise<unknown> = Promise.resolve();
  #changeQueue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string, sealer: KeyringSealer) {
    this.path = keyringPath(dataDir);
    this.#sealer = sealer;
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Deletes leftovers of a crashed write. Only at start-up, when this process is the only writer. */
  cleanUp(): number {
    return existsSync(this.path) ? removeStaleTempFiles(this.path) : 0;
  }

  /** The file as it is, either format, unverified (sign-in verifies it once a slot gave the database key). */
  readAny(): AnyKeyring | null {
    return readKeyringFile(this.path);
  }

  /** Reads the keyring of either format, or throws NOT_SET_UP. */
  requireAny(): AnyKeyring {
    const keyring = this.readAny();
    if (!keyring) throw new AppError('NOT_SET_UP');
    return keyring;
  }

  /** Reads a format-2 keyring, or throws NOT_SET_UP (and INTERNAL for a format-1 file not migrated yet). */
  require(): Keyring {
    const keyring = this.requireAny();
    if (keyring.version !== 2) throw new AppError('INTERNAL', { reason: 'keyringNotMigrated' });
    return keyring;
  }

  /** Writes the first keyring (already sealed); refuses if one exists (a second setup must never replace the keys). */
  create(keyring: Keyring): Promise<void> {
    return this.#serialize(() => {
      if (this.exists()) throw new AppError('ALREADY_SET_UP');
      writeKeyringFile(this.path, keyring);
    });
  }

  /** Replaces the file with `keyring` sealed under `databaseKey` (format migration, which runs before the key is held). */
  replace(keyring: Keyring, databaseKey: Buffer): Promise<Keyring> {
    return this.#serialize(() => {
      const sealed = sealKeyring(this.#sealer.primitives, keyring, databaseKey);
      writeKeyringFile(this.path, sealed);
      return sealed;
    });
  }

  /**
   * Reads, checks the MAC, changes, seals and writes, serialized with every other update. `change`
   * is handed the database key the file is sealed with: a slot wrapped now must wrap that key,
   * not one unwrapped before a rotation that ran meanwhile.
   */
  update(change: (current: Keyring, databaseKey: Buffer) => Keyring | Promise<Keyring>): Promise<Keyring> {
    return this.#serialize(async () => {
      const databaseKey = this.#sealer.databaseKey();
      if (!databaseKey) throw new AppError('LOCKED');
      const current = this.require();
      if (!isKeyringIntact(this.#sealer.primitives, current, databaseKey)) throw new AppError('KEYRING_TAMPERED');
      const next = sealKeyring(this.#sealer.primitives, await change(current, databaseKey), databaseKey);
      writeKeyringFile(this.path, next);
      return next;
    });
  }

  /**
   * Runs `work` alone among the file's updates, handing it a writer that seals under a key of its
   * choosing: a rotation writes under the old key, re-keys the database, then writes under the new.
   */
  exclusive<T>(work: (io: { read(): Keyring; write(keyring: Keyring, databaseKey: Buffer): Keyring }) => Promise<T>): Promise<T> {
    return this.#serialize(() =>
      work({
        read: () => this.require(),
        write: (keyring, databaseKey) => {
          const sealed = sealKeyring(this.#sealer.primitives, keyring, databaseKey);
          writeKeyringFile(this.path, sealed);
          return sealed;
        },
      }),
    );
  }

  /**
   * Holds staff changes (their two-phase slot edits) and key rotations apart: a rotation never
   * starts between a change's intent and its application.
   */
  withKeyChange<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#changeQueue.then(work, work);
    this.#changeQueue = run.catch(() => undefined);
    return run;
  }

  #serialize<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

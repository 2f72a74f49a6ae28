import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../api/errors';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { keyringSchema, type Keyring } from './keyring';

export const KEYRING_FILE_NAME = 'keyring.json';

export function keyringPath(dataDir: string): string {
  return join(dataDir, KEYRING_FILE_NAME);
}

/**
 * Reads a keyring file; null when there is none (the center is not set up). A file that does not
 * parse is reported, never replaced: without it the database cannot be opened.
 */
export function readKeyringFile(path: string): Keyring | null {
  if (!existsSync(path)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('INTERNAL', { reason: 'keyringUnreadable' });
  }
  const parsed = keyringSchema.safeParse(raw);
  if (!parsed.success) throw new AppError('INTERNAL', { reason: 'keyringUnreadable' });
  return parsed.data;
}

export function writeKeyringFile(path: string, keyring: Keyring): void {
  writeFileAtomic(path, `${JSON.stringify(keyring, null, 2)}\n`);
}

/**
 * The keyring file of one data folder. Updates are serialized (read, change, atomic write), so
 * two requests changing different slots at once cannot lose one another's change.
 *
 * @example
 * const store = new KeyringStore(dataDir);
 * await store.update((keyring) => removeUserSlot(keyring, userId));
 */
export class KeyringStore {
  readonly path: string;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(dataDir: string) {
    this.path = keyringPath(dataDir);
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Deletes leftovers of a crashed write. Only at start-up, when this process is the only writer. */
  cleanUp(): number {
    return existsSync(this.path) ? removeStaleTempFiles(this.path) : 0;
  }

  read(): Keyring | null {
    return readKeyringFile(this.path);
  }

  /** Reads the keyring, or throws NOT_SET_UP. */
  require(): Keyring {
    const keyring = this.read();
    if (!keyring) throw new AppError('NOT_SET_UP');
    return keyring;
  }

  /** Writes the first keyring; refuses if one exists (a second setup must never replace the keys). */
  create(keyring: Keyring): Promise<void> {
    return this.#serialize(() => {
      if (this.exists()) throw new AppError('ALREADY_SET_UP');
      writeKeyringFile(this.path, keyring);
    });
  }

  update(change: (current: Keyring) => Keyring | Promise<Keyring>): Promise<Keyring> {
    return this.#serialize(async () => {
      const next = await change(this.require());
      writeKeyringFile(this.path, next);
      return next;
    });
  }

  #serialize<T>(work: () => T | Promise<T>): Promise<T> {
    const run = this.#queue.then(work, work);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

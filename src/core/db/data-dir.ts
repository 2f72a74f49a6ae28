import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';

/** Only the account that runs the app may list or enter the data folder. */
export const DATA_DIR_MODE = 0o700;

/**
 * Creates the data folder if asked and, where the platform has POSIX modes, takes group and
 * others' access away from it (a folder Electron, an older version or a person made 0755 is
 * tightened too). The keyring and the database are encrypted, but their names, sizes and change
 * times are nobody else's business, and a readable folder lets any local account copy them for
 * offline guessing. Windows folders inherit the per-user ACL of `%APPDATA%` instead.
 *
 * @example ensurePrivateDataDir(dataDir, { create: true });
 */
export function ensurePrivateDataDir(dataDir: string, options: { readonly create: boolean }, platform: NodeJS.Platform = process.platform): void {
  if (options.create) mkdirSync(dataDir, { recursive: true, mode: DATA_DIR_MODE });
  if (platform === 'win32' || !existsSync(dataDir)) return;
  if ((statSync(dataDir).mode & 0o777) === DATA_DIR_MODE) return;
  try {
    chmodSync(dataDir, DATA_DIR_MODE);
  } catch {
    // A folder owned by another account cannot be tightened by us; opening it still works.
  }
}

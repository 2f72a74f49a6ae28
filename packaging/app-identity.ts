import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Who the application is, for every installer: taken from package.json (name, productName, version,
 * description, license) plus the identifiers the platforms key on. Changing APP_ID or
 * EXECUTABLE_NAME after a release makes Windows and macOS treat the next version as another app.
 */

export const PROJECT_DIR = join(import.meta.dirname, '..');

/** Reverse-DNS id: the Windows AppUserModelID and install key, the macOS bundle id. */
export const APP_ID = 'uz.inson.center';

/** The program file: inson-center.exe, inson-center.app's binary, /usr/bin/inson-center. */
export const EXECUTABLE_NAME = 'inson-center';

export interface AppIdentity {
  readonly name: string;
  readonly productName: string;
  readonly version: string;
  readonly description: string;
  readonly license: string;
  /** electron-updater's download cache folder name (under the OS cache folder). */
  readonly updaterCacheDirName: string;
}

function requireString(manifest: Record<string, unknown>, key: string): string {
  const value = manifest[key];
  if (typeof value !== 'string' || value === '') throw new Error(`package.json has no "${key}"`);
  return value;
}

/**
 * Reads the app's identity from a package.json.
 *
 * @example readAppIdentity().productName; // 'INSON Center'
 */
export function readAppIdentity(packageJsonPath: string = join(PROJECT_DIR, 'package.json')): AppIdentity {
  const manifest = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as Record<string, unknown>;
  const name = requireString(manifest, 'name');
  return {
    name,
    productName: requireString(manifest, 'productName'),
    version: requireString(manifest, 'version'),
    description: requireString(manifest, 'description'),
    license: requireString(manifest, 'license'),
    updaterCacheDirName: `${name}-updater`,
  };
}

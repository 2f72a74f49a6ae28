import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'INSON Center';

/**
 * The per-user data folder, the same one Electron's `app.getPath('userData')` gives the desktop
 * app, so the browser harness and the CLI open the center's real data by default.
 */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

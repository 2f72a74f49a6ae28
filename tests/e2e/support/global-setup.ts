import { execFileSync } from 'node:child_process';
import { PROJECT_DIR } from './harness';

/**
 * Builds the renderer once, if its sources changed since the last build, before any file runs;
 * each harness then starts with --no-build, so no test waits on a rebuild.
 */
export default function setup(): void {
  execFileSync(process.execPath, ['scripts/web.mjs', '--build-only'], { cwd: PROJECT_DIR, stdio: 'inherit' });
}

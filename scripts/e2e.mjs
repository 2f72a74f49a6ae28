// `npm run test:e2e [-- vitest args]`: the end-to-end tests alone (Chromium against the harness).
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const child = spawn(process.execPath, [join(projectDir, 'node_modules/.bin/vitest'), 'run', '-c', 'vitest.e2e.config.mts', ...process.argv.slice(2)], {
  cwd: projectDir,
  stdio: 'inherit',
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// Run before `electron-forge start` (npm start). The Electron binary is not downloaded at
// `npm install`: package.json's allowScripts leaves electron's install script off, so installs
// work on machines that cannot reach Electron's download servers (the build machines). The first
// `npm start` fetches it here with electron's own installer (checksums from the package).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const isInstalled = existsSync(join(electronDir, 'dist')) && existsSync(join(electronDir, 'path.txt'));

if (!isInstalled) {
  console.log('Electron binary not found: downloading it once (node node_modules/electron/install.js)...');
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      'Could not download Electron. Check the network (or set ELECTRON_MIRROR), then run `npm start` again.\n' +
        'Without Electron the app still runs in a browser: `npm run web`.',
    );
    process.exit(result.status ?? 1);
  }
}

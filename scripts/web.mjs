// `npm run web -- [--dir D] [--port P] [--dev-methods] [--no-build | --build-only]`: the browser harness.
// Builds the renderer when its sources are newer than the last build, then runs the core behind
// the loopback HTTP transport (src/host/web.ts) in this Node 24 process and prints the URL.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = resolve(fileURLToPath(new URL('..', import.meta.url)));
const rendererDir = join(projectDir, '.vite/renderer/main_window');
const RENDERER_INPUTS = ['src/ui', 'src/core', 'resources/locales', 'vite.renderer.config.mts', 'package.json'];

/** The newest modification time under a file or folder (0 if it does not exist). */
function newestMtimeMs(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = stats.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

export function rendererIsStale() {
  const builtIndex = join(rendererDir, 'index.html');
  if (!existsSync(builtIndex)) return true;
  const builtAt = statSync(builtIndex).mtimeMs;
  return RENDERER_INPUTS.some((input) => newestMtimeMs(join(projectDir, input)) > builtAt);
}

export async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: join(projectDir, 'vite.renderer.config.mts'), logLevel: 'warn' });
}

async function main() {
  // The database driver crashes on the system's Node 20; `npm run web` puts the project's Node 24 first.
  if (Number(process.versions.node.split('.')[0]) < 22) {
    throw new Error(`The harness needs Node 22 or newer (got ${process.version}); start it with \`npm run web\`.`);
  }
  const argv = process.argv.slice(2);
  const skipBuild = argv.includes('--no-build');
  const harnessArgs = argv.filter((arg) => arg !== '--no-build' && arg !== '--build-only');
  if (!skipBuild && rendererIsStale()) {
    process.stderr.write('Building the renderer…\n');
    await buildRenderer();
  }
  if (argv.includes('--build-only')) return;
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No renderer build in ${rendererDir}`);
  const { tsImport } = await import('tsx/esm/api');
  const web = await tsImport('../src/host/web.ts', import.meta.url);
  await web.runWebHarness(harnessArgs, rendererDir);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

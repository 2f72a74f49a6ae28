// Builds the Electron app's bundles (main, preload, core process, renderer) with Vite, exactly as
// Electron Forge's Vite plugin does when packaging, but without Electron: the targets come from
// forge.config.ts and each Vite config is resolved by the plugin's own config generator. CI runs
// this to prove every bundle compiles; `npm run package` then only adds the Electron binary.
// The built core process is then started under Node in a package-like folder (smokeTestCore).
//
// Usage: node scripts/build.mjs [--only main,preload,core-process,main_window]
import { fork } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { build } from 'vite';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** forge.config.ts: the Vite plugin's settings (build targets, renderers) and the native-module copier. */
async function loadForgeConfig() {
  const module = await tsImport(pathToFileURL(join(projectDir, 'forge.config.ts')).href, import.meta.url);
  const forgeConfig = module.default?.default ?? module.default;
  const vitePlugin = forgeConfig?.plugins?.find((plugin) => plugin?.name === 'vite');
  if (!vitePlugin?.config) throw new Error('forge.config.ts has no Vite plugin');
  const copyNativeModules = module.copyNativeModules ?? module.default?.copyNativeModules;
  return { pluginConfig: vitePlugin.config, copyNativeModules };
}

/**
 * Runs the built core process the way the packaged app would, as far as Node can: in a folder laid
 * out like the package (.vite/build plus only the copied native modules), with Electron's
 * parentPort played over Node's IPC channel. It must answer system.info and exit on shutdown.
 */
async function smokeTestCore(copyNativeModules) {
  const stage = mkdtempSync(join(tmpdir(), 'inson-core-smoke-'));
  try {
    const appDir = join(stage, 'app');
    mkdirSync(join(appDir, '.vite', 'build'), { recursive: true });
    cpSync(join(projectDir, '.vite', 'build', 'core-process.cjs'), join(appDir, '.vite', 'build', 'core-process.cjs'));
    writeFileSync(join(appDir, 'package.json'), JSON.stringify({ name: 'smoke', main: '.vite/build/main.cjs' }));
    await copyNativeModules(projectDir, appDir, process.platform, process.arch);
    const shim = join(stage, 'parent-port-shim.cjs');
    writeFileSync(
      shim,
      [
        "const { EventEmitter } = require('node:events');",
        'const port = new EventEmitter();',
        'port.postMessage = (message) => process.send(message);',
        "process.on('message', (data) => port.emit('message', { data }));",
        'process.parentPort = port;',
      ].join('\n'),
    );
    const dataDir = join(stage, 'data');
    mkdirSync(dataDir);
    const child = fork(join(appDir, '.vite', 'build', 'core-process.cjs'), ['--dir', dataDir, '--app-version', '0.0.0-smoke'], {
      cwd: stage,
      execArgv: ['--require', shim],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    const answer = new Promise((resolveAnswer) => child.once('message', resolveAnswer));
    child.send({ type: 'call', id: 1, connectionId: 'smoke', method: 'system.info', input: {} });
    const timeout = (ms, what) => new Promise((_, reject) => setTimeout(() => reject(new Error(`core smoke test: ${what} timed out`)), ms).unref());
    const reply = await Promise.race([answer, exited.then((code) => ({ exitedEarly: code })), timeout(30_000, 'system.info')]);
    if (reply?.id !== 1 || reply?.outcome?.ok !== true || reply.outcome.result?.version !== '0.0.0-smoke') {
      child.kill();
      throw new Error(`core smoke test: unexpected answer ${JSON.stringify(reply)}`);
    }
    child.send({ type: 'shutdown' });
    const code = await Promise.race([exited, timeout(15_000, 'shutdown')]);
    if (code !== 0) throw new Error(`core smoke test: the core exited with ${code} on shutdown`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/** Forge's own config generator (not exported by the package, so reached by file). */
async function loadConfigGenerator() {
  const pluginEntry = fileURLToPath(import.meta.resolve('@electron-forge/plugin-vite'));
  const generatorUrl = pathToFileURL(join(dirname(pluginEntry), 'ViteConfig.js')).href;
  return (await import(generatorUrl)).default;
}

function targetName(spec) {
  return spec.name ?? basename(String(spec.entry), extname(String(spec.entry)));
}

/** Checks on the output that a broken config would otherwise only reveal in a packaged app. */
function checkOutputs(built) {
  const problems = [];
  const packageJson = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8'));
  if (built.has('main') && !existsSync(join(projectDir, packageJson.main))) {
    problems.push(`package.json "main" (${packageJson.main}) was not produced`);
  }
  const requiresOf = (file) => [...readFileSync(file, 'utf8').matchAll(/\brequire\(\s*["']([^"'./][^"']*)["']\s*\)/g)].map((m) => m[1]);
  // Node's own list, not a hand-kept one: bundled libraries (exceljs's zip and stream helpers) require `constants` and the like.
  const builtin = (name) => name.startsWith('node:') || builtinModules.includes(name.split('/')[0]);
  const allowed = {
    main: (name) => name === 'electron' || builtin(name),
    preload: (name) => name === 'electron',
    'core-process': (name) => name === 'better-sqlite3-multiple-ciphers' || builtin(name),
  };
  for (const [name, isAllowed] of Object.entries(allowed)) {
    if (!built.has(name)) continue;
    const file = join(projectDir, '.vite', 'build', `${name}.cjs`);
    if (!existsSync(file)) {
      problems.push(`${file} was not produced`);
      continue;
    }
    for (const required of requiresOf(file)) {
      if (!isAllowed(required)) problems.push(`${name}.cjs requires "${required}" at run time, but the package has no node_modules for it`);
    }
  }
  if (built.has('main_window') && !existsSync(join(projectDir, '.vite', 'renderer', 'main_window', 'index.html'))) {
    problems.push('.vite/renderer/main_window/index.html was not produced');
  }
  return problems;
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: 'string' } } });
  const only = values.only ? new Set(values.only.split(',').map((name) => name.trim())) : null;
  const { pluginConfig, copyNativeModules } = await loadForgeConfig();
  const ViteConfigGenerator = await loadConfigGenerator();
  // isProd = true: the same mode `electron-forge package` builds in.
  const generator = new ViteConfigGenerator(pluginConfig, projectDir, true);

  const targets = [
    ...pluginConfig.build.map((spec) => ({ spec, kind: spec.target ?? 'main' })),
    ...pluginConfig.renderer.map((spec) => ({ spec, kind: 'renderer' })),
  ].filter(({ spec }) => !only || only.has(targetName(spec)));
  if (targets.length === 0) throw new Error(`nothing to build for --only ${values.only}`);

  if (!only) await rm(join(projectDir, '.vite'), { recursive: true, force: true });
  const built = new Set();
  for (const { spec, kind } of targets) {
    const name = targetName(spec);
    const startedMs = Date.now();
    const resolved = await generator.resolveConfig(spec, kind);
    await build({ configFile: false, logLevel: 'warn', ...resolved, clearScreen: false });
    built.add(name);
    console.log(`built ${name} (${kind}) in ${Date.now() - startedMs} ms`);
  }

  const problems = checkOutputs(built);
  for (const problem of problems) console.error(`build check: ${problem}`);
  if (problems.length > 0) process.exit(1);

  if (built.has('core-process')) {
    const startedMs = Date.now();
    await smokeTestCore(copyNativeModules);
    console.log(`core process answered system.info from a package-like layout and shut down cleanly (${Date.now() - startedMs} ms)`);
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

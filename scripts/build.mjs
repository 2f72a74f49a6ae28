// Builds the Electron app's bundles (main, preload, core process, renderer) with Vite, exactly as
// Electron Forge's Vite plugin does when packaging, but without Electron: the targets come from
// forge.config.ts and each Vite config is resolved by the plugin's own config generator. CI runs
// this to prove every bundle compiles; `npm run package` then only adds the Electron binary.
//
// Usage: node scripts/build.mjs [--only main,preload,core-process,main_window]
import { existsSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { tsImport } from 'tsx/esm/api';
import { build } from 'vite';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The Vite plugin's settings (build targets and renderers) as forge.config.ts declares them. */
async function loadVitePluginConfig() {
  const module = await tsImport(pathToFileURL(join(projectDir, 'forge.config.ts')).href, import.meta.url);
  const forgeConfig = module.default?.default ?? module.default;
  const vitePlugin = forgeConfig?.plugins?.find((plugin) => plugin?.name === 'vite');
  if (!vitePlugin?.config) throw new Error('forge.config.ts has no Vite plugin');
  return vitePlugin.config;
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
  const builtin = (name) => name.startsWith('node:') || /^(fs|path|os|util|crypto|events|url|stream|buffer|child_process|net|http|https|zlib|assert|module|worker_threads|process|tty|string_decoder|timers)(\/|$)/.test(name);
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
  const pluginConfig = await loadVitePluginConfig();
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
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});

// `npm test`: type-check, lint, import rules, unit tests, build, end-to-end tests, Electron static check, in that
// order; stops at the first failure with a non-zero exit. The last line is `N passed, N failed`
// (the tests Vitest ran, plus one failure for a failed step that is not a test run) for CI.
// While working: `npm test -- --only lint,e2e` runs just those steps (CI always runs them all).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(projectDir, 'node_modules', '.bin');
const resultsDir = join(projectDir, 'test-results');

// The project's own Node 24 (the `node` devDependency), never the system's Node 20.
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 22) {
  console.error(`npm test needs Node 22 or newer, got ${process.version}; run it through npm (npm test) so node_modules/.bin/node is used.`);
  process.exit(1);
}

const env = { ...process.env, PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' };

/** Runs one tool with this Node; resolves with its exit code. */
function run(args) {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, args, { cwd: projectDir, env, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolveRun(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolveRun(1));
  });
}

/** A Vitest run that also writes its JSON report, so the summary counts what actually ran. */
function vitestStep(name, configArgs) {
  const report = join(resultsDir, `${name}.json`);
  return {
    name,
    report,
    args: [join(binDir, 'vitest'), 'run', ...configArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  };
}

const steps = [
  { name: 'typecheck', args: [join(binDir, 'tsc'), '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', args: [join(binDir, 'eslint'), '--max-warnings', '0', '.'] },
  // Import rules, cycles included (type-only too): .dependency-cruiser.cjs.
  { name: 'deps', args: [join(projectDir, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs'), '--config', '.dependency-cruiser.cjs', 'src', 'electron', 'migrations', 'tests', 'bench', 'scripts'] },
  vitestStep('unit', []),
  { name: 'build', args: ['scripts/build.mjs'] },
  vitestStep('e2e', ['-c', 'vitest.e2e.config.mts']),
  { name: 'electron', args: ['scripts/electronegativity.mjs'] },
];

function countsFrom(report) {
  if (!report || !existsSync(report)) return { passed: 0, failed: 0 };
  try {
    const json = JSON.parse(readFileSync(report, 'utf8'));
    return { passed: json.numPassedTests ?? 0, failed: (json.numFailedTests ?? 0) + (json.numFailedTestSuites ?? 0) };
  } catch {
    return { passed: 0, failed: 0 };
  }
}

const onlyIndex = process.argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set((process.argv[onlyIndex + 1] ?? '').split(',')) : null;
const unknown = only ? [...only].filter((name) => !steps.some((step) => step.name === name)) : [];
if (unknown.length > 0) {
  console.error(`Unknown step(s): ${unknown.join(', ')}; steps are ${steps.map((step) => step.name).join(', ')}`);
  process.exit(1);
}

mkdirSync(resultsDir, { recursive: true });
let passed = 0;
let failed = 0;
const lines = [];
for (const step of steps) {
  if (only && !only.has(step.name)) continue;
  if (step.report) rmSync(step.report, { force: true });
  const script = step.args[0];
  const startedAt = Date.now();
  console.log(`\n=== ${step.name}: ${step.args.map((a) => a.replace(`${projectDir}/`, '')).join(' ')}`);
  const code = existsSync(script) ? await run(step.args) : (console.error(`${script} does not exist`), 1);
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  const counts = countsFrom(step.report);
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${step.name.padEnd(10)} ${seconds.padStart(6)} s${step.report ? `  (${counts.passed} passed, ${counts.failed} failed)` : ''}`);
  if (code !== 0) {
    if (counts.failed === 0) failed += 1;
    console.log(`\n${lines.join('\n')}\nStopped at ${step.name} (exit ${code}).`);
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(code === 0 ? 1 : code);
  }
}
console.log(`\n${lines.join('\n')}`);
console.log(`${passed} passed, ${failed} failed`);

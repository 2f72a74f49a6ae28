// The Electron static check (`npm run test:electron`): runs Doyensec's electronegativity over the
// shell (electron/, without its tests), the window's page (src/ui/index.html, for the CSP) and
// package.json, and fails on ANY finding or on any file it could not parse.
//
// Why not its CLI: the CLI reads options from a `commander` it does not declare, and the hoisted
// commander 11 no longer stores options on the program, so `-i` is silently ignored. Its exit code
// also says nothing about findings. So this calls its runner directly, writes the SARIF report and
// judges by that file. The runner first downloads a translation file (and on Node 24 crashes
// later in `got`'s retry timer); the download is replaced with an immediate failure, so the
// check never touches the network and falls back to its bundled English texts.
//
// Usage: node scripts/electronegativity.mjs [--root <project folder>]
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

// --root scans another project folder laid out the same way (the script's own tests use it).
const { values: options } = parseArgs({ options: { root: { type: 'string' } } });
const projectDir = options.root ? resolve(options.root) : resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Checks left out, each with its reason. */
const EXCLUDED_CHECKS = [
  // Compares the Electron version with a list it downloads; the pinned version is kept current by hand.
  'AvailableSecurityFixesGlobalCheck',
  // Informational only: reports which Electron version package.json names (input of the check above).
  'ElectronVersionJSONCheck',
];

/**
 * The window's Content-Security-Policy as reviewed (src/ui/index.html). The same policy the
 * browser harness sends (src/host/http-transport.ts HARNESS_CSP, which adds frame-ancestors).
 */
const REVIEWED_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'";

function pageCsp() {
  const html = readFileSync(join(projectDir, 'src', 'ui', 'index.html'), 'utf8');
  const meta = /<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i.exec(html)?.[0] ?? '';
  return /content="([^"]*)"/i.exec(meta)?.[1]?.replace(/\s+/g, ' ').trim() ?? null;
}

/**
 * Findings a person has reviewed and accepted, each held to a condition that is checked on every
 * run: if the condition stops holding, the finding fails the run again.
 */
const REVIEWED_FINDINGS = [
  {
    ruleId: 'CSP_GLOBAL_CHECK',
    file: 'src/ui/index.html',
    // The CSP evaluator marks script-src 'self' as "maybe weak" (a site hosting JSONP or uploaded
    // files could be made to serve a script). The app's own origin is its packaged files; nothing
    // user-supplied is ever served as a script. Holds only while the policy is exactly the reviewed one.
    holds: () => pageCsp() === REVIEWED_CSP,
    why: "script-src 'self' only; the policy equals the reviewed one",
  },
];

function reviewedEntry(finding) {
  const file = finding.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
  return REVIEWED_FINDINGS.find((entry) => entry.ruleId === finding.ruleId && entry.file === file && entry.holds());
}

function blockTranslationDownload() {
  const i18nModule = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const gotPath = createRequire(i18nModule).resolve('got');
  const offline = () => Promise.reject(new Error('offline: electronegativity translations are not downloaded'));
  require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline, children: [], paths: [] };
}

function listShellFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|js|mjs|cjs)$/.test(entry.name))
    .filter((entry) => !/\.test\.[cm]?[jt]s$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Copies what is scanned into one folder, keeping project-relative paths for the report. */
function stageInput(stageDir) {
  const files = [...listShellFiles(join(projectDir, 'electron')), join(projectDir, 'package.json')];
  const page = join(projectDir, 'src', 'ui', 'index.html');
  if (existsSync(page)) files.push(page);
  else console.error('electronegativity: src/ui/index.html is missing, so no CSP can be found');
  for (const file of files) {
    const target = join(stageDir, relative(projectDir, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
  }
  return files.map((file) => relative(projectDir, file));
}

/** Inline suppressions are allowed only with a reason; they are listed so a reviewer sees them. */
function listSuppressions(files) {
  const found = [];
  for (const file of files) {
    readFileSync(join(projectDir, file), 'utf8')
      .split('\n')
      .forEach((line, index) => {
        if (/eng-disable/.test(line)) found.push(`${file}:${index + 1}: ${line.trim()}`);
      });
  }
  return found;
}

/** The runner writes its report with an unawaited fs.writeFile: wait until the file is complete JSON. */
async function readReport(reportPath, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return JSON.parse(readFileSync(reportPath, 'utf8'));
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`electronegativity wrote no complete report: ${error.message}`, { cause: error });
      await new Promise((resolveWait) => setTimeout(resolveWait, 50));
    }
  }
}

async function main() {
  blockTranslationDownload();
  const run = require('@doyensec/electronegativity');
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const stageDir = mkdtempSync(join(tmpdir(), 'inson-electronegativity-'));
  try {
    const input = join(stageDir, 'app');
    mkdirSync(input);
    const files = stageInput(input);
    const reportPath = join(stageDir, 'report.sarif');
    const result = await run(
      {
        input,
        output: reportPath,
        isSarif: true,
        customScan: [],
        excludeFromScan: EXCLUDED_CHECKS.map((check) => check.toLowerCase()),
        isRelative: true,
        isVerbose: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );

    const report = await readReport(reportPath);
    const findings = (report.runs ?? []).flatMap((each) => each.results ?? []);
    if (findings.length !== result.issues.length) {
      throw new Error(`the report lists ${findings.length} findings but the scan returned ${result.issues.length}`);
    }
    const unparsed = result.errors.filter((error) => !error.tolerable);

    console.log(`electronegativity ${electronVersion ? `(Electron ${electronVersion}) ` : ''}scanned ${files.length} files with ${result.globalChecks + result.atomicChecks} checks; excluded: ${EXCLUDED_CHECKS.join(', ')}`);
    for (const line of listSuppressions(files)) console.log(`  suppression ${line}`);
    let failing = 0;
    for (const finding of findings) {
      const where = finding.locations?.[0]?.physicalLocation;
      const place = `${where?.artifactLocation?.uri ?? '?'}:${where?.region?.startLine ?? 0}`;
      const reviewed = reviewedEntry(finding);
      if (reviewed) {
        console.log(`  reviewed ${finding.ruleId} ${place}: ${reviewed.why}`);
      } else {
        failing += 1;
        console.error(`  FINDING ${finding.ruleId} (${finding.level}) ${place} ${finding.message?.text ?? ''}`);
      }
    }
    for (const error of unparsed) console.error(`  NOT SCANNED ${relative(input, error.file)}: ${error.message}`);

    if (failing > 0 || unparsed.length > 0) {
      console.error(`electronegativity: ${failing} finding(s), ${unparsed.length} file(s) not parsed`);
      process.exitCode = 1;
    } else {
      console.log('electronegativity: no findings');
    }
  } finally {
    rmSync(stageDir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The Electron static check must fail on findings, not just run: it is pointed at copies of the
 * project with one thing made insecure, and at the project itself.
 */

const projectDir = resolve(import.meta.dirname, '..');
const script = join(projectDir, 'scripts', 'electronegativity.mjs');
const fixtures = mkdtempSync(join(tmpdir(), 'inson-electronegativity-test-'));
afterAll(() => rmSync(fixtures, { recursive: true, force: true }));

function scan(root?: string) {
  const result = spawnSync(process.execPath, [script, ...(root ? ['--root', root] : [])], { cwd: projectDir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

/** A copy of the project's shell, page and package.json, with `edit` applied. */
function fixture(name: string, edit: (root: string) => void): string {
  const root = join(fixtures, name);
  cpSync(join(projectDir, 'electron'), join(root, 'electron'), { recursive: true });
  mkdirSync(join(root, 'src', 'ui'), { recursive: true });
  cpSync(join(projectDir, 'src', 'ui', 'index.html'), join(root, 'src', 'ui', 'index.html'));
  cpSync(join(projectDir, 'package.json'), join(root, 'package.json'));
  edit(root);
  return root;
}

function replaceIn(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture: "${from}" not found in ${file}`);
  writeFileSync(file, text.replace(from, to));
}

describe('scripts/electronegativity.mjs', () => {
  it('passes on the project as it is', () => {
    const { status, output } = scan();
    expect(output).toContain('electronegativity: no findings');
    expect(status).toBe(0);
  });

  it('fails when the window loses its isolation or navigation is no longer limited', () => {
    const root = fixture('insecure-shell', (dir) => {
      const main = join(dir, 'electron', 'main.ts');
      // Removed rather than set to false: the scanner skips nodeIntegration when any sandbox key is present.
      replaceIn(main, 'sandbox: true,', '');
      replaceIn(main, 'nodeIntegration: false,', 'nodeIntegration: true,');
      replaceIn(main, 'contextIsolation: true,', 'contextIsolation: false,');
      replaceIn(main, "contents.on('will-navigate'", "contents.on('did-navigate'");
      replaceIn(main, 'contents.setWindowOpenHandler(', 'void (');
    });
    const { status, output } = scan(root);
    for (const check of ['SANDBOX_JS_CHECK', 'NODE_INTEGRATION_JS_CHECK', 'CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']) {
      expect(output).toContain(`FINDING ${check}`);
    }
    expect(status).toBe(1);
  });

  it('fails when the page CSP is weakened, although the reviewed CSP finding is accepted', () => {
    const root = fixture('weak-csp', (dir) => {
      replaceIn(join(dir, 'src', 'ui', 'index.html'), "script-src 'self'", "script-src 'self' 'unsafe-eval'");
    });
    const { status, output } = scan(root);
    expect(output).toMatch(/FINDING CSP_GLOBAL_CHECK/);
    expect(status).toBe(1);
  });

  it('fails when the page has no CSP at all', () => {
    const root = fixture('no-csp', (dir) => {
      const page = join(dir, 'src', 'ui', 'index.html');
      writeFileSync(page, readFileSync(page, 'utf8').replace(/<meta\s[^>]*Content-Security-Policy[^>]*>/i, ''));
    });
    const { status, output } = scan(root);
    expect(output).toMatch(/FINDING CSP_GLOBAL_CHECK/);
    expect(status).toBe(1);
  });
});

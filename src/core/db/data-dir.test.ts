import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensurePrivateDataDir } from './data-dir';

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('ensurePrivateDataDir', () => {
  it('creates the folder (and its parents) readable by its owner only', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'inson-dir-')), 'a', 'center');
    ensurePrivateDataDir(dir, { create: true });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('tightens a folder someone made 0755', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'inson-dir-')), 'center');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    ensurePrivateDataDir(dir, { create: false });
    expect(modeOf(dir)).toBe(0o700);
  });

  it('creates nothing unless asked', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'inson-dir-')), 'missing');
    ensurePrivateDataDir(dir, { create: false });
    expect(() => statSync(dir)).toThrow();
  });
});

import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../app';
import { silentLogger } from '../log';
import { nodeCryptoPrimitives } from './primitives';

describe('core start-up self-test', () => {
  it('refuses to start when one primitive gives a wrong answer, and touches no file', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'inson-selftest-'));
    const brokenHkdf = { ...nodeCryptoPrimitives, hkdfSha256: () => Buffer.alloc(42) };
    await expect(createCore({ dataDir, appVersion: '0.0.0', log: silentLogger, crypto: brokenHkdf })).rejects.toMatchObject({
      code: 'SELF_TEST_FAILED',
      details: { failed: ['hkdfSha256'] },
    });
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('starts with the real primitives', async () => {
    const core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'inson-selftest-')), appVersion: '0.0.0', log: silentLogger });
    await core.close();
  });
});

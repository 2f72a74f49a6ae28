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

  it('checks the real primitives before it starts, then answers system.info', async () => {
    // The real primitives, watched: which ones ran, with what, before createCore returned.
    const calls: { readonly name: string; readonly args: readonly unknown[] }[] = [];
    const watched = new Proxy(nodeCryptoPrimitives, {
      get(target, name, receiver) {
        const value: unknown = Reflect.get(target, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push({ name: String(name), args });
          return Reflect.apply(value, target, args);
        };
      },
    });
    const core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'inson-selftest-')), appVersion: '0.0.0', log: silentLogger, crypto: watched });
    try {
      expect(new Set(calls.map((call) => call.name))).toEqual(new Set(Object.keys(nodeCryptoPrimitives)));
      // The known answers themselves: RFC 7914's cheap scrypt vector and FIPS 180-2's SHA-256("abc").
      expect(calls.find((call) => call.name === 'scrypt')?.args[3]).toEqual({ N: 16, r: 1, p: 1 });
      expect(calls.find((call) => call.name === 'sha256')?.args[0]).toEqual(Buffer.from('abc', 'ascii'));
      expect(await core.call('test', 'system.info', {})).toEqual({ ok: true, result: { version: '0.0.0', database: 'notSetUp', signedIn: false, registryCenterId: null } });
    } finally {
      await core.close();
    }
  });
});

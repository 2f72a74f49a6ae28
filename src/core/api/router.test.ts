import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createCore } from '../app';
import { silentLogger } from '../log';
import { AppError } from './errors';
import { createApiClient } from '../client';
import { definePublic } from './method';
import { createRouter } from './router';

const failing = definePublic({
  name: 'dev.fail',
  input: z.object({}),
  handler: () => {
    throw new Error('secret personal detail that must not leak');
  },
});

async function makeCore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-router-'));
  return createCore({ dataDir, appVersion: '9.9.9', log: silentLogger, extraMethods: [failing] });
}

describe('router', () => {
  it('rejects a method name registered twice at start-up', () => {
    expect(() => createRouter([failing, failing])).toThrow(/registered twice: dev.fail/);
  });

  it('rejects names that are not domain.verb', () => {
    expect(() => createRouter([{ ...failing, name: 'fail' }])).toThrow(/domain.verb/);
  });

  it('answers system.info', async () => {
    const core = await makeCore();
    expect(await core.call('test', 'system.info', {})).toMatchObject({ ok: true, result: { version: '9.9.9', database: 'notSetUp' } });
  });

  it('turns an unknown method into UNKNOWN_METHOD', async () => {
    const core = await makeCore();
    const outcome = await core.call('test', 'nothing.here', {});
    expect(outcome).toEqual({ ok: false, error: { code: 'UNKNOWN_METHOD', messageKey: 'errors.UNKNOWN_METHOD', details: { method: 'nothing.here' } } });
  });

  it('turns invalid input into INVALID_INPUT with the failing paths', async () => {
    const core = await makeCore();
    const outcome = await core.call('test', 'system.info', 'not an object');
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(outcome.error.code).toBe('INVALID_INPUT');
      expect(outcome.error.details?.issues).toBeInstanceOf(Array);
    }
  });

  it('hides what a throwing handler said behind INTERNAL', async () => {
    const core = await makeCore();
    const outcome = await core.call('test', 'dev.fail', {});
    expect(outcome).toEqual({ ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } });
    expect(JSON.stringify(outcome)).not.toContain('secret');
  });

  it('rebuilds AppError on the client side', async () => {
    const api = createApiClient({ send: async () => ({ ok: false, error: new AppError('FORBIDDEN').toJSON() }) });
    await expect(api.invoke('system.info', {})).rejects.toMatchObject({ code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' });
  });
});

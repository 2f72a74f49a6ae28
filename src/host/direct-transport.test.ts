import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import { createCore } from '../core/app';
import { silentLogger } from '../core/log';
import { createDirectTransport } from './direct-transport';

describe('direct transport', () => {
  it('carries a typed call and a typed error through the router', async () => {
    const core = await createCore({ dataDir: mkdtempSync(join(tmpdir(), 'inson-direct-')), appVersion: '1.2.3', log: silentLogger });
    const api = createApiClient(createDirectTransport(core, 'test'));
    const info = await api.invoke('system.info', {});
    expect(info).toEqual({ version: '1.2.3', database: 'notSetUp', signedIn: false, registryCenterId: null });
    const error = await api.invoke('system.info', 42 as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

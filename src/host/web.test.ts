import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../core/client';
import { AppError } from '../core/api/errors';
import { TEST_SCRYPT_PARAMS } from '../core/crypto/primitives';
import { silentLogger } from '../core/log';
import { createHttpTransport, readTokenFromHash } from '../ui/api/transport';
import { defaultDataDir } from './paths';
import { parseWebArgs, startWebHarness, type RunningWebHarness } from './web';

function staticDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'inson-web-static-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>INSON Center</title>');
  return dir;
}

describe('browser harness', () => {
  let harness: RunningWebHarness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  async function start(devMethods = true): Promise<RunningWebHarness> {
    harness = await startWebHarness({
      dataDir: mkdtempSync(join(tmpdir(), 'inson-web-')),
      port: 0,
      staticDir: staticDir(),
      devMethods,
      log: silentLogger,
      keySlotParams: TEST_SCRYPT_PARAMS,
    });
    return harness;
  }

  it('prints a loopback URL whose fragment carries a fresh 256-bit token', async () => {
    const running = await start();
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
    expect(readTokenFromHash(new URL(running.url).hash)).toBe(running.token);
    const other = await startWebHarness({ dataDir: mkdtempSync(join(tmpdir(), 'inson-web-')), port: 0, staticDir: staticDir(), log: silentLogger });
    expect(other.token).not.toBe(running.token);
    await other.close();
  });

  it('carries typed results and typed errors over real HTTP, as the page does', async () => {
    const running = await start();
    const api = createApiClient(createHttpTransport(running.token, 'test-connection-1', running.http.origin));
    expect(await api.invoke('system.info', {})).toMatchObject({ database: 'notSetUp', signedIn: false });
    await expect(api.invoke('dev.fail' as 'system.info', {})).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(api.invoke('system.info', 'nope' as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const wrongToken = createApiClient(createHttpTransport('0'.repeat(64), 'test-connection-1', running.http.origin));
    await expect(wrongToken.invoke('system.info', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('registers dev.fail only when asked', async () => {
    const running = await start(false);
    const api = createApiClient(createHttpTransport(running.token, 'test-connection-2', running.http.origin));
    await expect(api.invoke('dev.fail' as 'system.info', {})).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });

  it('turns a harness that is gone into a typed INTERNAL error, not a thrown TypeError', async () => {
    const running = await start();
    const transport = createHttpTransport(running.token, 'test-connection-3', running.http.origin);
    await running.close();
    harness = null;
    const error = await createApiClient(transport).invoke('system.info', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INTERNAL', details: { reason: 'network' } });
  });

  it('creates a missing data folder readable by its owner only', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'inson-web-')), 'new-center');
    harness = await startWebHarness({ dataDir, port: 0, staticDir: staticDir(), log: silentLogger, keySlotParams: TEST_SCRYPT_PARAMS });
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
  });

  it('parses its command line', () => {
    expect(parseWebArgs([])).toEqual({ dataDir: null, port: 0, devMethods: false, syncIntervalMs: null });
    expect(parseWebArgs(['--dir', '/tmp/c', '--port', '8080', '--dev-methods'])).toEqual({ dataDir: '/tmp/c', port: 8080, devMethods: true, syncIntervalMs: null });
    expect(parseWebArgs(['--sync-interval-ms', '0']).syncIntervalMs).toBe(0);
    expect(() => parseWebArgs(['--sync-interval-ms', 'soon'])).toThrow(/--sync-interval-ms/);
    // Never the desktop app's real data folder, however it is spelled.
    expect(() => parseWebArgs(['--dir', defaultDataDir()])).toThrow(/desktop app/);
    expect(() => parseWebArgs(['--dir', '/home/x/.config/INSON Center/'], '/home/x/.config/INSON Center')).toThrow(/desktop app/);
    expect(() => parseWebArgs(['--port', '70000'])).toThrow(/--port/);
    expect(() => parseWebArgs(['--unknown'])).toThrow();
  });
});

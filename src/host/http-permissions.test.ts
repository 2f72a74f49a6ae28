import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestCore } from '../core/testing/test-center';
import type { Core } from '../core/app';
import { CONNECTION_HEADER, startHttpTransport, TOKEN_HEADER, type RunningHttpTransport } from './http-transport';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** One browser tab: its own connection id, the per-run token, real fetch over loopback. */
function tab(http: RunningHttpTransport, token: string) {
  const connection = randomUUID();
  return async (method: string, input: unknown = {}) => {
    const response = await fetch(`${http.origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token, [CONNECTION_HEADER]: connection },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { ok: boolean; result?: Record<string, unknown>; error?: { code: string } };
  };
}

async function startCenterOverHttp(): Promise<{ core: Core; http: RunningHttpTransport; token: string; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'inson-http-auth-'));
  const core = await startTestCore(dataDir);
  const token = randomBytes(32).toString('hex');
  const http = await startHttpTransport({ core, token });
  cleanups.push(async () => {
    await http.close();
    await core.close();
    rmSync(dataDir, { recursive: true, force: true });
  });
  return { core, http, token, dataDir };
}

describe('permissions through the HTTP transport', () => {
  it("refuses a receptionist's session calling an administrator's method, while the administrator's succeeds", async () => {
    const { http, token } = await startCenterOverHttp();
    const wizard = tab(http, token);
    const setup = await wizard('setup.createCenter', {
      center: { name: 'Yunusobod markazi', type: 'mahalla', regionCode: '1726', districtCode: '1726262' },
      admin: { displayName: 'Admin', username: 'admin', password: 'admin-password-42' },
    });
    expect(setup.ok).toBe(true);

    const adminTab = tab(http, token);
    expect((await adminTab('auth.signIn', { username: 'admin', password: 'admin-password-42' })).ok).toBe(true);
    const added = await adminTab('staff.add', { displayName: 'Qabulxona', username: 'reception', role: 'receptionist' });
    expect(added.ok).toBe(true);
    const temporaryPassword = String(added.result?.temporaryPassword);

    const receptionTab = tab(http, token);
    expect((await receptionTab('auth.signIn', { username: 'reception', password: temporaryPassword })).ok).toBe(true);
    expect(await receptionTab('auth.changePassword', { currentPassword: temporaryPassword, newPassword: 'reception desk 15' })).toMatchObject({ ok: true });

    for (const [method, input] of [
      ['staff.list', {}],
      ['staff.add', { displayName: 'Sneaky', username: 'sneaky', role: 'administrator' }],
      ['staff.deactivate', { userId: 'anyone' }],
      ['center.updateSettings', { inactivityLockMinutes: 60 }],
    ] as const) {
      expect(await receptionTab(method, input)).toEqual({ ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { method } } });
    }
    expect(await adminTab('staff.list', {})).toMatchObject({ ok: true });
    // A tab with no session at all is not even asked about permissions.
    expect(await tab(http, token)('staff.list', {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it("keeps a distinctive center name out of the database, WAL and keyring bytes", async () => {
    const { core, http, token, dataDir } = await startCenterOverHttp();
    const distinctive = 'Zumradxon-Qizilqum-7Q4 markazi';
    const wizard = tab(http, token);
    expect(
      await wizard('setup.createCenter', {
        center: { name: distinctive, type: 'rehabilitation', regionCode: '1726', districtCode: '1726262' },
        admin: { displayName: 'Gulnora Zumradxon-Qizilqum', username: 'gulnora', password: 'admin-password-42' },
      }),
    ).toMatchObject({ ok: true });
    const admin = tab(http, token);
    await admin('auth.signIn', { username: 'gulnora', password: 'admin-password-42' });
    expect(await admin('center.get')).toMatchObject({ ok: true, result: { name: distinctive } });

    const needles = [distinctive, 'Zumradxon', 'Qizilqum'].flatMap((text) => [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')]);
    const scan = () => {
      const files = readdirSync(dataDir);
      expect(files).toContain('center.db');
      for (const file of files) {
        const bytes = readFileSync(join(dataDir, file));
        for (const needle of needles) expect(bytes.includes(needle), `${file} holds the center name`).toBe(false);
      }
    };
    scan(); // with the WAL still open
    await http.close();
    await core.close();
    scan(); // after the checkpoint into the main file
  });
});

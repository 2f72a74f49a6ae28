import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRegistry, type TestRegistry } from './registry.fixture';

const root = mkdtempSync(join(tmpdir(), 'inson-registry-updates-'));
const updatesDir = join(root, 'updates');
let registry: TestRegistry;
let bare: { readonly url: string; close(): Promise<void> };

beforeAll(async () => {
  mkdirSync(join(updatesDir, 'stable'), { recursive: true });
  writeFileSync(join(updatesDir, 'stable', 'latest.yml'), 'version: 1.3.0\n');
  writeFileSync(join(updatesDir, 'stable', 'INSON-Center-Setup-1.3.0.exe'), Buffer.alloc(5000, 7));
  writeFileSync(join(updatesDir, 'stable', 'INSON-Center-Setup-1.3.0.exe.blockmap'), Buffer.alloc(10, 1));
  writeFileSync(join(updatesDir, 'channels.json'), '{"default":"stable"}');
  writeFileSync(join(root, 'secret.txt'), 'operator secrets');
  symlinkSync(join(root, 'secret.txt'), join(updatesDir, 'stable', 'link.yml'));
  registry = await startTestRegistry({ updatesDir, usePostgres: false });
  bare = await registry.secondInstance({ updatesDir: undefined });
}, 60_000);
afterAll(async () => {
  await bare.close();
  await registry.close();
  rmSync(root, { recursive: true, force: true });
});

/** A raw request, so paths reach the server exactly as written (fetch would normalise `..`). */
function get(base: string, path: string): Promise<{ status: number; type: string; cache: string; body: Buffer }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, path, method: 'GET' }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type']), cache: String(response.headers['cache-control']), body: Buffer.concat(chunks) }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('the registry serves the update feed', () => {
  it('serves the feed, the channel map and the installers with their content types', async () => {
    const feed = await get(registry.url, '/updates/stable/latest.yml');
    expect(feed).toMatchObject({ status: 200, type: 'text/yaml; charset=utf-8', cache: 'no-cache' });
    expect(feed.body.toString()).toBe('version: 1.3.0\n');
    const installer = await get(registry.url, '/updates/stable/INSON-Center-Setup-1.3.0.exe');
    expect(installer).toMatchObject({ status: 200, type: 'application/vnd.microsoft.portable-executable' });
    expect(installer.body.length).toBe(5000);
    expect(await get(registry.url, '/updates/stable/INSON-Center-Setup-1.3.0.exe.blockmap')).toMatchObject({ status: 200, type: 'application/octet-stream' });
    expect(await get(registry.url, '/updates/channels.json')).toMatchObject({ status: 200, type: 'application/json' });
  });

  it('refuses paths outside the folder, odd names and missing files', async () => {
    for (const path of [
      '/updates/../secret.txt',
      '/updates/stable/../../secret.txt',
      '/updates/stable/..%2F..%2Fsecret.txt',
      '/updates/%2e%2e/secret.txt',
      '/updates/stable/%2e%2e%2fchannels.json',
      '/updates/stable/link.yml',
      '/updates/Stable/latest.yml',
      '/updates/stable',
      '/updates/stable/missing.exe',
      '/updates/stable/sub/latest.yml',
      '/updates/secret.txt',
    ]) {
      const answer = await get(registry.url, path);
      expect({ path, status: answer.status }).toEqual({ path, status: 404 });
      expect(answer.body.toString()).not.toContain('operator secrets');
    }
  });

  it('answers 404 when the registry was started without an updates folder', async () => {
    expect((await get(bare.url, '/updates/stable/latest.yml')).status).toBe(404);
  });
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_CSP, APP_ENTRY_URL, createAppProtocolHandler, resolveAppFile } from './app-protocol';
import { isAppFrame, isAppUrl } from './ipc-guard';
import forgeConfig from '../forge.config';

const RENDERER = '/opt/INSON Center/resources/app.asar/.vite/renderer/main_window';
const FILES: Readonly<Record<string, string>> = {
  [join(RENDERER, 'index.html')]: '<!doctype html><title>INSON Center</title>',
  [join(RENDERER, 'assets', 'index-abc.js')]: 'console.log(1)',
};
const readFake = async (file: string) => {
  const text = FILES[file];
  if (text === undefined) throw new Error('ENOENT');
  return new TextEncoder().encode(text);
};

describe('the app:// scheme', () => {
  it('maps addresses to files inside the renderer build only', () => {
    expect(resolveAppFile(APP_ENTRY_URL, RENDERER)).toBe(join(RENDERER, 'index.html'));
    expect(resolveAppFile('app://inson/', RENDERER)).toBe(join(RENDERER, 'index.html'));
    expect(resolveAppFile('app://inson/assets/index-abc.js?v=1#x', RENDERER)).toBe(join(RENDERER, 'assets', 'index-abc.js'));
    // The URL parser already folds a literal or dot-encoded `..` back inside the root.
    expect(resolveAppFile('app://inson/../../secret.txt', RENDERER)).toBe(join(RENDERER, 'secret.txt'));
    expect(resolveAppFile('app://inson/%2e%2e/%2e%2e/secret.txt', RENDERER)).toBe(join(RENDERER, 'secret.txt'));
    for (const url of [
      'app://inson/assets/..%2F..%2F..%2Fsecret',
      'app://inson/..%5C..%5Csecret',
      'app://inson/a%00.html',
      'app://other/index.html',
      'file:///opt/INSON%20Center/index.html',
      'app://inson/%E0%A4%A',
      'not a url',
    ]) {
      expect(resolveAppFile(url, RENDERER), url).toBeNull();
    }
  });

  it('serves a file with its type, the CSP and no-sniff; 404, 403 and 405 otherwise', async () => {
    const handle = createAppProtocolHandler(RENDERER, readFake);
    const page = await handle({ url: APP_ENTRY_URL, method: 'GET' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('INSON Center');
    const script = await handle({ url: 'app://inson/assets/index-abc.js', method: 'GET' });
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect((await handle({ url: 'app://inson/missing.js', method: 'GET' })).status).toBe(404);
    expect((await handle({ url: 'app://inson/..%2F..%2Fx', method: 'GET' })).status).toBe(403);
    expect((await handle({ url: 'app://elsewhere/index.html', method: 'GET' })).status).toBe(403);
    expect((await handle({ url: APP_ENTRY_URL, method: 'POST' })).status).toBe(405);
  });

  it('sends the same policy as the page’s own meta, plus frame-ancestors', () => {
    const html = readFileSync(resolve(import.meta.dirname, '..', 'src', 'ui', 'index.html'), 'utf8');
    const meta = /content="(default-src[^"]*)"/.exec(html)?.[1]?.replace(/\s+/g, ' ').trim();
    expect(`${meta}; frame-ancestors 'none'`).toBe(APP_CSP);
  });

  it('is the app’s origin for the frame check: its own host only', () => {
    const page = { entryUrl: APP_ENTRY_URL };
    expect(isAppUrl('app://inson/index.html#/clients', page)).toBe(true);
    expect(isAppUrl('app://inson/other.html', page)).toBe(true);
    expect(isAppUrl('app://evil/index.html', page)).toBe(false);
    expect(isAppUrl('file:///opt/INSON%20Center/index.html', page)).toBe(false);
    expect(isAppUrl('https://inson/index.html', page)).toBe(false);
    const main = { url: APP_ENTRY_URL, parent: null, frameToken: 't1', processId: 3 };
    expect(isAppFrame(main, main, page)).toBe(true);
    expect(isAppFrame({ url: APP_ENTRY_URL, parent: main, frameToken: 't2', processId: 3 }, main, page)).toBe(false);
  });

  it('lets the packaged binary grant file:// no extra privileges (fuse off)', () => {
    const fuses = (forgeConfig.plugins ?? []).find((plugin) => 'name' in plugin && plugin.name === 'fuses');
    const config = (fuses as unknown as { config?: Record<string, unknown> } | undefined)?.config ?? {};
    // FuseV1Options.GrantFileProtocolExtraPrivileges is fuse 7.
    expect(config['7']).toBe(false);
    expect(config['0']).toBe(false); // RunAsNode
  });
});

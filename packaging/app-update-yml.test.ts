import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readAppIdentity } from './app-identity';
import { appUpdateConfig, appUpdateYml, writeAppUpdateYml } from './app-update-yml';
import { readReleaseSettings } from './release-settings';

// electron-updater reads the file with js-yaml's load(); the same parser reads it here.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };
const identity = readAppIdentity();
const dir = mkdtempSync(join(tmpdir(), 'inson-app-update-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('app-update.yml', () => {
  it('has no feed when the build names none', () => {
    expect(appUpdateConfig(readReleaseSettings({}), identity)).toBeNull();
  });

  it('points the generic provider at the channel folder, with the publisher and the cache folder', () => {
    const settings = readReleaseSettings({
      INSON_UPDATE_URL: 'https://registry.agency.uz',
      INSON_UPDATE_CHANNEL: 'pilot',
      INSON_PUBLISHER_NAME: 'Ijtimoiy himoya milliy agentligi',
      INSON_WIN_CERTIFICATE_FILE: 'agency.pfx',
    });
    const config = appUpdateConfig(settings, identity);
    expect(config).not.toBeNull();
    if (config === null) return;
    expect(yaml.load(appUpdateYml(config))).toEqual({
      provider: 'generic',
      url: 'https://registry.agency.uz/updates/pilot',
      channel: 'latest',
      publisherName: ['Ijtimoiy himoya milliy agentligi'],
      updaterCacheDirName: 'inson-center-updater',
    });
  });

  it('leaves publisherName out of an unsigned build (nothing to check an update against)', () => {
    const config = appUpdateConfig(readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz' }), identity);
    if (config === null) throw new Error('expected a feed');
    const parsed = yaml.load(appUpdateYml(config));
    expect(parsed).toMatchObject({ provider: 'generic', url: 'https://registry.agency.uz/updates/stable', channel: 'latest' });
    expect(parsed).not.toHaveProperty('publisherName');
  });

  it('carries the agency’s release key when the build names one, read back as the updater reads it, and refuses a key that is not one', async () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const config = appUpdateConfig(readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz', INSON_UPDATE_KEY: key }), identity);
    if (config === null) throw new Error('expected a feed');
    const text = appUpdateYml(config);
    expect(yaml.load(text)).toMatchObject({ insonUpdateKey: key });
    const { readAppUpdateYml } = await import('../src/host/update/update-settings');
    expect(readAppUpdateYml(text).insonUpdateKey).toBe(key);
    expect(yaml.load(appUpdateYml(appUpdateConfig(readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz' }), identity) ?? config))).not.toHaveProperty('insonUpdateKey');
    expect(() => readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz', INSON_UPDATE_KEY: 'c2hvcnQ=' })).toThrow(/INSON_UPDATE_KEY/);
  });

  it('keeps names with YAML punctuation intact', () => {
    const config = appUpdateConfig(
      readReleaseSettings({ INSON_UPDATE_URL: 'https://agency.uz', INSON_PUBLISHER_NAME: 'O\'zbekiston: "Agency" - #1' }),
      identity,
    );
    if (config === null) throw new Error('expected a feed');
    expect(yaml.load(appUpdateYml(config))).toMatchObject({ publisherName: ['O\'zbekiston: "Agency" - #1'] });
  });

  it('is written into the resources folder', async () => {
    const config = appUpdateConfig(readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz' }), identity);
    if (config === null) throw new Error('expected a feed');
    const file = await writeAppUpdateYml(dir, config);
    expect(file).toBe(join(dir, 'app-update.yml'));
    expect(readFileSync(file, 'utf8')).toBe(appUpdateYml(config));
  });
});

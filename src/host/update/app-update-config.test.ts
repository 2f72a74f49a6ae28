import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { appUpdateConfigText } from './app-update-config';

// The YAML parser electron-updater itself loads app-update.yml with (its own js-yaml), not ours.
const electronUpdaterRequire = createRequire(require.resolve('electron-updater'));
const { load } = electronUpdaterRequire('js-yaml') as { load(text: string): unknown };

describe('app-update.yml', () => {
  it('reads back in electron-updater as the generic provider with the publisher names', () => {
    const text = appUpdateConfigText({
      channelUrl: 'https://registry.example.uz/updates/stable',
      publisherNames: ["CN=National Agency for Social Protection, O=National Agency for Social Protection, L=Tashkent, C=UZ", "CN=O'zbekiston Agency"],
    });
    expect(load(text)).toEqual({
      provider: 'generic',
      url: 'https://registry.example.uz/updates/stable',
      updaterCacheDirName: 'inson-center-updater',
      publisherName: ['CN=National Agency for Social Protection, O=National Agency for Social Protection, L=Tashkent, C=UZ', "CN=O'zbekiston Agency"],
    });
  });

  it('has no publisherName when none is configured (the install gate then refuses on Windows)', () => {
    expect(load(appUpdateConfigText({ channelUrl: 'http://127.0.0.1:8740/updates/stable', publisherNames: [] }))).toEqual({
      provider: 'generic',
      url: 'http://127.0.0.1:8740/updates/stable',
      updaterCacheDirName: 'inson-center-updater',
    });
  });
});

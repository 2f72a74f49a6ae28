import { describe, expect, it } from 'vitest';
import { readUpdateSettings } from './update-settings';

const KEY = Buffer.alloc(32, 7).toString('base64');
// As the packaging hook writes it (packaging/app-update-yml.ts on main), plus the agency key.
const PACKAGED = `provider: generic
url: "https://registry.example.uz/updates/pilot"
channel: "latest"
publisherName:
  - "CN=National Agency for Social Protection, O=National Agency for Social Protection, C=UZ"
updaterCacheDirName: "inson-center-updater"
insonUpdateKey: "${KEY}"
`;

describe('update settings', () => {
  it('come from the packaged app-update.yml', () => {
    expect(readUpdateSettings({}, PACKAGED)).toEqual({
      baseUrl: 'https://registry.example.uz/updates',
      buildChannel: 'pilot',
      agencyPublicKey: Buffer.alloc(32, 7),
      publisherNames: ['CN=National Agency for Social Protection, O=National Agency for Social Protection, C=UZ'],
      centerGroup: null,
      centerId: null,
    });
  });

  it('the environment wins, with the same names the build uses', () => {
    const settings = readUpdateSettings(
      { INSON_UPDATE_URL: 'http://127.0.0.1:8740/', INSON_UPDATE_CHANNEL: 'stable', INSON_PUBLISHER_NAME: 'Agency', INSON_UPDATE_KEY: Buffer.alloc(32, 1).toString('base64'), INSON_UPDATE_GROUP: 'tashkent', INSON_CENTER_ID: 'c-1' },
      PACKAGED,
    );
    expect(settings).toEqual({ baseUrl: 'http://127.0.0.1:8740/updates', buildChannel: 'stable', agencyPublicKey: Buffer.alloc(32, 1), publisherNames: ['Agency'], centerGroup: 'tashkent', centerId: 'c-1' });
  });

  it('are off without a URL, refuse plain HTTP to another machine, and pin no key when none is valid', () => {
    expect(readUpdateSettings({}, null)).toBeNull();
    expect(readUpdateSettings({ INSON_UPDATE_URL: 'http://registry.example.uz' }, null)).toBeNull();
    expect(readUpdateSettings({}, PACKAGED.replace('https://', 'http://'))).toBeNull();
    expect(readUpdateSettings({ INSON_UPDATE_URL: 'https://registry.example.uz' }, null)?.agencyPublicKey).toBeNull();
    expect(readUpdateSettings({ INSON_UPDATE_KEY: 'c2hvcnQ=' }, PACKAGED)?.agencyPublicKey).toBeNull();
  });
});

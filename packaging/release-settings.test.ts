import { describe, expect, it } from 'vitest';
import { describeReleaseSettings, LOCAL_BUILD_PUBLISHER, readReleaseSettings, ReleaseSettingsError } from './release-settings';

const PFX = { INSON_PUBLISHER_NAME: 'Agency', INSON_WIN_CERTIFICATE_FILE: 'C:\\keys\\agency.pfx', INSON_WIN_CERTIFICATE_PASSWORD: 'pfx-pass' };
const APPLE = { INSON_APPLE_ID: 'build@agency.uz', INSON_APPLE_APP_PASSWORD: 'abcd-efgh', INSON_APPLE_TEAM_ID: 'TEAM123456' };

describe('release settings from the environment', () => {
  it('an empty environment is an unsigned local build with no update feed, and says so', () => {
    const settings = readReleaseSettings({});
    expect(settings).toEqual({
      publisherName: null,
      maintainer: `${LOCAL_BUILD_PUBLISHER} <build@localhost>`,
      updateFeed: null,
      windowsSigning: null,
      macSigning: null,
    });
    const lines = describeReleaseSettings(settings);
    expect(lines[0]).toMatch(/^Windows: UNSIGNED .*INSON_WIN_CERTIFICATE_FILE/);
    expect(lines[1]).toMatch(/^macOS: UNSIGNED .*INSON_MAC_SIGN_IDENTITY/);
    expect(lines[2]).toMatch(/no feed \(set INSON_UPDATE_URL\)/);
  });

  it('blank values count as unset', () => {
    expect(readReleaseSettings({ INSON_WIN_CERTIFICATE_FILE: '  ', INSON_UPDATE_URL: '', INSON_MAC_SIGN_IDENTITY: '' })).toMatchObject({
      windowsSigning: null,
      updateFeed: null,
      macSigning: null,
    });
  });

  it('reads a Windows certificate, and never puts the password in the log lines', () => {
    const settings = readReleaseSettings({ ...PFX, INSON_WIN_TIMESTAMP_URL: 'http://timestamp.example' });
    expect(settings.windowsSigning).toEqual({
      kind: 'certificate',
      certificateFile: 'C:\\keys\\agency.pfx',
      certificatePassword: 'pfx-pass',
      timestampUrl: 'http://timestamp.example',
    });
    expect(settings.maintainer).toBe('Agency <build@localhost>');
    expect(describeReleaseSettings(settings).join('\n')).not.toContain('pfx-pass');
    expect(describeReleaseSettings(settings)[0]).toBe('Windows: signed as "Agency" with a certificate file');
  });

  it('reads a signing hook instead of a certificate', () => {
    expect(readReleaseSettings({ INSON_PUBLISHER_NAME: 'Agency', INSON_WIN_SIGN_HOOK: '/opt/sign.cjs' }).windowsSigning).toEqual({
      kind: 'hook',
      hookModulePath: '/opt/sign.cjs',
      timestampUrl: null,
    });
  });

  it('refuses half-stated Windows signing', () => {
    expect(() => readReleaseSettings({ INSON_WIN_CERTIFICATE_FILE: 'a.pfx' })).toThrow(/needs INSON_PUBLISHER_NAME/);
    expect(() => readReleaseSettings({ ...PFX, INSON_WIN_SIGN_HOOK: '/opt/sign.cjs' })).toThrow(/not both/);
    expect(() => readReleaseSettings({ INSON_WIN_CERTIFICATE_PASSWORD: 'x' })).toThrow(ReleaseSettingsError);
  });

  it('reads macOS signing with and without notarization, and refuses notarization half-stated or unsigned', () => {
    expect(readReleaseSettings({ INSON_MAC_SIGN_IDENTITY: 'Developer ID Application: Agency (TEAM123456)' }).macSigning).toEqual({
      identity: 'Developer ID Application: Agency (TEAM123456)',
      notarize: null,
    });
    expect(readReleaseSettings({ INSON_MAC_SIGN_IDENTITY: 'Developer ID Application: Agency', ...APPLE }).macSigning?.notarize).toEqual({
      appleId: 'build@agency.uz',
      appleIdPassword: 'abcd-efgh',
      teamId: 'TEAM123456',
    });
    expect(() => readReleaseSettings({ INSON_MAC_SIGN_IDENTITY: 'X', INSON_APPLE_ID: 'a@b.uz' })).toThrow(/needs all of/);
    expect(() => readReleaseSettings(APPLE)).toThrow(/set INSON_MAC_SIGN_IDENTITY too/);
  });

  it('reads the update feed: https, a plain base address, a channel of letters, digits and dashes', () => {
    expect(readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.agency.uz/' }).updateFeed).toEqual({ baseUrl: 'https://registry.agency.uz', channel: 'stable', agencyKey: null });
    expect(readReleaseSettings({ INSON_UPDATE_URL: 'https://agency.uz/inson', INSON_UPDATE_CHANNEL: 'pilot-tashkent' }).updateFeed).toEqual({
      baseUrl: 'https://agency.uz/inson',
      channel: 'pilot-tashkent',
      agencyKey: null,
    });
    expect(readReleaseSettings({ INSON_UPDATE_URL: 'http://localhost:8787' }).updateFeed?.baseUrl).toBe('http://localhost:8787');
    expect(() => readReleaseSettings({ INSON_UPDATE_URL: 'http://registry.agency.uz' })).toThrow(/must be https/);
    expect(() => readReleaseSettings({ INSON_UPDATE_URL: 'registry.agency.uz' })).toThrow(/not a URL/);
    expect(() => readReleaseSettings({ INSON_UPDATE_URL: 'https://user:pw@agency.uz' })).toThrow(/plain base address/);
    expect(() => readReleaseSettings({ INSON_UPDATE_URL: 'https://agency.uz', INSON_UPDATE_CHANNEL: '../latest' })).toThrow(/INSON_UPDATE_CHANNEL/);
  });
});

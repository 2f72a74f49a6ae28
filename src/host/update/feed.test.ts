import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { feedFromRecord, parseFeed, readLatestYml } from './feed';
import { decodeAgencyKey, isReleaseSignedByAgency } from './release-signature';
import { channelForCenter, isCenterWithinRollout, parseChannelMap } from './rollout';
import { signFeedText } from './sign-release';
import { newAgencyKey } from './update.fixture';
import { compareVersions, isNewerVersion, parseVersion } from './version';

const SHA = `${randomBytes(64).toString('base64')}`;

// As electron-builder 26 writes it for an NSIS target (js-yaml dump), release notes included.
const LATEST_YML = `version: 1.3.0
files:
  - url: INSON-Center-Setup-1.3.0.exe
    sha512: ${SHA}
    size: 98765432
    blockMapSize: 103301
path: INSON-Center-Setup-1.3.0.exe
sha512: ${SHA}
releaseDate: '2026-12-04T10:00:00.000Z'
releaseNotes: |-
  Zaxira nusxalari.
  Резервные копии.
stagingPercentage: 25
`;

describe('the feed', () => {
  it('reads latest.yml as electron-builder writes it', () => {
    expect(parseFeed(LATEST_YML)).toEqual({
      ok: true,
      feed: { version: '1.3.0', files: [{ url: 'INSON-Center-Setup-1.3.0.exe', sha512: SHA, sizeBytes: 98765432 }], releaseDate: '2026-12-04T10:00:00.000Z', stagingPercentage: 25, signature: null },
    });
    expect(readLatestYml("a: 'it''s'\nb: \"x\\u0041\"\n")).toEqual({ a: "it's", b: 'xA' });
  });

  it('refuses what it does not fully understand', () => {
    expect(parseFeed('<html>portal</html>')).toEqual({ ok: false, reason: 'notFeedYaml' });
    expect(parseFeed(LATEST_YML.replace('url: INSON', 'url: ../INSON'))).toMatchObject({ ok: false, reason: 'badFileName' });
    expect(parseFeed(LATEST_YML.replace('url: INSON-Center-Setup-1.3.0.exe', 'url: https://elsewhere.example/x.exe'))).toMatchObject({ ok: false, reason: 'badFileName' });
    expect(parseFeed(LATEST_YML.replace('size: 98765432', 'size: -1'))).toMatchObject({ ok: false, reason: 'badSize' });
    expect(parseFeed(LATEST_YML.replace('stagingPercentage: 25', 'stagingPercentage: lots'))).toMatchObject({ ok: false, reason: 'badStagingPercentage' });
    expect(parseFeed(LATEST_YML.replace('stagingPercentage: 25', 'stagingPercentage: 101'))).toMatchObject({ ok: false, reason: 'badStagingPercentage' });
    expect(feedFromRecord({ version: '1.3.0', files: [] })).toEqual({ ok: false, reason: 'noFiles' });
  });

  it('is signed by sign-release and verified against the pinned key only', () => {
    const agency = newAgencyKey();
    const signed = parseFeed(signFeedText(LATEST_YML, agency.seed));
    expect(signed.ok).toBe(true);
    if (!signed.ok) return;
    expect(isReleaseSignedByAgency(signed.feed, agency.publicKey)).toBe(true);
    expect(isReleaseSignedByAgency(signed.feed, newAgencyKey().publicKey)).toBe(false);
    expect(isReleaseSignedByAgency(signed.feed, null)).toBe(false);
    // The rollout share is not signed: the agency widens a rollout without signing again.
    expect(isReleaseSignedByAgency({ ...signed.feed, stagingPercentage: 100 }, agency.publicKey)).toBe(true);
    expect(isReleaseSignedByAgency({ ...signed.feed, signature: 'bm90IGEgc2lnbmF0dXJl' }, agency.publicKey)).toBe(false);
    // Signing again replaces the old signature instead of adding a second one.
    const twice = signFeedText(signFeedText(LATEST_YML, newAgencyKey().seed), agency.seed);
    expect(twice.match(/insonSignature:/g)).toHaveLength(1);
    const again = parseFeed(twice);
    expect(again.ok && isReleaseSignedByAgency(again.feed, agency.publicKey)).toBe(true);
    expect(decodeAgencyKey(agency.publicKey.toString('base64'))?.equals(agency.publicKey)).toBe(true);
    expect(decodeAgencyKey('c2hvcnQ=')).toBeNull();
  });
});

describe('versions', () => {
  it('orders by SemVer precedence', () => {
    const order = ['0.9.9', '1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0', '1.0.1', '1.10.0', '2.0.0'];
    for (let index = 1; index < order.length; index += 1) {
      const [a, b] = [parseVersion(order[index - 1] ?? ''), parseVersion(order[index] ?? '')];
      if (!a || !b) throw new Error('unparsed');
      expect(compareVersions(a, b)).toBe(-1);
      expect(compareVersions(b, a)).toBe(1);
    }
    expect(isNewerVersion('1.3.0+build.7', '1.3.0')).toBe(false);
    expect(isNewerVersion('1.3', '1.2.0')).toBe(false);
    expect(isNewerVersion('01.3.0', '1.2.0')).toBe(false);
  });
});

describe('rollout and channels', () => {
  it('answers by center id, null center only for releases for everyone', () => {
    expect(isCenterWithinRollout('c-1', null)).toBe(true);
    expect(isCenterWithinRollout(null, 100)).toBe(true);
    expect(isCenterWithinRollout(null, 99)).toBe(false);
    expect(isCenterWithinRollout('c-1', 0)).toBe(false);
    const ids = Array.from({ length: 1000 }, (_, index) => `center-${index}`);
    const at10 = ids.filter((id) => isCenterWithinRollout(id, 10));
    const at50 = ids.filter((id) => isCenterWithinRollout(id, 50));
    // Raising the percentage only adds centers: nobody who had the release loses it.
    expect(at10.every((id) => at50.includes(id))).toBe(true);
    expect(at10.length).toBeGreaterThan(70);
    expect(at10.length).toBeLessThan(130);
  });

  it('picks center, then group, then default, and ignores names that are not plain', () => {
    const map = parseChannelMap(JSON.stringify({ default: 'stable', groups: { pilot: 'beta', bad: '../x' }, centers: { 'c-9': 'early' } }));
    expect(channelForCenter(map, 'c-9', 'pilot')).toBe('early');
    expect(channelForCenter(map, 'c-1', 'pilot')).toBe('beta');
    expect(channelForCenter(map, 'c-1', 'bad')).toBe('stable');
    expect(channelForCenter(null, 'c-1', 'pilot')).toBe('stable');
    // The build's channel comes after the center's and the group's, before the map's default.
    expect(channelForCenter(map, 'c-1', null, 'nightly')).toBe('nightly');
    expect(channelForCenter(map, 'c-1', 'pilot', 'nightly')).toBe('beta');
    expect(parseChannelMap('not json')).toBeNull();
  });
});

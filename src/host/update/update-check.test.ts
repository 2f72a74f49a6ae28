import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkForUpdate, type UpdateCheckOptions } from './update-check';
import { newAgencyKey, publishRelease, updateServerForFile } from './update.fixture';

const { updatesDir, agency, registry: server } = updateServerForFile();

function options(extra: Partial<UpdateCheckOptions> = {}): UpdateCheckOptions {
  return { baseUrl: `${server().url}/updates`, platform: 'win32', runningVersion: '1.2.0', centerId: 'center-1', centerGroup: null, agencyPublicKey: agency.publicKey, ...extra };
}

describe('checkForUpdate against the registry', () => {
  it('offers a newer release signed by the agency, and ignores an equal or older one', async () => {
    publishRelease(updatesDir, { channel: 'stable', version: '1.3.0', signedBy: agency });
    const check = await checkForUpdate(options());
    expect(check.kind).toBe('available');
    if (check.kind !== 'available') return;
    expect(check.feed.version).toBe('1.3.0');
    expect(check.channelUrl).toBe(`${server().url}/updates/stable`);
    expect(await checkForUpdate(options({ runningVersion: '1.3.0' }))).toMatchObject({ kind: 'upToDate', offeredVersion: '1.3.0' });
    expect(await checkForUpdate(options({ runningVersion: '1.4.0-beta.1' }))).toMatchObject({ kind: 'upToDate' });
    expect(await checkForUpdate(options({ runningVersion: '2.0.0' }))).toMatchObject({ kind: 'upToDate' });
  });

  it('refuses a release that is unsigned, signed by another key, changed after signing, or when no key is pinned', async () => {
    publishRelease(updatesDir, { channel: 'unsigned', version: '1.3.0', signedBy: null });
    const channelMap = (channel: string) => writeFileSync(join(updatesDir, 'channels.json'), JSON.stringify({ default: channel }));
    try {
      channelMap('unsigned');
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'badSignature', channel: 'unsigned' });

      publishRelease(updatesDir, { channel: 'forged', version: '1.3.0', signedBy: newAgencyKey() });
      channelMap('forged');
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'badSignature' });

      const tampered = publishRelease(updatesDir, { channel: 'tampered', version: '1.3.0', signedBy: agency });
      // Someone with write access to the server swaps the installer and its hash, keeping the signature.
      const other = publishRelease(join(updatesDir, 'scratch'), { channel: 'x', version: '1.3.0', signedBy: null });
      writeFileSync(tampered.feedPath, readFileSync(tampered.feedPath, 'utf8').replaceAll(tampered.sha512, other.sha512));
      channelMap('tampered');
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'badSignature' });

      // A release relabelled with a higher version fails too: the version is signed.
      const relabelled = publishRelease(updatesDir, { channel: 'relabelled', version: '1.3.0', signedBy: agency });
      writeFileSync(relabelled.feedPath, readFileSync(relabelled.feedPath, 'utf8').replace('version: 1.3.0', 'version: 9.0.0'));
      channelMap('relabelled');
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'badSignature' });

      channelMap('stable');
      expect(await checkForUpdate(options({ agencyPublicKey: null }))).toMatchObject({ kind: 'refused', reason: 'badSignature' });
    } finally {
      rmSync(join(updatesDir, 'channels.json'), { force: true });
    }
  });

  it('stages a release by center id: the same center always gets the same answer, about 30 % of 1,000 centers get it', async () => {
    publishRelease(updatesDir, { channel: 'staged', version: '1.3.0', signedBy: agency, stagingPercentage: 30 });
    writeFileSync(join(updatesDir, 'channels.json'), JSON.stringify({ default: 'staged' }));
    try {
      const centers = Array.from({ length: 1000 }, (_, index) => `0190a1b2-c3d4-7e5f-8a9b-${String(index).padStart(12, '0')}`);
      const first: string[] = [];
      for (const centerId of centers) first.push((await checkForUpdate(options({ centerId }))).kind);
      const taken = first.filter((kind) => kind === 'available').length;
      expect(first.every((kind) => kind === 'available' || kind === 'notYetForThisCenter')).toBe(true);
      expect(taken).toBeGreaterThanOrEqual(255);
      expect(taken).toBeLessThanOrEqual(345);
      // Asked again (another PC of the same center, a reinstall): the same answers.
      for (const [index, centerId] of centers.slice(0, 100).entries()) expect((await checkForUpdate(options({ centerId }))).kind).toBe(first[index]);
      // Not yet enrolled: a staged release waits.
      expect(await checkForUpdate(options({ centerId: null }))).toMatchObject({ kind: 'notYetForThisCenter' });
    } finally {
      rmSync(join(updatesDir, 'channels.json'), { force: true });
    }
  }, 60_000);

  it('reads the channel of the center, then of its group, then the default from channels.json', async () => {
    publishRelease(updatesDir, { channel: 'stable', version: '1.3.0', signedBy: agency });
    publishRelease(updatesDir, { channel: 'pilot', version: '1.4.0-beta.1', signedBy: agency });
    writeFileSync(join(updatesDir, 'channels.json'), JSON.stringify({ default: 'stable', groups: { 'tashkent-pilot': 'pilot' }, centers: { 'center-7': 'pilot' } }));
    try {
      const pilot = await checkForUpdate(options({ centerId: 'center-2', centerGroup: 'tashkent-pilot' }));
      expect(pilot).toMatchObject({ kind: 'available', channel: 'pilot', feed: { version: '1.4.0-beta.1' } });
      expect(await checkForUpdate(options({ centerId: 'center-7', centerGroup: 'samarkand' }))).toMatchObject({ kind: 'available', channel: 'pilot' });
      expect(await checkForUpdate(options({ centerId: 'center-3', centerGroup: 'samarkand' }))).toMatchObject({ kind: 'available', channel: 'stable', feed: { version: '1.3.0' } });
      expect(await checkForUpdate(options({ centerId: 'center-3', centerGroup: null }))).toMatchObject({ channel: 'stable' });
    } finally {
      rmSync(join(updatesDir, 'channels.json'), { force: true });
    }
    // No channels.json on the server: everyone reads stable.
    expect(await checkForUpdate(options({ centerGroup: 'tashkent-pilot' }))).toMatchObject({ channel: 'stable' });
  });

  it('refuses a missing or unreadable feed without offering anything', async () => {
    writeFileSync(join(updatesDir, 'channels.json'), JSON.stringify({ default: 'nowhere' }));
    try {
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'unreachable', detail: 'HTTP 404' });
    } finally {
      rmSync(join(updatesDir, 'channels.json'), { force: true });
    }
    publishRelease(updatesDir, { channel: 'broken', version: '1.3.0', signedBy: agency });
    writeFileSync(join(updatesDir, 'broken', 'latest.yml'), '<html>captive portal</html>\n');
    writeFileSync(join(updatesDir, 'channels.json'), JSON.stringify({ default: 'broken' }));
    try {
      expect(await checkForUpdate(options())).toMatchObject({ kind: 'refused', reason: 'badFeed' });
    } finally {
      rmSync(join(updatesDir, 'channels.json'), { force: true });
    }
    expect(await checkForUpdate(options({ baseUrl: 'http://127.0.0.1:1/updates' }))).toMatchObject({ kind: 'refused', reason: 'unreachable', detail: 'network' });
  });
});

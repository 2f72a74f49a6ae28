import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { downloadArtifact } from './download';
import { readLatestYml } from './feed';
import { createUpdateController, type UpdateControllerOptions } from './update-controller';
import { signFeedText } from './sign-release';
import { installerEntry } from './update-check';
import { publishRelease, updateServerForFile } from './update.fixture';

const { updatesDir, agency, registry: server, cacheDir } = updateServerForFile();

function controller(extra: Partial<UpdateControllerOptions> = {}) {
  const calls = { ready: [] as string[], installs: 0 };
  const updates = createUpdateController({
    settings: { baseUrl: `${server().url}/updates`, agencyPublicKey: agency.publicKey, publisherNames: ['CN=National Agency for Social Protection'], buildChannel: 'stable', centerGroup: null, centerId: null },
    platform: 'linux',
    runningVersion: '1.2.0',
    centerId: () => Promise.resolve('center-1'),
    notifyReady: (version) => calls.ready.push(version),
    quitAndInstall: () => {
      calls.installs += 1;
    },
    ...extra,
  });
  return { updates, calls };
}

/** What electron-updater does between `check` and `update-downloaded`, over the same HTTP. */
async function fetchAsElectronUpdaterWould(channelUrl: string, feedName = 'latest-linux.yml'): Promise<{ file: string; info: Record<string, unknown> }> {
  const info = readLatestYml(await (await fetch(`${channelUrl}/${feedName}`)).text());
  const entry = (info.files as { url: string; sha512: string; size: string }[])[0];
  if (!entry) throw new Error('no file');
  const outcome = await downloadArtifact(`${channelUrl}/${entry.url}`, { url: entry.url, sha512: entry.sha512, sizeBytes: Number(entry.size) }, cacheDir);
  if (!outcome.ok) throw new Error(outcome.reason);
  return { file: outcome.file, info };
}

function publishLinux(version: string) {
  const release = publishRelease(updatesDir, { channel: 'stable', version, signedBy: agency });
  // The same release as electron-builder names it for Linux: a .deb beside latest-linux.yml, signed as such.
  const deb = release.fileName.replace(/\.exe$/, '.deb');
  writeFileSync(join(updatesDir, 'stable', deb), release.bytes);
  const feed = readFileSync(release.feedPath, 'utf8').replaceAll(release.fileName, deb);
  writeFileSync(join(updatesDir, 'stable', 'latest-linux.yml'), signFeedText(feed, agency.seed));
  return { ...release, deb };
}

describe('the update controller', () => {
  it('checks, takes the download, and installs only once the forms are saved and the user agrees', async () => {
    publishLinux('1.3.0');
    const { updates, calls } = controller();
    const { result: check, downloadFrom } = await updates.check();
    expect(check.kind).toBe('available');
    if (check.kind !== 'available') return;
    expect(downloadFrom).toBe(`${server().url}/updates/stable`);
    expect(installerEntry(check.feed, 'linux')?.url).toBe('INSON-Center-Setup-1.3.0.deb');
    const { file, info } = await fetchAsElectronUpdaterWould(check.channelUrl);
    expect(updates.isAcceptable(info)).toBe(true);
    expect(updates.isWithinRollout(info)).toBe(true);

    expect(await updates.handleMessage('window-1', { kind: 'dirtyForms', isDirty: true })).toEqual({ kind: 'ok' });
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'nothingReady' });
    await updates.downloaded(file, info);
    expect(calls.ready).toEqual(['1.3.0']);
    expect(calls.installs).toBe(0);
    // The next periodic check finds the same version: nothing is downloaded again, it stays ready and is announced again.
    expect((await updates.check()).downloadFrom).toBeNull();
    expect(updates.flow.state.phase).toBe('ready');
    expect(calls.ready).toEqual(['1.3.0', '1.3.0']);
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'waitForForms' });
    expect(calls.installs).toBe(0);
    await updates.handleMessage('window-1', { kind: 'dirtyForms', isDirty: false });
    // Saved, but the user has not said yes: still nothing.
    expect(calls.installs).toBe(0);
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'installing', version: '1.3.0' });
    expect(calls.installs).toBe(1);
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'nothingReady' });
    expect(calls.installs).toBe(1);
    expect(await updates.handleMessage('window-1', { kind: 'format c:' })).toEqual({ kind: 'badMessage' });
    expect(await updates.handleMessage('window-1', { kind: 'dirtyForms', isDirty: 'yes' })).toEqual({ kind: 'badMessage' });
  });

  it('does not offer a download whose file changed, nor a feed electron-updater fetched that the agency did not sign', async () => {
    publishLinux('1.3.1');
    const { updates, calls } = controller();
    const { result: check } = await updates.check();
    if (check.kind !== 'available') throw new Error(check.kind);
    const { file, info } = await fetchAsElectronUpdaterWould(check.channelUrl);
    expect(updates.isAcceptable({ ...info, insonSignature: undefined })).toBe(false);
    expect(updates.isAcceptable({ ...info, version: '1.2.0' })).toBe(false);
    writeFileSync(file, Buffer.alloc(readFileSync(file).length, 0));
    await updates.downloaded(file, info);
    expect(calls.ready).toEqual([]);
    expect(updates.flow.state).toMatchObject({ phase: 'failed', reason: 'sha512Mismatch' });
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'nothingReady' });
    expect(calls.installs).toBe(0);
  });

  it('on Windows, refuses to install when Authenticode does not verify (fail closed)', async () => {
    publishLinux('1.3.2');
    const { updates, calls } = controller({ platform: 'win32', verifyCodeSignature: () => Promise.resolve('otherPublisher') });
    const { result: check } = await updates.check();
    if (check.kind !== 'available') throw new Error(check.kind);
    const { file, info } = await fetchAsElectronUpdaterWould(check.channelUrl, 'latest.yml');
    await updates.downloaded(file, info);
    expect(calls.ready).toEqual(['1.3.2']);
    expect(await updates.handleMessage('window-1', { kind: 'install' })).toEqual({ kind: 'refused', reason: 'authenticode:otherPublisher' });
    expect(calls.installs).toBe(0);
  });

  it('answers the rollout hook by center id', async () => {
    const release = publishRelease(updatesDir, { channel: 'staged', version: '1.4.0', signedBy: agency, stagingPercentage: 30 });
    const info = readLatestYml(readFileSync(release.feedPath, 'utf8'));
    const answers: boolean[] = [];
    for (let index = 0; index < 200; index += 1) {
      const { updates } = controller({ centerId: () => Promise.resolve(`center-${index}`) });
      await updates.check();
      answers.push(updates.isWithinRollout(info));
    }
    const taken = answers.filter(Boolean).length;
    expect(taken).toBeGreaterThan(35);
    expect(taken).toBeLessThan(85);
    const { updates } = controller({ centerId: () => Promise.resolve(null) });
    await updates.check();
    expect(updates.isWithinRollout(info)).toBe(false);
  });
});

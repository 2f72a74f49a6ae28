import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadArtifact } from './download';
import { parseFeed, type UpdateFeed } from './feed';
import { createUpdateFlow } from './install-policy';
import { installerEntry, verifyBeforeInstall } from './update-check';
import { newAgencyKey, publishRelease, updateServerForFile } from './update.fixture';

const { updatesDir, agency, registry: server, cacheDir: cacheRoot } = updateServerForFile();

function feedOf(path: string): UpdateFeed {
  const parsed = parseFeed(readFileSync(path, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.feed;
}

/** Downloads like the app does, and tells the install flow; returns what the flow ended in. */
async function downloadInto(flowDir: string, url: string, feed: UpdateFeed) {
  const flow = createUpdateFlow();
  const entry = installerEntry(feed, 'win32');
  if (entry === null) throw new Error('no installer in the feed');
  flow.downloading(feed.version);
  const outcome = await downloadArtifact(url, entry, flowDir);
  if (outcome.ok) flow.ready(feed.version, outcome.file);
  else flow.failed(feed.version, outcome.reason);
  return { flow, outcome };
}

describe('downloadArtifact from the registry', () => {
  it('downloads a release to the cache, checked, and it passes the check before install', async () => {
    const release = publishRelease(updatesDir, { channel: 'stable', version: '1.3.0', signedBy: agency, sizeBytes: 3_000_000 });
    const feed = feedOf(release.feedPath);
    const dir = join(cacheRoot, 'good');
    const { flow, outcome } = await downloadInto(dir, `${server().url}/updates/stable/${release.fileName}`, feed);
    expect(outcome).toEqual({ ok: true, file: join(dir, release.fileName) });
    expect(readFileSync(join(dir, release.fileName)).equals(release.bytes)).toBe(true);
    expect(flow.state).toMatchObject({ phase: 'ready', version: '1.3.0' });
    expect(await verifyBeforeInstall(join(dir, release.fileName), feed, agency.publicKey)).toEqual({ ok: true });
    // Changed on disk after the download (another program, a bad sector): refused at the last gate.
    const bytes = readFileSync(join(dir, release.fileName));
    bytes[1000] = (bytes[1000] ?? 0) ^ 0xff;
    writeFileSync(join(dir, release.fileName), bytes);
    expect(await verifyBeforeInstall(join(dir, release.fileName), feed, agency.publicKey)).toEqual({ ok: false, reason: 'sha512Mismatch' });
    expect(await verifyBeforeInstall(join(dir, release.fileName), feed, newAgencyKey().publicKey)).toEqual({ ok: false, reason: 'badSignature' });
  });

  it('refuses a truncated installer on the server: nothing is ready and nothing is installed', async () => {
    const release = publishRelease(updatesDir, { channel: 'truncated', version: '1.3.0', signedBy: agency });
    truncateSync(join(updatesDir, 'truncated', release.fileName), 150_000);
    const dir = join(cacheRoot, 'truncated');
    const { flow, outcome } = await downloadInto(dir, `${server().url}/updates/truncated/${release.fileName}`, feedOf(release.feedPath));
    expect(outcome).toEqual({ ok: false, reason: 'sizeMismatch' });
    expect(readdirSync(dir)).toEqual([]);
    expect(flow.state).toMatchObject({ phase: 'failed', reason: 'sizeMismatch' });
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
  });

  it('refuses an installer of the right size with other bytes, and a longer one', async () => {
    const release = publishRelease(updatesDir, { channel: 'swapped', version: '1.3.0', signedBy: agency });
    const swapped = Buffer.from(release.bytes);
    swapped[5] = (swapped[5] ?? 0) ^ 1;
    writeFileSync(join(updatesDir, 'swapped', release.fileName), swapped);
    const url = `${server().url}/updates/swapped/${release.fileName}`;
    expect((await downloadInto(join(cacheRoot, 'swapped'), url, feedOf(release.feedPath))).outcome).toEqual({ ok: false, reason: 'sha512Mismatch' });
    writeFileSync(join(updatesDir, 'swapped', release.fileName), Buffer.concat([release.bytes, Buffer.from('tail')]));
    expect((await downloadInto(join(cacheRoot, 'swapped'), url, feedOf(release.feedPath))).outcome).toEqual({ ok: false, reason: 'tooLarge' });
    expect(readdirSync(join(cacheRoot, 'swapped'))).toEqual([]);
    expect((await downloadInto(join(cacheRoot, 'swapped'), `${server().url}/updates/swapped/missing.exe`, feedOf(release.feedPath))).outcome).toEqual({ ok: false, reason: 'httpStatus', status: 404 });
  });
});

describe('an interrupted download', () => {
  let server: Server;
  let url = '';
  const release = publishRelease(mkdtempSync(join(tmpdir(), 'inson-updates-cut-')), { channel: 'stable', version: '1.3.0', signedBy: agency, sizeBytes: 1_000_000 });

  beforeAll(async () => {
    // A connection that drops halfway, as a rural line does: the full length announced, half sent.
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(release.bytes.length) });
      response.write(release.bytes.subarray(0, 400_000), () => response.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${release.fileName}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('leaves no partial file and is never ready to install', async () => {
    const dir = join(cacheRoot, 'cut');
    const { flow, outcome } = await downloadInto(dir, url, feedOf(release.feedPath));
    expect(outcome).toEqual({ ok: false, reason: 'interrupted' });
    expect(existsSync(join(dir, release.fileName))).toBe(false);
    expect(existsSync(join(dir, `${release.fileName}.partial`))).toBe(false);
    expect(flow.state.phase).toBe('failed');
    expect(flow.agree()).toEqual({ kind: 'nothingReady' });
  });
});

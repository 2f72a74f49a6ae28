import { checkArtifactFile, type ArtifactCheck } from './download';
import { feedFileName, parseFeed, type FeedFile, type UpdateFeed } from './feed';
import { isReleaseSignedByAgency } from './release-signature';
import { channelForCenter, isCenterWithinRollout, parseChannelMap } from './rollout';
import { isNewerVersion } from './version';

/**
 * One update check, decided entirely here: which channel this center reads, whether the release
 * there is newer, meant for this center (staged rollout) and signed by the agency. The Electron
 * shell (electron/updater.ts) hands electron-updater the answers; tests ask the same function
 * against a real HTTP server.
 */

export interface UpdateCheckOptions {
  /** The agency's updates root, e.g. `https://registry.example.uz/updates`. */
  readonly baseUrl: string;
  readonly platform: NodeJS.Platform;
  readonly runningVersion: string;
  /** The registry's id of this center; null before enrollment (then only releases for everyone). */
  readonly centerId: string | null;
  /** The center's group in the agency's channels.json (a region, "pilot"); null: none. */
  readonly centerGroup: string | null;
  /** The channel the build follows (app-update.yml); null: channels.json's default, else stable. */
  readonly buildChannel?: string | null;
  /** The pinned agency key (raw Ed25519, 32 bytes); null refuses every update. */
  readonly agencyPublicKey: Buffer | null;
  readonly signal?: AbortSignal;
}

export type UpdateCheck =
  | { readonly kind: 'upToDate'; readonly channel: string; readonly offeredVersion: string }
  | { readonly kind: 'notYetForThisCenter'; readonly channel: string; readonly offeredVersion: string }
  | { readonly kind: 'refused'; readonly channel: string; readonly reason: 'unreachable' | 'badFeed' | 'badSignature'; readonly detail?: string }
  | { readonly kind: 'available'; readonly channel: string; readonly channelUrl: string; readonly feed: UpdateFeed };

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The folder electron-updater's generic provider reads for `channel`. */
export function channelUrl(baseUrl: string, channel: string): string {
  return `${trimSlash(baseUrl)}/${encodeURIComponent(channel)}`;
}

async function getText(url: string, signal: AbortSignal | undefined): Promise<{ status: number; text: string } | null> {
  try {
    const response = await fetch(url, { signal, redirect: 'error', headers: { 'cache-control': 'no-cache' } });
    return { status: response.status, text: await response.text() };
  } catch {
    return null;
  }
}

/**
 * Judges a feed already read (electron-updater's parsed UpdateInfo goes through here too).
 *
 * @example judgeFeed(feed, { runningVersion: '1.2.0', centerId, agencyPublicKey })
 */
export function judgeFeed(feed: UpdateFeed, options: Pick<UpdateCheckOptions, 'runningVersion' | 'centerId' | 'agencyPublicKey'>): 'upToDate' | 'notYetForThisCenter' | 'badSignature' | 'available' {
  if (!isNewerVersion(feed.version, options.runningVersion)) return 'upToDate';
  if (!isCenterWithinRollout(options.centerId, feed.stagingPercentage)) return 'notYetForThisCenter';
  if (!isReleaseSignedByAgency(feed, options.agencyPublicKey)) return 'badSignature';
  return 'available';
}

/** @example const check = await checkForUpdate({ baseUrl, platform: process.platform, runningVersion: app.getVersion(), centerId, centerGroup, agencyPublicKey }); */
export async function checkForUpdate(options: UpdateCheckOptions): Promise<UpdateCheck> {
  const map = await getText(`${trimSlash(options.baseUrl)}/channels.json`, options.signal);
  const channel = channelForCenter(map?.status === 200 ? parseChannelMap(map.text) : null, options.centerId, options.centerGroup, options.buildChannel ?? null);
  const folder = channelUrl(options.baseUrl, channel);
  const answer = await getText(`${folder}/${feedFileName(options.platform)}`, options.signal);
  if (answer === null || answer.status !== 200) return { kind: 'refused', channel, reason: 'unreachable', detail: answer ? `HTTP ${answer.status}` : 'network' };
  const parsed = parseFeed(answer.text);
  if (!parsed.ok) return { kind: 'refused', channel, reason: 'badFeed', detail: parsed.reason };
  const verdict = judgeFeed(parsed.feed, options);
  if (verdict === 'badSignature') return { kind: 'refused', channel, reason: 'badSignature' };
  if (verdict !== 'available') return { kind: verdict, channel, offeredVersion: parsed.feed.version };
  return { kind: 'available', channel, channelUrl: folder, feed: parsed.feed };
}

/** The feed entry for the installer this platform runs (electron-updater picks the same). */
export function installerEntry(feed: UpdateFeed, platform: NodeJS.Platform): FeedFile | null {
  const extension = platform === 'win32' ? '.exe' : platform === 'darwin' ? '.zip' : '.deb';
  return feed.files.find((file) => file.url.toLowerCase().endsWith(extension)) ?? null;
}

export type InstallCheck = ArtifactCheck | { readonly ok: false; readonly reason: 'badSignature' | 'notInFeed' };

/**
 * The last gate before quitAndInstall: the file on disk is byte for byte one the agency signed.
 *
 * @example if ((await verifyBeforeInstall(file, feed, key)).ok) autoUpdater.quitAndInstall();
 */
export async function verifyBeforeInstall(file: string, feed: UpdateFeed, agencyPublicKey: Buffer | null): Promise<InstallCheck> {
  if (!isReleaseSignedByAgency(feed, agencyPublicKey)) return { ok: false, reason: 'badSignature' };
  const name = file.split(/[\\/]/).at(-1) ?? '';
  const entry = feed.files.find((candidate) => candidate.url === name) ?? (feed.files.length === 1 ? feed.files[0] : undefined);
  if (entry === undefined) return { ok: false, reason: 'notInFeed' };
  return checkArtifactFile(file, entry);
}

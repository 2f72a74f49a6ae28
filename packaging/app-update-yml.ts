import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppIdentity } from './app-identity';
import type { ReleaseSettings } from './release-settings';

/**
 * resources/app-update.yml: where electron-updater looks for updates and whose signature it
 * accepts. electron-builder writes this file only when it packages the app itself; Forge packages
 * ours, so the packageAfterCopy hook writes it from the same settings the NSIS maker uses.
 *
 * The generic provider asks for `<url>/<channel>.yml` (`latest.yml`, and `latest-mac.yml`,
 * `latest-linux.yml` on the other systems). The center group's channel is therefore a folder of
 * the feed (`/updates/<channel>/`), each holding `latest*.yml`, so one registry serves every group.
 */
export interface AppUpdateConfig {
  readonly provider: 'generic';
  readonly url: string;
  readonly channel: string;
  readonly updaterCacheDirName: string;
  /** Windows: the certificate subject names an update's signature must carry. */
  readonly publisherName: readonly string[] | null;
  /** Ours, beside electron-updater's keys: the agency's release-signing public key (src/host/update/update-settings.ts reads it). */
  readonly insonUpdateKey: string | null;
}

/** The feed file name inside a channel's folder (electron-updater's own default channel). */
export const FEED_FILE_CHANNEL = 'latest';

/**
 * The update settings for a build, or null when the build has no feed (INSON_UPDATE_URL unset).
 *
 * @example appUpdateConfig(readReleaseSettings(process.env), readAppIdentity())?.url;
 *   // 'https://registry.example.uz/updates/stable'
 */
export function appUpdateConfig(settings: ReleaseSettings, identity: AppIdentity): AppUpdateConfig | null {
  if (settings.updateFeed === null) return null;
  return {
    provider: 'generic',
    url: `${settings.updateFeed.baseUrl}/updates/${settings.updateFeed.channel}`,
    channel: FEED_FILE_CHANNEL,
    updaterCacheDirName: identity.updaterCacheDirName,
    publisherName: settings.publisherName === null ? null : [settings.publisherName],
    insonUpdateKey: settings.updateFeed.agencyKey,
  };
}

/** A YAML double-quoted scalar: JSON's string syntax is a subset of it. */
const quoted = (value: string): string => JSON.stringify(value);

/**
 * The file's text, in the shape electron-builder writes it.
 *
 * @example appUpdateYml(config); // 'provider: generic\nurl: "https://…"\n…'
 */
export function appUpdateYml(config: AppUpdateConfig): string {
  const lines = [`provider: ${config.provider}`, `url: ${quoted(config.url)}`, `channel: ${quoted(config.channel)}`];
  if (config.publisherName !== null) {
    lines.push('publisherName:', ...config.publisherName.map((name) => `  - ${quoted(name)}`));
  }
  lines.push(`updaterCacheDirName: ${quoted(config.updaterCacheDirName)}`);
  if (config.insonUpdateKey !== null) lines.push(`insonUpdateKey: ${quoted(config.insonUpdateKey)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Writes app-update.yml into a packaged app's resources folder (the parent of `resources/app`,
 * which packageAfterCopy receives), before asar and before macOS signing seals the bundle.
 */
export async function writeAppUpdateYml(resourcesDir: string, config: AppUpdateConfig): Promise<string> {
  const file = join(resourcesDir, 'app-update.yml');
  await writeFile(file, appUpdateYml(config), 'utf8');
  return file;
}

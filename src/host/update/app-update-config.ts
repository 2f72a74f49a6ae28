/**
 * The `app-update.yml` electron-updater reads, written by the app itself (electron/updater.ts sets
 * `updateConfigPath` to it) instead of trusting whatever the installer maker put in resources/: it
 * names the generic provider, the cache folder, and the Windows publisher names, so the NSIS
 * updater always runs the (fail-closed) Authenticode check during the download, never skips it
 * for want of a publisher.
 */

export const UPDATER_CACHE_DIR_NAME = 'inson-center-updater';

/** A YAML single-quoted scalar: the only escape is a doubled quote. */
function quoted(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** @example appUpdateConfigText({ channelUrl: 'https://registry.example.uz/updates/stable', publisherNames: ['CN=…'] }) */
export function appUpdateConfigText(options: { readonly channelUrl: string; readonly publisherNames: readonly string[] }): string {
  const lines = ['provider: generic', `url: ${quoted(options.channelUrl)}`, `updaterCacheDirName: ${quoted(UPDATER_CACHE_DIR_NAME)}`];
  if (options.publisherNames.length > 0) lines.push('publisherName:', ...options.publisherNames.map((name) => `  - ${quoted(name)}`));
  return `${lines.join('\n')}\n`;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { autoUpdater, NsisUpdater, type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import { appUpdateConfigText } from '../src/host/update/app-update-config';
import { verifyAuthenticode } from '../src/host/update/authenticode';
import { createUpdateController, type UpdateController } from '../src/host/update/update-controller';
import { channelUrl } from '../src/host/update/update-check';
import type { UpdateSettings } from '../src/host/update/update-settings';
import { DEFAULT_CHANNEL } from '../src/host/update/rollout';

/**
 * electron-updater wired to the update module (src/host/update), which decides everything: the
 * channel and feed, the rollout by center id, the agency's signature, the install gate. This file
 * only connects electron-updater's hooks and events to it; it holds no logic and tests never load
 * it (it needs the Electron binary).
 */

export interface UpdaterOptions {
  readonly settings: UpdateSettings;
  readonly runningVersion: string;
  /** Where the app writes its own app-update.yml (the data folder). */
  readonly configDir: string;
  readonly centerId: () => Promise<string | null>;
  readonly notifyReady: () => void;
  readonly log: (event: Record<string, unknown>) => void;
}

const FIRST_CHECK_DELAY_MS = 60_000;
const CHECK_EVERY_MS = 4 * 3600_000;

const asRecord = (info: UpdateInfo): Readonly<Record<string, unknown>> => info as unknown as Record<string, unknown>;

/** @example const updates = startUpdater({ settings, runningVersion: app.getVersion(), centerId, notifyReady, log }); */
export function startUpdater(options: UpdaterOptions): UpdateController {
  const { settings } = options;
  const updates = createUpdateController({
    settings,
    platform: process.platform,
    runningVersion: options.runningVersion,
    centerId: options.centerId,
    notifyReady: options.notifyReady,
    quitAndInstall: () => autoUpdater.quitAndInstall(false, true),
    log: options.log,
  });

  const configPath = join(options.configDir, 'app-update.yml');
  writeFileSync(configPath, appUpdateConfigText({ channelUrl: channelUrl(settings.baseUrl, settings.buildChannel ?? DEFAULT_CHANNEL), publisherNames: settings.publisherNames }));
  autoUpdater.updateConfigPath = configPath;
  // Paths and URLs in electron-updater's own log can hold the Windows user's name.
  autoUpdater.logger = null;
  // The module has already judged the release when electron-updater is asked; it then downloads in the background.
  autoUpdater.autoDownload = true;
  // Never installed behind the user's back: only quitAndInstall after the install gate.
  autoUpdater.autoInstallOnAppQuit = false;
  autoUpdater.allowDowngrade = false;
  autoUpdater.allowPrerelease = false;
  autoUpdater.disableWebInstaller = true;
  autoUpdater.isUserWithinRollout = (info) => updates.isWithinRollout(asRecord(info));
  autoUpdater.isUpdateSupported = (info) => updates.isAcceptable(asRecord(info));
  if (autoUpdater instanceof NsisUpdater) {
    // Fail closed, with the names from our own app-update.yml; with none, NsisUpdater skips this hook
    // and the install gate (update-controller.ts) refuses instead.
    autoUpdater.verifyUpdateCodeSignature = (publisherNames, file) => verifyAuthenticode(publisherNames, file);
  }
  autoUpdater.on('update-downloaded', (event: UpdateDownloadedEvent) => void updates.downloaded(event.downloadedFile, asRecord(event)));
  autoUpdater.on('error', (error: Error) => updates.failed(error.name));

  const check = async () => {
    const { downloadFrom } = await updates.check();
    if (downloadFrom === null) return;
    autoUpdater.setFeedURL({ provider: 'generic', url: downloadFrom });
    await autoUpdater.checkForUpdates();
  };
  const checkQuietly = () => void check().catch((error: unknown) => updates.failed(error instanceof Error ? error.name : 'error'));
  setTimeout(checkQuietly, FIRST_CHECK_DELAY_MS).unref();
  setInterval(checkQuietly, CHECK_EVERY_MS).unref();
  return updates;
}

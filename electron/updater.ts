import { autoUpdater, NsisUpdater, type UpdateDownloadedEvent, type UpdateInfo } from 'electron-updater';
import { verifyAuthenticode } from '../src/host/update/authenticode';
import { createUpdateController, type UpdateController } from '../src/host/update/update-controller';
import type { UpdateSettings } from '../src/host/update/update-settings';

/**
 * electron-updater wired to the update module (src/host/update), which decides everything: the
 * channel and feed, the rollout by center id, the agency's signature, the install gate. This file
 * only connects electron-updater's hooks and events to it; it holds no logic and tests never load
 * it (it needs the Electron binary).
 */

export interface UpdaterOptions {
  readonly settings: UpdateSettings;
  readonly runningVersion: string;
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
    // Fail closed: the publisher names the agency configured, else those in app-update.yml; none refuses.
    autoUpdater.verifyUpdateCodeSignature = (fromAppUpdateYml, file) => verifyAuthenticode(settings.publisherNames.length > 0 ? settings.publisherNames : fromAppUpdateYml, file);
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

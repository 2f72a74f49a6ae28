import type { UpdateAnswer, UpdateMessage } from '../../core/api/bridge';
import { verifyAuthenticode } from './authenticode';
import { feedFromRecord, type UpdateFeed } from './feed';
import { createUpdateFlow, type UpdateFlow } from './install-policy';
import { isCenterWithinRollout } from './rollout';
import { checkForUpdate, judgeFeed, verifyBeforeInstall, type UpdateCheck } from './update-check';
import type { UpdateSettings } from './update-settings';

/**
 * Everything the updater decides, in one object the Electron shell (electron/updater.ts) calls:
 * what electron-updater should fetch, its rollout and "supported" hooks, what to do with a
 * finished download, and the renderer's messages (unsaved forms, "install and restart"). The
 * shell only moves events between electron-updater, the windows and this controller.
 */

export type { UpdateAnswer, UpdateMessage };

export interface UpdateControllerOptions {
  readonly settings: UpdateSettings;
  readonly platform: NodeJS.Platform;
  readonly runningVersion: string;
  /** The registry's id of this center, asked before each check. */
  readonly centerId: () => Promise<string | null>;
  /** Tells every window that an update is ready (the banner). */
  readonly notifyReady: (version: string) => void;
  /** electron-updater's quitAndInstall; called at most once, after the last checks. */
  readonly quitAndInstall: () => void;
  /** Windows: the Authenticode check (the fail-closed one by default; tests pass another). */
  readonly verifyCodeSignature?: (publisherNames: readonly string[], file: string) => Promise<string | null>;
  /** Events without personal data (`update.ready`, `update.refused`…). */
  readonly log?: (event: Record<string, unknown>) => void;
}

export interface UpdateController {
  readonly flow: UpdateFlow;
  /**
   * Asks the feed. `downloadFrom` is the channel folder electron-updater should download from, or
   * null (nothing newer, not for this center, refused, or that very version is already ready).
   */
  check(): Promise<{ readonly result: UpdateCheck; readonly downloadFrom: string | null }>;
  /** For `autoUpdater.isUserWithinRollout`: the center's answer, not electron-updater's random id. */
  isWithinRollout(info: Readonly<Record<string, unknown>>): boolean;
  /** For `autoUpdater.isUpdateSupported`: a release electron-updater fetched is taken only if signed by the agency and newer. */
  isAcceptable(info: Readonly<Record<string, unknown>>): boolean;
  /** electron-updater's `update-downloaded`: checks the file again before anyone is asked. */
  downloaded(file: string, info: Readonly<Record<string, unknown>>): Promise<void>;
  /** electron-updater's `error` during a download: the running version stays. */
  failed(reason: string): void;
  /** A window's message; `source` names the window. */
  handleMessage(source: string, message: unknown): Promise<UpdateAnswer>;
  /** A window closed. */
  forget(source: string): void;
}

function isUpdateMessage(value: unknown): value is UpdateMessage {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return (record.kind === 'dirtyForms' && typeof record.isDirty === 'boolean') || record.kind === 'install';
}

/** @example const updates = createUpdateController({ settings, platform: process.platform, runningVersion: app.getVersion(), centerId, notifyReady, quitAndInstall: () => autoUpdater.quitAndInstall() }); */
export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const flow = createUpdateFlow();
  const log = options.log ?? (() => {});
  const { settings } = options;
  let centerId: string | null = null;
  let readyFeed: UpdateFeed | null = null;

  const feedOf = (info: Readonly<Record<string, unknown>>): UpdateFeed | null => {
    const parsed = feedFromRecord(info);
    return parsed.ok ? parsed.feed : null;
  };

  async function install(file: string, version: string): Promise<UpdateAnswer> {
    const check = readyFeed === null ? ({ ok: false, reason: 'notInFeed' } as const) : await verifyBeforeInstall(file, readyFeed, settings.agencyPublicKey);
    let refusal: string | null = check.ok ? null : check.reason;
    if (refusal === null && options.platform === 'win32') {
      const authenticode = await (options.verifyCodeSignature ?? verifyAuthenticode)(settings.publisherNames, file);
      if (authenticode !== null) refusal = `authenticode:${authenticode}`;
    }
    if (refusal !== null) {
      flow.failed(version, refusal);
      log({ event: 'update.refused', version, reason: refusal });
      return { kind: 'refused', reason: refusal };
    }
    log({ event: 'update.installing', version });
    options.quitAndInstall();
    return { kind: 'installing', version };
  }

  return {
    flow,
    async check() {
      centerId = await options.centerId();
      const result = await checkForUpdate({ baseUrl: settings.baseUrl, platform: options.platform, runningVersion: options.runningVersion, centerId, centerGroup: settings.centerGroup, buildChannel: settings.buildChannel, agencyPublicKey: settings.agencyPublicKey });
      log({ event: 'update.checked', kind: result.kind, channel: result.channel, ...(result.kind === 'refused' ? { reason: result.reason } : {}) });
      if (result.kind !== 'available') return { result, downloadFrom: null };
      const state = flow.state;
      // Checked again every few hours: a version already waiting for the user is not fetched again,
      // only announced again (a window reloaded since has no banner).
      if ((state.phase === 'ready' || state.phase === 'installing') && state.version === result.feed.version) {
        if (state.phase === 'ready') options.notifyReady(state.version);
        return { result, downloadFrom: null };
      }
      flow.downloading(result.feed.version);
      return { result, downloadFrom: result.channelUrl };
    },
    isWithinRollout(info) {
      const feed = feedOf(info);
      return feed !== null && isCenterWithinRollout(centerId, feed.stagingPercentage);
    },
    isAcceptable(info) {
      const feed = feedOf(info);
      return feed !== null && judgeFeed(feed, { runningVersion: options.runningVersion, centerId, agencyPublicKey: settings.agencyPublicKey }) === 'available';
    },
    async downloaded(file, info) {
      const feed = feedOf(info);
      const version = feed?.version ?? 'unknown';
      const check = feed === null ? ({ ok: false, reason: 'badFeed' } as const) : await verifyBeforeInstall(file, feed, settings.agencyPublicKey);
      if (!check.ok) {
        flow.failed(version, check.reason);
        log({ event: 'update.refused', version, reason: check.reason });
        return;
      }
      readyFeed = feed;
      flow.ready(version, file);
      log({ event: 'update.ready', version });
      options.notifyReady(version);
    },
    failed(reason) {
      const state = flow.state;
      flow.failed(state.phase === 'idle' ? 'unknown' : state.version, reason);
      log({ event: 'update.failed', reason });
    },
    async handleMessage(source, message) {
      if (!isUpdateMessage(message)) return { kind: 'badMessage' };
      if (message.kind === 'dirtyForms') {
        flow.setDirtyForms(source, message.isDirty);
        return { kind: 'ok' };
      }
      const outcome = flow.agree();
      if (outcome.kind === 'nothingReady') return { kind: 'nothingReady' };
      if (outcome.kind === 'wait') return { kind: 'waitForForms' };
      return install(outcome.file, outcome.version);
    },
    forget(source) {
      flow.forget(source);
    },
  };
}

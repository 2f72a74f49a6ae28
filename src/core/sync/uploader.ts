import type { CoreServices } from '../api/context';
import { nodeCryptoPrimitives, type CryptoPrimitives } from '../crypto/primitives';
import { runUpload, type UploadDeps, type UploadResult } from './upload';

/**
 * The background upload of one running core: a round every `intervalMs` while the database is
 * open and the center enrolled (the backoff decides whether a round contacts the registry), one
 * round at a time, `sync.uploadNow` included. State per core, never module-wide.
 */

export interface SyncSettings {
  readonly crypto?: CryptoPrimitives;
  /** How often the schedule looks; 0 turns it off. */
  readonly intervalMs?: number;
  readonly fetch?: typeof fetch;
  readonly random?: () => number;
  readonly inFlight?: number;
  readonly timeoutMs?: number;
  readonly backoff?: UploadDeps['backoff'];
  readonly maxBatchPlainBytes?: number;
  readonly faults?: UploadDeps['faults'];
}

interface UploaderState {
  readonly settings: SyncSettings;
  running: Promise<UploadResult> | null;
  timer: NodeJS.Timeout | null;
}

const uploaders = new WeakMap<CoreServices, UploaderState>();

function stateOf(core: CoreServices): UploaderState {
  let state = uploaders.get(core);
  if (state === undefined) {
    state = { settings: {}, running: null, timer: null };
    uploaders.set(core, state);
  }
  return state;
}

/** The upload's dependencies for a core. */
export function syncDepsOf(core: CoreServices): UploadDeps & { readonly crypto: CryptoPrimitives } {
  const { settings } = stateOf(core);
  return {
    core,
    crypto: settings.crypto ?? nodeCryptoPrimitives,
    ...(settings.fetch ? { fetch: settings.fetch } : {}),
    ...(settings.random ? { random: settings.random } : {}),
    ...(settings.inFlight ? { inFlight: settings.inFlight } : {}),
    ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
    ...(settings.backoff ? { backoff: settings.backoff } : {}),
    ...(settings.maxBatchPlainBytes ? { maxBatchPlainBytes: settings.maxBatchPlainBytes } : {}),
    ...(settings.faults ? { faults: settings.faults } : {}),
  };
}

/** One round, or the round already running. */
export function uploadOnce(core: CoreServices, options: { readonly force?: boolean; readonly actorId?: string | null } = {}): Promise<UploadResult> {
  const state = stateOf(core);
  if (state.running) return state.running;
  const running = runUpload({ ...syncDepsOf(core), actorId: options.actorId ?? null }, { force: options.force ?? false }).finally(() => {
    state.running = null;
  });
  state.running = running;
  return running;
}

/** Starts the schedule (createCore calls it). */
export function startSyncSchedule(core: CoreServices, settings: SyncSettings): void {
  const state = stateOf(core);
  uploaders.set(core, { ...state, settings });
  const intervalMs = settings.intervalMs ?? 60_000;
  if (intervalMs <= 0) return;
  const fresh = stateOf(core);
  fresh.timer = setInterval(() => {
    if (!core.store.isOpen || fresh.running) return;
    uploadOnce(core).catch((error: unknown) => core.log.error('sync.roundFailed', { error: error instanceof Error ? error.name : 'unknown' }));
  }, intervalMs);
  fresh.timer.unref();
}

/** Stops the schedule and waits for a running round (before the database closes). */
export async function stopSyncSchedule(core: CoreServices): Promise<void> {
  const state = uploaders.get(core);
  if (state === undefined) return;
  if (state.timer) clearInterval(state.timer);
  state.timer = null;
  await state.running?.catch(() => undefined);
}

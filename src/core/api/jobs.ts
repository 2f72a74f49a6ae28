import { AppError, type AppErrorJson } from './errors';
import type { Logger } from '../log';

/**
 * Long work the core runs in the background (an import of a register, an export of the
 * indicators), so the call that starts it answers at once with a job id and the screen asks for
 * the progress while it runs. The work yields to the event loop between its steps
 * (`yieldToEventLoop`, or the controls' `pause`), so the core process keeps answering other calls
 * meanwhile. A job its owner may cancel stops at its next `pause`.
 *
 * Jobs live in memory only: a job is part of one run of the core. If the core stops while a job
 * runs, the job is stopped first (`stopAll`), and whatever it guarantees about half-done work
 * (the import: one transaction, rolled back) holds; after a restart the job id is unknown, and the
 * screen says the work did not finish and can be started again.
 */

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

/** What the one who started a job sees of it. */
export interface JobStatus<P extends string, R> {
  readonly jobId: string;
  readonly state: JobState;
  /** The step under way (e.g. reading the file, checking rows, writing clients). */
  readonly phase: P;
  /** Units of the current phase done, of `total`. */
  readonly done: number;
  readonly total: number;
  /** The work's answer, once `state` is `done`. */
  readonly result: R | null;
  /** Why it failed, once `state` is `failed`: the typed error, never a stack. */
  readonly error: AppErrorJson | null;
}

export interface JobControls<P extends string> {
  /** Records where the work is; cheap, call it as often as useful. */
  report(phase: P, done: number, total: number): void;
  /** Aborted when the core stops: the work stops at its next step by throwing. */
  readonly signal: AbortSignal;
  /**
   * Between two steps: gives the event loop back (after the pacing delay, if one is set), then
   * throws if the owner cancelled the job (it ends `cancelled`) or the core is stopping.
   */
  pause(): Promise<void>;
}

export interface JobStart<P extends string> {
  readonly kind: string;
  /** The staff member who started it: the only one who sees its status. */
  readonly ownerId: string;
  readonly firstPhase: P;
  /** The domain's own error for "one is already running". */
  readonly busyError: () => AppError;
  /** Without it, one job of the kind runs at a time in the core; with it, this many per owner. */
  readonly maxRunningPerOwner?: number;
}

interface JobEntry {
  readonly kind: string;
  readonly ownerId: string;
  status: JobStatus<string, unknown>;
  finishedAtMs: number | null;
  isCancelRequested: boolean;
  readonly done: Promise<void>;
}

/** Thrown by `pause` in a cancelled job; the job ends `cancelled`, not `failed`. */
class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

/** How long a finished job's answer is kept for the screen that asks for it. */
const FINISHED_JOB_KEEP_MS = 60 * 60 * 1000;

/**
 * Lets other callbacks (the transport's requests, timers) run before the work goes on: a
 * macrotask break, which awaiting a resolved promise is not.
 *
 * @example for (const chunk of chunks) { await writeChunk(chunk); await yieldToEventLoop(); }
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** The core's background jobs; one registry per running core. */
export interface BackgroundJobs {
  /**
   * Starts `work` in the background for `ownerId` and answers its id at once. One job of a kind
   * at a time: a second start while one runs (or while the core stops) throws `busyError()`.
   *
   * @example const jobId = jobs.start({ kind: 'clients.import', ownerId, firstPhase: 'reading', busyError }, async ({ report, signal }) => …);
   */
  start<P extends string, R>(job: JobStart<P>, work: (controls: JobControls<P>) => Promise<R>): string;
  /** The job's status for its owner; null for an unknown id, a job of another kind, or someone else's job. */
  status(kind: string, jobId: string, ownerId: string): JobStatus<string, unknown> | null;
  /** Asks the owner's running job to stop at its next `pause`; answers its status as `status` does. */
  cancel(kind: string, jobId: string, ownerId: string): JobStatus<string, unknown> | null;
  /**
   * Waits this long at every `pause` (0, the default, in the app): the browser harness's fixture
   * slows jobs down so an end-to-end test can watch the progress and cancel.
   */
  paceSteps(stepDelayMs: number): void;
  /** Stops every running job and waits for them (before the database closes). */
  stopAll(): Promise<void>;
}

/** @example const jobs = createBackgroundJobs({ log, now: () => new Date() }); */
export function createBackgroundJobs(options: { readonly log: Logger; readonly now: () => Date; readonly newId: () => string }): BackgroundJobs {
  const entries = new Map<string, JobEntry>();
  const stopper = new AbortController();
  let stepDelayMs = 0;

  function prune(): void {
    const nowMs = options.now().getTime();
    for (const [id, entry] of entries) {
      if (entry.finishedAtMs !== null && nowMs - entry.finishedAtMs > FINISHED_JOB_KEEP_MS) entries.delete(id);
    }
  }

  return {
    start({ kind, ownerId, firstPhase, busyError, maxRunningPerOwner }, work) {
      prune();
      const running = [...entries.values()].filter((entry) => entry.kind === kind && entry.status.state === 'running' && (maxRunningPerOwner === undefined || entry.ownerId === ownerId));
      if (running.length >= (maxRunningPerOwner ?? 1) || stopper.signal.aborted) throw busyError();
      const jobId = options.newId();
      const finish = (entry: JobEntry, state: Exclude<JobState, 'running'>, result: unknown, error: AppErrorJson | null) => {
        entry.status = { ...entry.status, state, result, error };
        entry.finishedAtMs = options.now().getTime();
      };
      const run = async (entry: JobEntry) => {
        // Let the starting call answer before any of the work runs.
        await yieldToEventLoop();
        try {
          const controls: JobControls<string> = {
            report: (phase, done, total) => {
              entry.status = { ...entry.status, phase, done, total };
            },
            signal: stopper.signal,
            pause: async () => {
              await (stepDelayMs > 0 ? new Promise((resolve) => setTimeout(resolve, stepDelayMs)) : yieldToEventLoop());
              if (entry.isCancelRequested) throw new JobCancelled();
              throwIfStopping(stopper.signal);
            },
          };
          finish(entry, 'done', await work(controls as JobControls<typeof firstPhase>), null);
        } catch (error) {
          if (error instanceof JobCancelled) return finish(entry, 'cancelled', null, null);
          if (!(error instanceof AppError)) options.log.error('jobs.failed', { kind, errorName: error instanceof Error ? error.name : typeof error });
          finish(entry, 'failed', null, (error instanceof AppError ? error : new AppError('INTERNAL')).toJSON());
        }
      };
      const status: JobStatus<string, unknown> = { jobId, state: 'running', phase: firstPhase, done: 0, total: 0, result: null, error: null };
      let resolveDone: () => void = () => undefined;
      const entry: JobEntry = { kind, ownerId, status, finishedAtMs: null, isCancelRequested: false, done: new Promise<void>((resolve) => (resolveDone = resolve)) };
      entries.set(jobId, entry);
      void run(entry).finally(resolveDone);
      return jobId;
    },
    status(kind, jobId, ownerId) {
      prune();
      const entry = entries.get(jobId);
      return entry !== undefined && entry.kind === kind && entry.ownerId === ownerId ? entry.status : null;
    },
    cancel(kind, jobId, ownerId) {
      const entry = entries.get(jobId);
      if (entry === undefined || entry.kind !== kind || entry.ownerId !== ownerId) return null;
      if (entry.status.state === 'running') entry.isCancelRequested = true;
      return entry.status;
    },
    paceSteps(delayMs) {
      stepDelayMs = delayMs;
    },
    async stopAll() {
      stopper.abort();
      await Promise.all([...entries.values()].map((entry) => entry.done));
    },
  };
}

/**
 * Throws when the core is stopping, so a job gives up at its next step (and its transaction, if it
 * holds one, rolls back).
 *
 * @example throwIfStopping(controls.signal);
 */
export function throwIfStopping(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('INTERNAL', { reason: 'stopping' });
}

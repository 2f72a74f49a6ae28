import { randomUUID } from 'node:crypto';
import type { CoreServices } from '../api/context';
import { reportsError } from './reports.errors';
import type { JobState, JobStatus } from './reports.schema';

/**
 * Background jobs of one running core (main has no shared jobs mechanism yet; when `core.jobs`
 * lands, this is the part to fold into it). A job runs in the core process between the calls
 * the window makes: the database driver is synchronous, so the job gives the event loop back
 * after every step, and a status or cancel call is answered between two steps. Only the staff
 * member who started a job sees or cancels it. Finished jobs are forgotten after a while.
 */

export interface JobControl {
  /** Reports a step done; throws `JobCancelled` when the job was cancelled meanwhile. */
  step(done: number): Promise<void>;
}

export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
  }
}

interface JobRecord<R> {
  readonly id: string;
  readonly ownerId: string;
  state: JobState;
  done: number;
  readonly total: number;
  result: R | null;
  isCancelRequested: boolean;
  finishedAtMs: number | null;
}

const KEEP_FINISHED_MS = 15 * 60 * 1000;
const MAX_RUNNING_PER_OWNER = 2;

export class JobRunner {
  readonly #jobs = new Map<string, JobRecord<unknown>>();
  /** Waits this long after each step (0 in the app; the browser harness's e2e fixture slows jobs down to watch them). */
  stepDelayMs = 0;

  constructor(private readonly log: CoreServices['log']) {}

  /**
   * Starts a job and answers its id at once.
   *
   * @example const jobId = runner.start(userId, 13, async (control) => { …; await control.step(1); … return result; });
   */
  start<R>(ownerId: string, total: number, work: (control: JobControl) => Promise<R>, onSettled?: (state: JobState) => void): string {
    this.#forgetOld();
    const running = [...this.#jobs.values()].filter((job) => job.ownerId === ownerId && job.state === 'running').length;
    if (running >= MAX_RUNNING_PER_OWNER) throw reportsError('CONFLICT', 'tooManyJobs');
    const job: JobRecord<R> = { id: randomUUID(), ownerId, state: 'running', done: 0, total, result: null, isCancelRequested: false, finishedAtMs: null };
    this.#jobs.set(job.id, job as JobRecord<unknown>);
    const control: JobControl = {
      step: async (done) => {
        job.done = done;
        await new Promise<void>((resolve) => (this.stepDelayMs > 0 ? setTimeout(resolve, this.stepDelayMs) : setImmediate(resolve)));
        if (job.isCancelRequested) throw new JobCancelled();
      },
    };
    void (async () => {
      try {
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (job.isCancelRequested) throw new JobCancelled();
        job.result = await work(control);
        job.state = 'done';
      } catch (error) {
        job.state = error instanceof JobCancelled ? 'cancelled' : 'failed';
        if (job.state === 'failed') this.log.error('background job failed', { error: error instanceof Error ? error.name : 'unknown' });
      } finally {
        job.finishedAtMs = Date.now();
        onSettled?.(job.state);
      }
    })();
    return job.id;
  }

  status<R>(ownerId: string, jobId: string): JobStatus<R> {
    const job = this.#own(ownerId, jobId);
    return { jobId: job.id, state: job.state, done: job.done, total: job.total, result: job.state === 'done' ? (job.result as R) : null };
  }

  cancel(ownerId: string, jobId: string): JobStatus<never> {
    const job = this.#own(ownerId, jobId);
    if (job.state === 'running') job.isCancelRequested = true;
    return { jobId: job.id, state: job.state, done: job.done, total: job.total, result: null };
  }

  #own(ownerId: string, jobId: string): JobRecord<unknown> {
    const job = this.#jobs.get(jobId);
    if (job === undefined || job.ownerId !== ownerId) throw reportsError('NOT_FOUND', 'job');
    return job;
  }

  #forgetOld(): void {
    const now = Date.now();
    for (const [id, job] of this.#jobs) if (job.finishedAtMs !== null && now - job.finishedAtMs > KEEP_FINISHED_MS) this.#jobs.delete(id);
  }
}

/** One runner per running core (keyed by the core's services, so two cores in one process never share jobs). */
const RUNNERS = new WeakMap<CoreServices, JobRunner>();

/** @example const runner = jobRunnerOf(ctx.core); */
export function jobRunnerOf(core: CoreServices): JobRunner {
  let runner = RUNNERS.get(core);
  if (runner === undefined) {
    runner = new JobRunner(core.log);
    RUNNERS.set(core, runner);
  }
  return runner;
}

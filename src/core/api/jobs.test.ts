import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { createBackgroundJobs, yieldToEventLoop } from './jobs';
import type { Logger } from '../log';

function recordingLog(): Logger & { readonly lines: unknown[] } {
  const lines: unknown[] = [];
  const note = (event: string, fields?: unknown) => {
    lines.push({ event, fields });
  };
  return { lines, info: note, warn: note, error: note };
}

const settle = async () => {
  for (let i = 0; i < 5; i += 1) await yieldToEventLoop();
};

describe('background jobs', () => {
  it('answers the id before the work runs, reports progress, and keeps the result for its owner only', async () => {
    let clock = Date.parse('2026-12-04T02:00:00Z');
    let ids = 0;
    const jobs = createBackgroundJobs({ log: recordingLog(), now: () => new Date(clock), newId: () => `job-${++ids}` });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const jobId = jobs.start({ kind: 'k', ownerId: 'u1', firstPhase: 'one' as 'one' | 'two', busyError: () => new AppError('CONFLICT', { reason: 'busy' }) }, async ({ report }) => {
      report('two', 3, 10);
      await gate;
      return { answer: 42 };
    });
    expect(jobs.status('k', jobId, 'u1')).toMatchObject({ state: 'running', phase: 'one', done: 0 });
    await settle();
    expect(jobs.status('k', jobId, 'u1')).toMatchObject({ state: 'running', phase: 'two', done: 3, total: 10 });
    expect(jobs.status('k', jobId, 'u2')).toBeNull();
    expect(jobs.status('other', jobId, 'u1')).toBeNull();
    expect(() => jobs.start({ kind: 'k', ownerId: 'u2', firstPhase: 'one', busyError: () => new AppError('CONFLICT', { reason: 'busy' }) }, async () => null)).toThrow(AppError);
    release();
    await settle();
    expect(jobs.status('k', jobId, 'u1')).toMatchObject({ state: 'done', result: { answer: 42 }, error: null });
    // A finished job's answer is kept for an hour, then forgotten.
    clock += 61 * 60 * 1000;
    expect(jobs.status('k', jobId, 'u1')).toBeNull();
  });

  it('fails with the typed error, or INTERNAL without the message for anything else, and stops running jobs', async () => {
    const log = recordingLog();
    const jobs = createBackgroundJobs({ log, now: () => new Date(), newId: (() => { let n = 0; return () => `j${++n}`; })() });
    const busy = () => new AppError('CONFLICT', { reason: 'busy' });
    const typed = jobs.start({ kind: 'a', ownerId: 'u', firstPhase: 'p', busyError: busy }, () => Promise.reject(new AppError('CONFLICT', { reason: 'version' })));
    const untyped = jobs.start({ kind: 'b', ownerId: 'u', firstPhase: 'p', busyError: busy }, () => Promise.reject(new Error('secret personal detail')));
    await settle();
    expect(jobs.status('a', typed, 'u')).toMatchObject({ state: 'failed', error: { code: 'CONFLICT', details: { reason: 'version' } } });
    expect(jobs.status('b', untyped, 'u')).toMatchObject({ state: 'failed', error: { code: 'INTERNAL' } });
    expect(JSON.stringify(log.lines)).not.toContain('secret');
    const looping = jobs.start({ kind: 'c', ownerId: 'u', firstPhase: 'p', busyError: busy }, async ({ signal }) => {
      while (!signal.aborted) await yieldToEventLoop();
      throw new AppError('INTERNAL', { reason: 'stopping' });
    });
    await jobs.stopAll();
    expect(jobs.status('c', looping, 'u')).toMatchObject({ state: 'failed' });
    expect(() => jobs.start({ kind: 'c', ownerId: 'u', firstPhase: 'p', busyError: busy }, async () => null)).toThrow(AppError);
  });

  it('cancels at the next pause for its owner only, and allows a number of jobs per owner when asked', async () => {
    let ids = 0;
    const jobs = createBackgroundJobs({ log: recordingLog(), now: () => new Date(), newId: () => `job-${++ids}` });
    const busy = () => new AppError('CONFLICT', { reason: 'busy' });
    const steps: number[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const start = (ownerId: string) =>
      jobs.start({ kind: 'export', ownerId, firstPhase: 'computing', busyError: busy, maxRunningPerOwner: 2 }, async ({ report, pause }) => {
        for (let step = 1; step <= 3; step += 1) {
          if (step === 2) await gate;
          steps.push(step);
          report('computing', step, 3);
          await pause();
        }
        return 'file';
      });
    const first = start('u1');
    const second = start('u1');
    // A third for the same owner is refused; another owner's is not.
    expect(() => start('u1')).toThrow(AppError);
    const other = start('u2');
    await settle();
    expect(jobs.cancel('export', first, 'u2')).toBeNull();
    expect(jobs.cancel('other', first, 'u1')).toBeNull();
    expect(jobs.cancel('export', first, 'u1')).toMatchObject({ state: 'running', done: 1 });
    release();
    await settle();
    expect(jobs.status('export', first, 'u1')).toMatchObject({ state: 'cancelled', done: 2, result: null, error: null });
    expect(jobs.status('export', second, 'u1')).toMatchObject({ state: 'done', done: 3, result: 'file' });
    expect(jobs.status('export', other, 'u2')).toMatchObject({ state: 'done', result: 'file' });
    // Cancelling a finished job changes nothing.
    expect(jobs.cancel('export', second, 'u1')).toMatchObject({ state: 'done' });
    expect(steps.filter((step) => step === 3)).toHaveLength(2);
  });

  it('paces every pause when asked (the harness watches an export so), and a pause in a stopping core fails the job', async () => {
    const jobs = createBackgroundJobs({ log: recordingLog(), now: () => new Date(), newId: (() => { let n = 0; return () => `p${++n}`; })() });
    const busy = () => new AppError('CONFLICT', { reason: 'busy' });
    jobs.paceSteps(60);
    const startedMs = Date.now();
    const paced = jobs.start({ kind: 'k', ownerId: 'u', firstPhase: 'p', busyError: busy }, async ({ pause }) => {
      await pause();
      await pause();
      return Date.now() - startedMs;
    });
    while (jobs.status('k', paced, 'u')?.state === 'running') await new Promise((resolve) => setTimeout(resolve, 10));
    expect(Number(jobs.status('k', paced, 'u')?.result)).toBeGreaterThanOrEqual(110);
    jobs.paceSteps(0);
    const stopping = jobs.start({ kind: 'k', ownerId: 'u', firstPhase: 'p', busyError: busy }, async ({ pause }) => {
      for (;;) await pause();
    });
    await jobs.stopAll();
    expect(jobs.status('k', stopping, 'u')).toMatchObject({ state: 'failed', error: { code: 'INTERNAL', details: { reason: 'stopping' } } });
  });
});

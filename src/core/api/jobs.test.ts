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
});

import type { CoreServices } from '../api/context';
import { throwIfStopping, yieldToEventLoop, type JobControls } from '../api/jobs';
import { localCalendarDate } from '../calendar/calendar';
import type { ImportMapping, ImportPhase, ImportProgress, ImportResult } from './clients-import.schema';
import { clientsError } from './clients.errors';
import type { ImportTable } from './clients.import-read';
import { runImport, screenImport } from './clients.import';

/**
 * The import of a register as a background job (`clients.importStart`, `clients.importProgress`):
 * the file is read and every row checked outside any write, yielding between steps, so the core
 * keeps answering while it works; then the accepted rows are written in the one write of
 * `runImport`, chunk by chunk with a pause (and a progress report) between chunks. The write
 * is one transaction: a failure, or the core stopping, rolls all of it back, and starting again
 * judges the file anew (what a finished run imported is refused as a duplicate). One import at
 * a time for the center.
 */

const KIND = 'clients.import';

/**
 * Starts the import of `read()`'s table for the actor and answers the job id at once.
 *
 * @example const jobId = startImportJob(ctx.core, ctx.session.userId, () => tableOf(input), input.mapping);
 */
export function startImportJob(core: CoreServices, actorId: string, read: () => Promise<ImportTable>, mapping: ImportMapping): string {
  return core.jobs.start({ kind: KIND, ownerId: actorId, firstPhase: 'reading' as ImportPhase, busyError: () => clientsError('CONFLICT', 'importUnderWay') }, async ({ report, signal }: JobControls<ImportPhase>) => {
    const table = await read();
    const between = async () => {
      await yieldToEventLoop();
      throwIfStopping(signal);
    };
    const onProgress = (phase: ImportPhase, done: number, total: number) => report(phase, done, total);
    const store = core.store.require();
    const screening = await screenImport(store.db, table, mapping, localCalendarDate(core.now()), { onProgress, between });
    return core.write(actorId, (w) => runImport(w, table, mapping, { screening, onProgress, between }));
  });
}

/**
 * The owner's view of her import job; an unknown id (another person's job, or one from before a
 * restart of the core) is NOT_FOUND, which the screen explains as "did not finish, nothing saved".
 *
 * @example const progress = importJobProgress(ctx.core, ctx.session.userId, input.jobId);
 */
export function importJobProgress(core: CoreServices, actorId: string, jobId: string): ImportProgress {
  const status = core.jobs.status(KIND, jobId, actorId);
  // No method cancels an import; one that was would be what the screen says of NOT_FOUND: did not finish, nothing saved.
  if (status === null || status.state === 'cancelled') throw clientsError('NOT_FOUND', 'importJob');
  return { ...status, state: status.state, phase: status.phase as ImportPhase, result: status.result as ImportResult | null };
}

import { z } from 'zod';
import { defineCoreMethod } from '../api/method';
import { rotateCenterKey } from './center-key';
import { enrollWithRegistry } from './enroll';
import { enrollInputSchema, filePathInputSchema, previewInputSchema } from './sync.schema';
import { syncPreview, syncStatus } from './sync-status';
import { exportTransfer, importReceipts } from './usb-transfer';
import { syncDepsOf, uploadOnce } from './uploader';
import { sealPendingBatches } from './seal';

/** `sync.enroll`: the administrator enters the code and address from the enrollment letter. */
export const enroll = defineCoreMethod({
  name: 'sync.enroll',
  input: enrollInputSchema,
  access: 'sync.enroll',
  invalidates: ['sync.*'],
  handler: (ctx, input) => enrollWithRegistry({ ...syncDepsOf(ctx.core), actorId: ctx.session.userId }, input),
});

/** `sync.status`: the registry, the last contact, batches and records by state, the quarantine. */
export const status = defineCoreMethod({
  name: 'sync.status',
  input: z.object({}),
  access: 'sync.read',
  handler: (ctx) => syncStatus(ctx.core.store.require().db),
});

/** `sync.preview`: each record not yet at the registry, exactly as it will travel. */
export const preview = defineCoreMethod({
  name: 'sync.preview',
  input: previewInputSchema,
  access: 'sync.read',
  handler: (ctx, input) => syncPreview(ctx.core.store.require().db, syncDepsOf(ctx.core).crypto, ctx.session.role, input),
});

/** `sync.seal`: seals the pending records now (the upload also does before sending). */
export const seal = defineCoreMethod({
  name: 'sync.seal',
  input: z.object({}),
  access: 'sync.manage',
  invalidates: ['sync.*'],
  handler: (ctx) =>
    ctx.core.write(ctx.session.userId, async (w) => {
      const batches = await sealPendingBatches(w.trx, { crypto: syncDepsOf(ctx.core).crypto, allowList: ctx.core.outboxAllowList, now: w.now });
      const records = batches.reduce((sum, batch) => sum + batch.recordCount, 0);
      await w.audit({ action: 'sync.seal', entityType: 'syncBatch', entityId: batches[0]?.batchId ?? null, details: { batches: batches.length, records } });
      return { batches: batches.length, records };
    }),
});

/** `sync.uploadNow`: one upload round now, whatever the backoff said. */
export const uploadNow = defineCoreMethod({
  name: 'sync.uploadNow',
  input: z.object({}),
  access: 'sync.manage',
  invalidates: ['sync.*'],
  handler: (ctx) => uploadOnce(ctx.core, { force: true, actorId: ctx.session.userId }),
});

/** `sync.exportFile`: every unacknowledged batch to a file for a USB stick. */
export const exportFile = defineCoreMethod({
  name: 'sync.exportFile',
  input: filePathInputSchema,
  access: 'sync.manage',
  invalidates: ['sync.*'],
  handler: (ctx, input) => exportTransfer({ ...syncDepsOf(ctx.core), actorId: ctx.session.userId }, input.path),
});

/** `sync.importReceipts`: the registry's receipts file brought back on the stick. */
export const importReceiptsMethod = defineCoreMethod({
  name: 'sync.importReceipts',
  input: filePathInputSchema,
  access: 'sync.manage',
  invalidates: ['sync.*'],
  handler: (ctx, input) => importReceipts({ ...syncDepsOf(ctx.core), actorId: ctx.session.userId }, input.path),
});

/** `sync.rotateKey`: a new center signing key, registered with the registry before it signs anything. */
export const rotateKey = defineCoreMethod({
  name: 'sync.rotateKey',
  input: z.object({}),
  access: 'sync.enroll',
  invalidates: ['sync.*'],
  handler: (ctx) => rotateCenterKey({ ...syncDepsOf(ctx.core), actorId: ctx.session.userId }),
});

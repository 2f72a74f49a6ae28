import type { WriteScope } from '../audit/run-write';
import type { Receipt } from './protocol/receipt';

/**
 * Records a registry receipt for one of our batches (from the network or a receipts file): the
 * batch is acknowledged, the records the registry refused go into quarantine with its reason,
 * and a quarantine entry is resolved once a later version of the same entity is acknowledged.
 * A receipt for a batch already acknowledged changes nothing and returns false.
 *
 * @example await acknowledgeBatch(w, { batchId, seq }, receipt, 'network');
 */
export async function acknowledgeBatch(w: WriteScope, batch: { readonly batchId: string; readonly seq: number }, receipt: Receipt, via: 'network' | 'file'): Promise<boolean> {
  const { trx, now } = w;
  const current = await trx.selectFrom('sync_batches').select('state').where('batch_id', '=', batch.batchId).executeTakeFirst();
  if (current === undefined || current.state === 'acknowledged') return false;
  const at = now.toISOString();
  await trx
    .updateTable('sync_batches')
    .set({ state: 'acknowledged', acknowledged_at: at, acknowledged_via: via, receipt_json: JSON.stringify(receipt), last_error: null })
    .where('batch_id', '=', batch.batchId)
    .execute();
  const refusedKeys = new Set<string>();
  for (const rejection of receipt.rejected) {
    const row = await trx
      .selectFrom('outbox')
      .select(['seq', 'type', 'entity_id', 'record_version'])
      .where('batch_id', '=', batch.batchId)
      .where('type', '=', rejection.type)
      .where('entity_id', '=', rejection.id)
      .where('record_version', '=', rejection.version)
      .executeTakeFirst();
    if (row === undefined || row.record_version === null) continue;
    refusedKeys.add(`${row.type}\u0000${row.entity_id}`);
    await trx
      .insertInto('sync_quarantine')
      .values({ outbox_seq: row.seq, batch_id: batch.batchId, type: row.type, entity_id: row.entity_id, record_version: row.record_version, reason: rejection.reason, quarantined_at: at })
      .onConflict((oc) => oc.column('outbox_seq').doNothing())
      .execute();
  }
  // Entities with an open quarantine whose newer version this batch carried, accepted.
  const open = await trx
    .selectFrom('sync_quarantine as q')
    .innerJoin('outbox as o', (join) => join.onRef('o.type', '=', 'q.type').onRef('o.entity_id', '=', 'q.entity_id'))
    .select(['q.outbox_seq', 'q.type', 'q.entity_id'])
    .where('q.resolved_at', 'is', null)
    .where('o.batch_id', '=', batch.batchId)
    .whereRef('o.record_version', '>', 'q.record_version')
    .execute();
  for (const entry of open) {
    if (refusedKeys.has(`${entry.type}\u0000${entry.entity_id}`)) continue;
    await trx.updateTable('sync_quarantine').set({ resolved_at: at }).where('outbox_seq', '=', entry.outbox_seq).execute();
  }
  await w.audit({
    action: 'sync.acknowledged',
    entityType: 'syncBatch',
    entityId: batch.batchId,
    details: { seq: batch.seq, via, records: receipt.recordCount, refused: receipt.rejected.length, registryChainSeq: receipt.chainHead.seq },
  });
  return true;
}

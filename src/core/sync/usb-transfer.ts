import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import type { CoreServices } from '../api/context';
import { invalidInput } from '../api/errors';
import { ensureCenterSigningKey } from '../center/center-keys';
import type { CryptoPrimitives } from '../crypto/primitives';
import { acknowledgeBatch } from './acknowledge';
import { registrySigningKeys, requireEnrollment } from './enrollment';
import { ProtocolError } from './protocol/protocol-error';
import { verifyReceipt } from './protocol/receipt';
import { MAX_TRANSFER_BYTES, readReceiptsFile, writeTransferFile } from './protocol/transfer';
import { sealPendingBatches } from './seal';
import { syncError } from './sync.errors';

/**
 * USB transfer (issue 12, item 5): every unacknowledged batch (pending records sealed first) in a
 * file signed by the center, and back, the registry's signed receipts file, which acknowledges
 * batches exactly as a network receipt does.
 */

function checkedPath(path: string): string {
  if (!isAbsolute(path)) throw invalidInput(['path'], 'absolute_path', 'The file path must be absolute');
  return path;
}

/** @example const { batches } = await exportTransfer({ core, crypto }, '/media/usb/inson.json'); */
export async function exportTransfer(deps: { readonly core: CoreServices; readonly crypto: CryptoPrimitives; readonly actorId?: string | null }, path: string): Promise<{ readonly batches: number; readonly records: number; readonly sizeBytes: number }> {
  const { core, crypto } = deps;
  const target = checkedPath(path);
  return core.write(deps.actorId ?? null, async (w) => {
    const enrollment = await requireEnrollment(w.trx);
    await sealPendingBatches(w.trx, { crypto, allowList: core.outboxAllowList, now: w.now });
    const batches = await w.trx.selectFrom('sync_batches').select(['batch_id', 'seq', 'envelope', 'record_count']).where('state', 'in', ['sealed', 'held']).orderBy('seq').execute();
    if (batches.length === 0) throw syncError('CONFLICT', 'syncNothingToExport');
    const signer = await ensureCenterSigningKey(w.trx, w.now);
    const bytes = writeTransferFile(
      crypto,
      { centerId: enrollment.centerId, createdAt: w.now.toISOString(), envelopes: batches.map((batch) => ({ batchId: batch.batch_id, seq: batch.seq, bytes: Buffer.from(batch.envelope) })) },
      { kid: signer.keyId, seed: signer.seed },
    );
    const records = batches.reduce((sum, batch) => sum + batch.record_count, 0);
    // Written beside the target and renamed: a stick pulled out mid-write leaves no file that looks whole.
    const temporary = `${target}.partial`;
    try {
      writeFileSync(temporary, bytes, { mode: 0o600 });
      renameSync(temporary, target);
    } catch {
      // No such folder, no stick, a read-only stick: the person's to fix, so said in words (the sealing rolls back with the write).
      throw syncError('CONFLICT', 'syncFileNotWritable');
    }
    await w.audit({ action: 'sync.exportFile', entityType: 'syncRegistry', entityId: enrollment.centerId, details: { batches: batches.length, records, firstSeq: batches[0]?.seq ?? null, lastSeq: batches.at(-1)?.seq ?? null } });
    return { batches: batches.length, records, sizeBytes: bytes.length };
  });
}

/** @example const { acknowledged } = await importReceipts({ core, crypto }, '/media/usb/receipts.json'); */
export async function importReceipts(deps: { readonly core: CoreServices; readonly crypto: CryptoPrimitives; readonly actorId?: string | null }, path: string): Promise<{ readonly acknowledged: number; readonly already: number; readonly unknown: number }> {
  const { core, crypto } = deps;
  const target = checkedPath(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(target);
  } catch {
    throw syncError('CONFLICT', 'syncFileDamaged');
  }
  if (bytes.length > MAX_TRANSFER_BYTES) throw syncError('CONFLICT', 'syncFileDamaged');
  const enrollment = await requireEnrollment(core.store.require().db);
  let file;
  try {
    file = readReceiptsFile(crypto, bytes, registrySigningKeys(enrollment));
  } catch (error) {
    if (error instanceof ProtocolError) throw syncError('CONFLICT', 'syncFileDamaged');
    throw error;
  }
  if (file.centerId !== enrollment.centerId) throw syncError('CONFLICT', 'syncFileNotOurs');
  const keys = registrySigningKeys(enrollment);
  return core.write(deps.actorId ?? null, async (w) => {
    const counts = { acknowledged: 0, already: 0, unknown: 0 };
    for (const receipt of file.receipts) {
      const batch = await w.trx.selectFrom('sync_batches').select(['batch_id', 'seq', 'digest', 'state']).where('batch_id', '=', receipt.batchId).executeTakeFirst();
      if (batch === undefined) {
        counts.unknown += 1;
        continue;
      }
      try {
        verifyReceipt(crypto, receipt, { batchId: batch.batch_id, centerId: enrollment.centerId, digest: batch.digest }, keys);
      } catch {
        counts.unknown += 1;
        continue;
      }
      if (await acknowledgeBatch(w, { batchId: batch.batch_id, seq: batch.seq }, receipt, 'file')) counts.acknowledged += 1;
      else counts.already += 1;
    }
    await w.audit({ action: 'sync.importReceipts', entityType: 'syncRegistry', entityId: enrollment.centerId, details: { ...counts } });
    return counts;
  });
}

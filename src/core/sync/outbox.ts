import type { Transaction } from 'kysely';
import { AppError } from '../api/errors';
import type { Database } from '../db/database';
import { newId } from '../db/ids';
import type { Logger } from '../log';
import { isOutboxRecordType, OUTBOX_ALLOWLIST, type OutboxField, type OutboxRecordType } from './outbox-allowlist';

export type OutboxScalar = string | number | boolean | null;
/** A field value: a scalar or a flat array of scalars, so every key that leaves is a checked key. */
export type OutboxValue = OutboxScalar | readonly OutboxScalar[];

export interface OutboxEntry<T extends OutboxRecordType = OutboxRecordType> {
  readonly type: T;
  readonly entityId: string;
  readonly op: 'upsert' | 'delete';
  /** When it happened in the center's world (defaults to the write's time). */
  readonly occurredAt?: Date;
  readonly data: Readonly<Partial<Record<OutboxField<T>, OutboxValue>>>;
}

/**
 * Appends one record to the outbox inside the caller's transaction, after checking every field
 * against the allow-list. A field that is not listed is a programming error: the whole write
 * fails (INTERNAL) and only the type and field name are logged, never the data.
 *
 * @example await appendOutbox(trx, { type: 'center', entityId, op: 'upsert', data: { name } }, now, log);
 */
export async function appendOutbox(trx: Transaction<Database>, entry: OutboxEntry, now: Date, log: Logger): Promise<{ readonly id: string }> {
  const type: string = entry.type;
  if (!isOutboxRecordType(type)) {
    log.error('outbox.unknownType', { type });
    throw new AppError('INTERNAL', { reason: 'outboxUnknownType', type });
  }
  const spec = OUTBOX_ALLOWLIST[type];
  const allowed: readonly string[] = spec.fields;
  for (const [field, value] of Object.entries(entry.data)) {
    if (!allowed.includes(field)) {
      log.error('outbox.fieldRejected', { type, field });
      throw new AppError('INTERNAL', { reason: 'outboxFieldNotAllowed', type, field });
    }
    if (!isOutboxValue(value)) {
      log.error('outbox.valueRejected', { type, field });
      throw new AppError('INTERNAL', { reason: 'outboxValueNotFlat', type, field });
    }
  }
  const id = newId(now.getTime());
  await trx
    .insertInto('outbox')
    .values({
      id,
      type,
      version: spec.version,
      entity_id: entry.entityId,
      op: entry.op,
      occurred_at: (entry.occurredAt ?? now).toISOString(),
      data_json: JSON.stringify(entry.data),
      created_at: now.toISOString(),
    })
    .execute();
  return { id };
}

/**
 * Removes fields from one entity's records that no batch has taken yet: when a client withdraws
 * registry-sharing consent, their identity fields must not leave after all. Records already in a
 * batch are history and stay as sent. Returns how many records changed.
 *
 * @example await redactPendingOutbox(w.trx, { entityType: 'client', entityId, fields: ['lastName', 'pinfl'] });
 */
export async function redactPendingOutbox(
  trx: Transaction<Database>,
  target: { readonly entityType: OutboxRecordType; readonly entityId: string; readonly fields: readonly string[] },
): Promise<number> {
  const pending = await trx
    .selectFrom('outbox')
    .select(['seq', 'data_json'])
    .where('type', '=', target.entityType)
    .where('entity_id', '=', target.entityId)
    .where('batch_id', 'is', null)
    .execute();
  let changed = 0;
  for (const row of pending) {
    const data = JSON.parse(row.data_json) as Record<string, unknown>;
    const kept = Object.entries(data).filter(([field]) => !target.fields.includes(field));
    if (kept.length === Object.keys(data).length) continue;
    await trx
      .updateTable('outbox')
      .set({ data_json: JSON.stringify(Object.fromEntries(kept)) })
      .where('seq', '=', row.seq)
      .execute();
    changed += 1;
  }
  return changed;
}

function isOutboxScalar(value: unknown): value is OutboxScalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

function isOutboxValue(value: unknown): value is OutboxValue {
  return isOutboxScalar(value) || (Array.isArray(value) && value.every(isOutboxScalar));
}

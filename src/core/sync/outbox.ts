import { AppError } from '../api/errors';
import type { WriteTx } from '../db/handles';
import { newId } from '../db/ids';
import type { Logger } from '../log';
import type { OutboxAllowList, OutboxEntry, OutboxScalar, OutboxTypeSpec, OutboxValue } from './outbox.spec';

/**
 * Appends one record to the outbox inside the caller's transaction, after checking its type and
 * every field against the composed allow-list. A type or field that is not listed is a
 * programming error: the whole write fails (INTERNAL) and only the type and field name are
 * logged, never the data.
 *
 * @example await appendOutbox(trx, { spec: CENTER_OUTBOX, entityId, op: 'upsert', data: { name } }, { allowList, now, log });
 */
export async function appendOutbox(
  trx: WriteTx,
  entry: OutboxEntry,
  options: { readonly allowList: OutboxAllowList; readonly now: Date; readonly log: Logger },
): Promise<{ readonly id: string }> {
  const row = checkedOutboxRow(entry, options);
  await trx.insertInto('outbox').values(row).execute();
  return { id: row.id };
}

/** Rows per INSERT: 8 columns each, well under SQLite's 32,766 bound parameters. */
const OUTBOX_ROWS_PER_STATEMENT = 1000;

/**
 * The bulk form of `appendOutbox`: every entry is checked against the allow-list first (one bad
 * entry fails the whole write before anything is inserted), then inserted in multi-row
 * statements, in order.
 *
 * @example await appendOutboxMany(trx, rows.map((row) => ({ spec: CLIENT_OUTBOX, entityId: row.id, op: 'upsert', data })), { allowList, now, log });
 */
export async function appendOutboxMany(
  trx: WriteTx,
  entries: readonly OutboxEntry[],
  options: { readonly allowList: OutboxAllowList; readonly now: Date; readonly log: Logger },
): Promise<{ readonly count: number }> {
  const rows = entries.map((entry) => checkedOutboxRow(entry, options));
  for (let start = 0; start < rows.length; start += OUTBOX_ROWS_PER_STATEMENT) {
    await trx.insertInto('outbox').values(rows.slice(start, start + OUTBOX_ROWS_PER_STATEMENT)).execute();
  }
  return { count: rows.length };
}

/** The outbox row of an entry whose type and every field the allow-list admits; throws INTERNAL otherwise. */
function checkedOutboxRow(entry: OutboxEntry, options: { readonly allowList: OutboxAllowList; readonly now: Date; readonly log: Logger }) {
  const { allowList, now, log } = options;
  const type = entry.spec.type;
  const spec = allowList.get(type);
  if (spec === undefined || spec !== entry.spec) {
    log.error('outbox.unknownType', { type });
    throw new AppError('INTERNAL', { reason: 'outboxUnknownType', type });
  }
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
  return {
    id: newId(now.getTime()),
    type,
    version: spec.version,
    entity_id: entry.entityId,
    op: entry.op,
    occurred_at: (entry.occurredAt ?? now).toISOString(),
    data_json: JSON.stringify(entry.data),
    created_at: now.toISOString(),
  };
}

/**
 * Removes fields from one entity's records that no batch has taken yet: when a client withdraws
 * registry-sharing consent, their identity fields must not leave after all. Records already in a
 * batch are history and stay as sent. Returns how many records changed.
 *
 * @example await redactPendingOutbox(w.trx, { spec: CLIENT_OUTBOX, entityId, fields: ['lastName', 'pinfl'] });
 */
export async function redactPendingOutbox<S extends OutboxTypeSpec>(
  trx: WriteTx,
  target: { readonly spec: S; readonly entityId: string; readonly fields: readonly S['fields'][number][] },
): Promise<number> {
  const pending = await trx
    .selectFrom('outbox')
    .select(['seq', 'data_json'])
    .where('type', '=', target.spec.type)
    .where('entity_id', '=', target.entityId)
    .where('batch_id', 'is', null)
    .execute();
  let changed = 0;
  for (const row of pending) {
    const data = JSON.parse(row.data_json) as Record<string, unknown>;
    const redacted: readonly string[] = target.fields;
    const kept = Object.entries(data).filter(([field]) => !redacted.includes(field));
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

import type { CryptoPrimitives } from '../crypto/primitives';
import type { ReadDb } from '../db/handles';
import { findEnrollment } from './enrollment';
import { pseudonymOf } from './protocol/keys';
import type { Role } from '../api/permissions';
import { seesClientField, type ClientViewField } from '../clients/clients.policy';
import type { BatchState } from './sync.table';

/** The fields of a client record that some role's view leaves out, and the view group that shows each. */
const CLIENT_FIELD_VIEW: Readonly<Record<string, ClientViewField>> = {
  lastName: 'name',
  firstName: 'name',
  patronymic: 'name',
  pinfl: 'pinfl',
  birthDate: 'birthDate',
  isBirthDateEstimated: 'birthDate',
  birthYear: 'birthYear',
  sex: 'sex',
  phone: 'phone',
  street: 'street',
  regionCode: 'region',
  districtCode: 'district',
  categories: 'categories',
  disabilityGroup: 'disabilityGroup',
};

/**
 * What the manager sees of the upload (issue 12, item 4): the registry and the last contact, how
 * many records and batches are where, the quarantine with its reasons, and, before anything
 * leaves, each record exactly as it will travel.
 */

export interface SyncStatus {
  readonly enrollment: {
    readonly registryUrl: string;
    readonly centerId: string;
    readonly fingerprint: string;
    /** The id of the key this center signs with now (a rotation changes it). */
    readonly signingKid: string;
    readonly enrolledAt: string;
    readonly lastContactAt: string | null;
    readonly clockOffsetMs: number | null;
    readonly lastError: string | null;
    readonly failures: number;
    readonly nextAttemptAt: string | null;
    readonly alert: string | null;
  } | null;
  readonly pendingRecords: number;
  readonly batches: Readonly<Record<BatchState, { readonly count: number; readonly records: number }>>;
  readonly recentBatches: readonly {
    readonly batchId: string;
    readonly seq: number;
    readonly state: BatchState;
    readonly recordCount: number;
    readonly sizeBytes: number;
    readonly sealedAt: string;
    readonly acknowledgedAt: string | null;
    readonly acknowledgedVia: 'network' | 'file' | null;
    readonly attempts: number;
    readonly lastError: string | null;
  }[];
  readonly quarantine: readonly { readonly type: string; readonly entityId: string; readonly version: number; readonly reason: string; readonly quarantinedAt: string; readonly batchSeq: number }[];
}

const STATES: readonly BatchState[] = ['sealed', 'held', 'acknowledged', 'refused', 'superseded'];

/** @example const status = await syncStatus(ctx.db); */
export async function syncStatus(db: ReadDb): Promise<SyncStatus> {
  const enrollment = await findEnrollment(db);
  const pending = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('count')).where('batch_id', 'is', null).executeTakeFirstOrThrow();
  const grouped = await db
    .selectFrom('sync_batches')
    .select(['state', (eb) => eb.fn.countAll<number>().as('count'), (eb) => eb.fn.sum<number>('record_count').as('records')])
    .groupBy('state')
    .execute();
  const batches = Object.fromEntries(STATES.map((state) => {
    const row = grouped.find((entry) => entry.state === state);
    return [state, { count: Number(row?.count ?? 0), records: Number(row?.records ?? 0) }];
  })) as Record<BatchState, { count: number; records: number }>;
  const recent = await db.selectFrom('sync_batches').selectAll().orderBy('seq', 'desc').orderBy('sealed_at', 'desc').limit(20).execute();
  const quarantine = await db
    .selectFrom('sync_quarantine as q')
    .innerJoin('sync_batches as b', 'b.batch_id', 'q.batch_id')
    .select(['q.type', 'q.entity_id', 'q.record_version', 'q.reason', 'q.quarantined_at', 'b.seq'])
    .where('q.resolved_at', 'is', null)
    .orderBy('q.quarantined_at')
    .limit(200)
    .execute();
  const row = enrollment?.row;
  return {
    enrollment:
      enrollment === null || row === undefined
        ? null
        : {
            registryUrl: enrollment.registryUrl,
            centerId: enrollment.centerId,
            fingerprint: enrollment.fingerprint,
            signingKid: enrollment.signingKid,
            enrolledAt: row.enrolled_at,
            lastContactAt: row.last_contact_at,
            clockOffsetMs: row.clock_offset_ms,
            lastError: row.last_error,
            failures: row.failures,
            nextAttemptAt: row.next_attempt_at,
            alert: row.alert,
          },
    pendingRecords: Number(pending.count),
    batches,
    recentBatches: recent.map((batch) => ({
      batchId: batch.batch_id,
      seq: batch.seq,
      state: batch.state,
      recordCount: batch.record_count,
      sizeBytes: batch.size_bytes,
      sealedAt: batch.sealed_at,
      acknowledgedAt: batch.acknowledged_at,
      acknowledgedVia: batch.acknowledged_via,
      attempts: batch.attempts,
      lastError: batch.last_error,
    })),
    quarantine: quarantine.map((entry) => ({ type: entry.type, entityId: entry.entity_id, version: entry.record_version, reason: entry.reason, quarantinedAt: entry.quarantined_at, batchSeq: entry.seq })),
  };
}

export interface PreviewRecord {
  readonly outboxSeq: number;
  readonly type: string;
  readonly entityId: string;
  readonly op: 'upsert' | 'delete';
  readonly occurredAt: string;
  /** Sealed in a batch not yet acknowledged (true), or still pending (false). */
  readonly isSealed: boolean;
  /** The fields exactly as they travel (a pseudonym already filled in), less those the viewer's role may not see. */
  readonly data: Readonly<Record<string, unknown>>;
  /** Fields that travel but that the viewer's role does not see (named, not shown). */
  readonly hiddenFields: readonly string[];
}

/**
 * Every record that has not reached the registry yet, as it will travel, oldest first, a page at a time.
 *
 * @example const { records, total } = await syncPreview(ctx.db, crypto, 'manager', { offset: 0, limit: 50 });
 */
export async function syncPreview(db: ReadDb, crypto: CryptoPrimitives, role: Role, page: { readonly offset: number; readonly limit: number }): Promise<{ readonly total: number; readonly records: readonly PreviewRecord[] }> {
  const enrollment = await findEnrollment(db);
  const open = db
    .selectFrom('outbox')
    .leftJoin('sync_batches', 'sync_batches.batch_id', 'outbox.batch_id')
    .where((eb) => eb.or([eb('outbox.batch_id', 'is', null), eb('sync_batches.state', 'in', ['sealed', 'held'])]));
  const total = await open.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await open
    .select(['outbox.seq', 'outbox.type', 'outbox.entity_id', 'outbox.op', 'outbox.occurred_at', 'outbox.data_json', 'outbox.batch_id'])
    .orderBy('outbox.seq')
    .offset(page.offset)
    .limit(page.limit)
    .execute();
  const clientIds = rows.filter((row) => row.type === 'client' && row.data_json.includes('"needsPseudonym":true')).map((row) => row.entity_id);
  const pinfls = new Map<string, string>();
  if (clientIds.length > 0) {
    for (const client of await db.selectFrom('clients').select(['id', 'pinfl']).where('id', 'in', clientIds).execute()) if (client.pinfl !== null) pinfls.set(client.id, client.pinfl);
  }
  return {
    total: Number(total.count),
    records: rows.map((row) => {
      const data = JSON.parse(row.data_json) as Record<string, unknown>;
      if (row.type === 'client' && data.needsPseudonym === true) {
        const pinfl = pinfls.get(row.entity_id);
        data.pseudonym = pinfl === undefined || enrollment === null ? null : pseudonymOf(crypto, enrollment.pseudonymKey, pinfl);
      }
      const isHidden = (field: string): boolean => {
        const group = CLIENT_FIELD_VIEW[field];
        return row.type === 'client' && group !== undefined && !seesClientField(role, group);
      };
      const hiddenFields = Object.keys(data).filter(isHidden);
      const shown = Object.fromEntries(Object.entries(data).filter(([field]) => !isHidden(field)));
      return { outboxSeq: row.seq, type: row.type, entityId: row.entity_id, op: row.op, occurredAt: row.occurred_at, isSealed: row.batch_id !== null, data: shown, hiddenFields };
    }),
  };
}

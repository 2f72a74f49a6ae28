import { sql } from 'kysely';
import type { ReadDb, WriteTx } from '../db/handles';

import { CONSENT_PURPOSES, type ConsentOverview, type ConsentPurpose, type ConsentRecord } from './consents.schema';
import type { ConsentRow } from './consents.table';

/** Anything that runs queries: the database or a transaction (`w.trx`). */
type Queryable = ReadDb;

export interface NewConsent {
  readonly id: string;
  readonly clientId: string;
  readonly purpose: ConsentPurpose;
  readonly state: ConsentRecord['state'];
  readonly decidedOn: string;
  readonly formReference: string | null;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/**
 * Appends one consent decision; earlier decisions stay as history.
 *
 * @example await insertConsent(w.trx, { id, clientId, purpose: 'referral', state: 'given', ... });
 */
export async function insertConsent(db: WriteTx, consent: NewConsent): Promise<ConsentRecord> {
  await insertConsents(db, [consent]);
  return { ...consent };
}

/**
 * Appends many consent decisions (the seed, one decision at a time too): multi-row inserts, in order.
 *
 * @example await insertConsents(w.trx, decisions);
 */
export async function insertConsents(db: WriteTx, consents: readonly NewConsent[]): Promise<void> {
  // 8 columns a row: 1,000 rows stay well under SQLite's 32,766 bound parameters.
  for (let start = 0; start < consents.length; start += 1000) {
    await db
      .insertInto('consents')
      .values(
        consents.slice(start, start + 1000).map((consent) => ({
          id: consent.id,
          client_id: consent.clientId,
          purpose: consent.purpose,
          state: consent.state,
          decided_on: consent.decidedOn,
          form_reference: consent.formReference,
          recorded_by: consent.recordedBy,
          recorded_at: consent.recordedAt,
        })),
      )
      .execute();
  }
}

/**
 * A client's consent decisions, newest first.
 *
 * @example const history = await listConsentHistory(db, clientId);
 */
export async function listConsentHistory(db: Queryable, clientId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom('consents')
    .selectAll()
    .where('client_id', '=', clientId)
    .orderBy('recorded_at', 'desc')
    // Insertion order breaks ties between decisions recorded in the same millisecond.
    .orderBy(sql`rowid`, 'desc')
    .execute();
  return rows.map(toConsentRecord);
}

/**
 * The client's current decision for one purpose (its latest), or null when never asked.
 *
 * @example const latest = await currentConsent(trx, clientId, 'registrySharing');
 */
export async function currentConsent(db: Queryable, clientId: string, purpose: ConsentPurpose): Promise<ConsentRecord | null> {
  const row = await db
    .selectFrom('consents')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('purpose', '=', purpose)
    .orderBy('recorded_at', 'desc')
    // Insertion order breaks ties between decisions recorded in the same millisecond.
    .orderBy(sql`rowid`, 'desc')
    .limit(1)
    .executeTakeFirst();
  return row === undefined ? null : toConsentRecord(row);
}

/**
 * Whether the client's current decision for a purpose is `given`. Other domains call this inside
 * their own transaction before acting on consent (referrals, photographs, outbox identity fields).
 *
 * @example if (!(await hasConsent(w.trx, clientId, 'referral'))) throw servicesError('CONSENT_REQUIRED', 'referral');
 */
export async function hasConsent(db: Queryable, clientId: string, purpose: ConsentPurpose): Promise<boolean> {
  return (await currentConsent(db, clientId, purpose))?.state === 'given';
}

/**
 * Whether identity fields of this client may go to the central registry.
 *
 * @example const data = (await hasRegistryConsent(w.trx, id)) ? withIdentity : withPseudonym;
 */
export async function hasRegistryConsent(db: Queryable, clientId: string): Promise<boolean> {
  return hasConsent(db, clientId, 'registrySharing');
}

/**
 * The current decision per purpose and the full history (newest first).
 *
 * @example const { current } = await consentOverview(db, clientId); current.referral?.state
 */
export async function consentOverview(db: Queryable, clientId: string): Promise<ConsentOverview> {
  const history = await listConsentHistory(db, clientId);
  const current = Object.fromEntries(
    CONSENT_PURPOSES.map((purpose) => [purpose, history.find((record) => record.purpose === purpose) ?? null]),
  ) as Record<ConsentPurpose, ConsentRecord | null>;
  return { current, history };
}

function toConsentRecord(row: ConsentRow): ConsentRecord {
  return {
    id: row.id,
    clientId: row.client_id,
    purpose: row.purpose,
    state: row.state,
    decidedOn: row.decided_on,
    formReference: row.form_reference,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
  };
}

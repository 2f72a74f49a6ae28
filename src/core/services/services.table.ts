import type { ColumnType, Selectable } from 'kysely';
import type { ReferralDirection, ServiceCategory } from './services.schema';

type Immutable<T> = ColumnType<T, T, never>;
/** SQLite stores booleans as integers; a CHECK keeps them to 0 and 1. */
type SqliteBoolean = 0 | 1;

/**
 * The service catalog. Codes are stable forever (deliveries and plans reference them, the registry
 * counts them); names are data, one per UI language. Entries are retired, never deleted.
 */
export interface ServiceCatalogTable {
  readonly code: Immutable<string>;
  readonly category: Immutable<ServiceCategory>;
  /** JSON object: { "uz-Latn", "uz-Cyrl", "ru", "en" }. */
  names_json: string;
  readonly is_built_in: Immutable<SqliteBoolean>;
  is_active: ColumnType<SqliteBoolean, SqliteBoolean | undefined, SqliteBoolean>;
  readonly created_at: Immutable<string>;
  /** Null for built-in entries. */
  readonly created_by: Immutable<string | null>;
}

/** One service delivered to one client on one day. */
export interface ServiceDeliveriesTable {
  readonly id: Immutable<string>;
  /** Moved by a client merge. */
  client_id: string;
  readonly case_id: Immutable<string | null>;
  readonly service_code: Immutable<string>;
  readonly delivered_on: Immutable<string>;
  readonly duration_minutes: Immutable<number | null>;
  /** Free text, never sent to the registry. */
  readonly note: Immutable<string | null>;
  /** Why the service was given without the client's consent to receive services (an emergency); null when consent was given. */
  readonly consent_override_reason: ColumnType<string | null, string | null | undefined, never>;
  readonly recorded_by: Immutable<string>;
  readonly recorded_at: Immutable<string>;
}

/** A referral to (`out`) or from (`in`) another agency. Stays in the center. */
export interface ReferralsTable {
  readonly id: Immutable<string>;
  /** Moved by a client merge. */
  client_id: string;
  readonly case_id: Immutable<string | null>;
  readonly direction: Immutable<ReferralDirection>;
  readonly agency: Immutable<string>;
  readonly reason: Immutable<string>;
  readonly referred_on: Immutable<string>;
  readonly recorded_by: Immutable<string>;
  readonly recorded_at: Immutable<string>;
}

export interface ServicesTables {
  readonly service_catalog: ServiceCatalogTable;
  readonly service_deliveries: ServiceDeliveriesTable;
  readonly referrals: ReferralsTable;
}

export type CatalogRow = Selectable<ServiceCatalogTable>;
export type ServiceDeliveryRow = Selectable<ServiceDeliveriesTable>;
export type ReferralRow = Selectable<ReferralsTable>;

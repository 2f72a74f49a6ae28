import type { ColumnType, Selectable } from 'kysely';
import type { ConsentPurpose, ConsentState } from './consents.schema';

/** Written once; triggers refuse changes (only a client merge may move `client_id`). */
type WriteOnce<T> = ColumnType<T, T, never>;

/**
 * Consent decisions, append-only: each decision is a new row and the client's current state for a
 * purpose is its latest row (by `recorded_at`, then insertion order). A client merge moves rows to the
 * surviving client by updating `client_id`, the one column that may change.
 */
export interface ConsentsTable {
  readonly id: WriteOnce<string>;
  client_id: ColumnType<string, string, string>;
  readonly purpose: WriteOnce<ConsentPurpose>;
  readonly state: WriteOnce<ConsentState>;
  /** `YYYY-MM-DD`, the date on the form. */
  readonly decided_on: WriteOnce<string>;
  readonly form_reference: WriteOnce<string | null>;
  /** Staff id of whoever recorded it. */
  readonly recorded_by: WriteOnce<string>;
  /** ISO 8601 UTC. */
  readonly recorded_at: WriteOnce<string>;
}

export interface ConsentsTables {
  readonly consents: ConsentsTable;
}

export type ConsentRow = Selectable<ConsentsTable>;

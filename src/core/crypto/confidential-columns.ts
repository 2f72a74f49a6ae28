/**
 * Where a domain keeps confidential values (`encryptField` output, `cf2.<keyId>.…`): the table,
 * the row id column, the column whose value is the `version` of each field's location, and the
 * columns themselves. The field name in a value's associated data is its column name, so a value
 * can be decrypted (and re-encrypted under a new confidential key) knowing only this spec and the
 * row. Domains declare these in their manifest; the re-encryption job walks them all.
 *
 * @example { table: 'counseling_session', idColumn: 'id', versionColumn: 'version', fields: ['note'] }
 */
export interface ConfidentialColumnSpec {
  readonly table: string;
  readonly idColumn: string;
  /** The row's version column; `null` when each value is written once (its location's version is 1). */
  readonly versionColumn: string | null;
  readonly fields: readonly string[];
}

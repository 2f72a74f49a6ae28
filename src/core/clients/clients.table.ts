import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** SQLite stores booleans as integers; CHECK constraints keep these columns to 0 and 1. */
type Flag = ColumnType<0 | 1, 0 | 1 | undefined, 0 | 1>;

/**
 * One person the center serves. Names are kept exactly as typed (any script); the match keys
 * beside them are derived by the repository on every write (see migrations/0002_clients.ts and
 * 0004_search_keys.ts).
 */
export interface ClientsTable {
  /** Rowid alias the FTS5 index points at; never leaves the core. */
  readonly seq: Generated<number>;
  readonly id: ColumnType<string, string, never>;
  version: ColumnType<number, number | undefined, number>;
  status: ColumnType<'active' | 'merged', 'active' | 'merged' | undefined, 'active' | 'merged'>;
  merged_into_id: ColumnType<string | null, string | null | undefined, string | null>;
  last_name: string;
  first_name: string;
  patronymic: string | null;
  /** `YYYY-MM-DD`; null when only an estimated year is known. */
  birth_date: string | null;
  birth_year: number;
  is_birth_date_estimated: 0 | 1;
  sex: 'male' | 'female';
  pinfl: string | null;
  document_type: string | null;
  document_number: string | null;
  /** `+998XXXXXXXXX` */
  phone: string | null;
  region_code: string | null;
  district_code: string | null;
  mahalla: string | null;
  street: string | null;
  is_older_person: Flag;
  is_child: Flag;
  is_survivor_of_violence: Flag;
  is_low_income_register: Flag;
  disability_group: 'I' | 'II' | 'III' | 'child' | null;
  languages_json: string;
  remarks: string | null;
  /** The PINFL warnings the receptionist confirmed when saving (JSON array of codes). */
  confirmed_warnings_json: string;
  /** Sorted strict word keys of last and first name (see migrations/0004_search_keys.ts). */
  name_key: string;
  /** Sorted loose word keys of last and first name. */
  name_key_loose: string;
  /** The patronymic's father's-name stems and typed words (src/core/uz/patronymic.ts); '' without one. */
  patronymic_key: ColumnType<string, string | undefined, string>;
  /** Loose key of last and first name, with `birth_year` for possible duplicates. */
  dup_key: string;
  readonly created_at: ColumnType<string, string, never>;
  readonly created_by: ColumnType<string | null, string | null, never>;
  updated_at: string;
  updated_by: string | null;
  /** Written by `cli seed` in a demonstration center (issue 8 item 10): not a real person, never sent anywhere. */
  readonly is_synthetic: ColumnType<0 | 1, 0 | 1 | undefined, never>;
}

/** Distinct loose name words, the vocabulary a misspelled query is corrected against. */
export interface ClientNameWordsTable {
  readonly id: Generated<number>;
  readonly word: string;
}

/** A merge of two client records and what it moved, so `clients.unmerge` can move it back. */
export interface ClientMergesTable {
  readonly id: string;
  readonly survivor_id: string;
  readonly merged_id: string;
  readonly moved_json: string;
  readonly merged_at: string;
  readonly merged_by: string | null;
  unmerged_at: ColumnType<string | null, string | null | undefined, string | null>;
  unmerged_by: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface ClientsTables {
  readonly clients: ClientsTable;
  readonly client_name_words: ClientNameWordsTable;
  readonly client_merges: ClientMergesTable;
}

export type ClientRow = Selectable<ClientsTable>;
export type NewClientRow = Insertable<ClientsTable>;
export type ClientRowUpdate = Updateable<ClientsTable>;
export type ClientMergeRow = Selectable<ClientMergesTable>;

import type { Selectable } from 'kysely';

/** Center-wide settings by key (e.g. `inactivityLockMs`); `value` is JSON text. */
export interface SettingsTable {
  readonly key: string;
  value: string;
  updated_at: string;
}

export interface SettingsTables {
  readonly settings: SettingsTable;
}

export type SettingRow = Selectable<SettingsTable>;

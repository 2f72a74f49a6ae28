import { z } from 'zod';
import type { ErrorCode } from '../api/errors';

/**
 * Backup settings and answers, shared by the core and the administrator's screens. Pure: the UI
 * imports this module.
 */
export const BACKUP_INTERVAL_HOURS_MIN = 1;
export const BACKUP_INTERVAL_HOURS_MAX = 24 * 31;
/** Daily by default (issue 14 item 3). */
export const DEFAULT_BACKUP_INTERVAL_HOURS = 24;

export const backupSettingsSchema = z.object({
  /** The folder backups are written to (a USB drive); null until the administrator picks one. */
  folder: z.string().trim().min(1).max(1000).nullable(),
  /** How old the newest backup may get before the schedule makes another and the home page warns. */
  intervalHours: z.number().int().min(BACKUP_INTERVAL_HOURS_MIN).max(BACKUP_INTERVAL_HOURS_MAX),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

export const DEFAULT_BACKUP_SETTINGS: BackupSettings = { folder: null, intervalHours: DEFAULT_BACKUP_INTERVAL_HOURS };

export const updateBackupSettingsInputSchema = backupSettingsSchema;

export interface BackupStatus {
  readonly settings: BackupSettings;
  readonly last: {
    readonly createdAt: string;
    readonly fileName: string;
    readonly folder: string;
    readonly sizeBytes: number;
    readonly clientCount: number;
    readonly ageHours: number;
  } | null;
  /** No backup yet, or the newest is older than the interval: the home page warns. */
  readonly isOverdue: boolean;
  readonly isRunning: boolean;
  /** The full database check run in the background after the opening (null until it ran). */
  readonly databaseCheck: { readonly checkedAt: string; readonly isOk: boolean } | null;
  /** The last run's failure in this session (a USB drive left out), cleared by a good run. */
  readonly lastFailure: { readonly at: string; readonly code: ErrorCode; readonly reason?: string } | null;
}

/** `backup.restore`: the backup file's path and the recovery code or a staff member's sign-in. */
export const restoreInputSchema = z.union([
  z.object({ file: z.string().trim().min(1).max(4000), recoveryCode: z.string().trim().min(1).max(200) }),
  z.object({ file: z.string().trim().min(1).max(4000), username: z.string().trim().min(1).max(64), password: z.string().min(1).max(1000) }),
]);
export type RestoreInput = z.input<typeof restoreInputSchema>;

export interface RestoreResult {
  readonly centerId: string;
  readonly backupCreatedAt: string;
  readonly clientCount: number;
  /** True when a damaged database was moved aside (kept in the data folder) first. */
  readonly movedDamagedAside: boolean;
}

/** What the damaged-database screen offers: the newest good backup the pointer file leads to. */
export interface DamageOffer {
  readonly isDamaged: boolean;
  readonly kind: string | null;
  readonly latest: { readonly path: string; readonly createdAt: string; readonly clientCount: number } | null;
}

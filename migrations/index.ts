import type { Migration } from 'kysely/migration';
import * as m0001Initial from './0001_initial';
import * as m0002Clients from './0002_clients';
import * as m0003Care from './0003_care';
import * as m0004SearchKeys from './0004_search_keys';
import * as m0005RowDigests from './0005_row_digests';
import * as m0006ServiceConsentOverride from './0006_service_consent_override';
import * as m0007TemporaryPasswordExpiry from './0007_temporary_password_expiry';
import * as m0008DemonstrationCenter from './0008_demonstration_center';
import * as m0009Counseling from './0009_counseling';
import * as m0010Appointments from './0010_appointments';
import * as m0011Training from './0011_training';
import * as m0012StaffReaderScript from './0012_staff_reader_script';
import * as m0013Backups from './0013_backups';
import * as m0014ReportIndexes from './0014_report_indexes';
import * as m0015Sync from './0015_sync';
import * as m0016CenterKeyStatements from './0016_center_key_statements';

/**
 * Every center-database migration, in order. Listed explicitly (no directory scan) so the packaged
 * app carries exactly these. A landed migration is history: never edit it, add the next number.
 */
export const migrations: Readonly<Record<string, Migration>> = {
  '0001_initial': m0001Initial,
  '0002_clients': m0002Clients,
  '0003_care': m0003Care,
  '0004_search_keys': m0004SearchKeys,
  '0005_row_digests': m0005RowDigests,
  '0006_service_consent_override': m0006ServiceConsentOverride,
  '0007_temporary_password_expiry': m0007TemporaryPasswordExpiry,
  '0008_demonstration_center': m0008DemonstrationCenter,
  '0009_counseling': m0009Counseling,
  '0010_appointments': m0010Appointments,
  '0011_training': m0011Training,
  '0012_staff_reader_script': m0012StaffReaderScript,
  '0013_backups': m0013Backups,
  '0014_report_indexes': m0014ReportIndexes,
  '0015_sync': m0015Sync,
  '0016_center_key_statements': m0016CenterKeyStatements,
};

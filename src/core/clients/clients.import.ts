import { readCenterSettings } from '../center/center.repository';
import { sql } from 'kysely';
import type { WriteScope } from '../audit/run-write';
import { localCalendarDate } from '../calendar/calendar';
import type { ReadDb } from '../db/handles';
import { newId } from '../db/ids';
import { pinflWarnings } from '../uz/pinfl';
import {
  guessImportMapping,
  IMPORT_FIELDS,
  importRowToInput,
  isBlankImportRow,
  type ImportField,
  type ImportMapping,
  type ImportPreview,
  type ImportRefusal,
  type ImportResult,
  type ImportSummary,
} from './clients-import.schema';
import type { ImportTable } from './clients.import-read';
import { CLIENT_OUTBOX } from './clients.outbox';
import { clientOutboxDataWith } from './clients.outbox-data';
import { clientColumns, ESTIMATED_YEAR_TOLERANCE, findClientIdsByPinfl, insertClientRows, type NewClientColumns } from './clients.repository';
import { clientFieldsSchema, type ClientFields } from './clients.schema';

/**
 * Judging and importing a register: every row goes through the registration form's own schema
 * (`clientFieldsSchema`, so any rule added to the form applies here too) and the core's checks
 * (no future date of birth, no PINFL warning, no PINFL someone holds, no possible duplicate of an
 * existing client, no repeat of an earlier row). The accepted rows are written in one write: one
 * transaction, one audit event and one outbox record per client, as `clients.register` writes
 * them, in bulk statements. Nothing is half-imported: a failure rolls the whole import back, and
 * running the same file again refuses what the first run imported.
 */

const MAPPING_SETTING = 'clients.importMapping';
const SAMPLE_ROWS = 10;

interface AcceptedRow {
  readonly rowNumber: number;
  readonly fields: ClientFields;
  readonly columns: ReturnType<typeof clientColumns>;
}

interface Judgement {
  readonly accepted: readonly AcceptedRow[];
  readonly refusals: readonly ImportRefusal[];
  readonly summary: ImportSummary;
}

const refusal = (row: number, reason: ImportRefusal['reason'], more: Partial<Omit<ImportRefusal, 'row' | 'reason'>> = {}): ImportRefusal => ({
  row,
  reason,
  field: more.field ?? null,
  detail: more.detail ?? null,
  duplicateOfRow: more.duplicateOfRow ?? null,
  existingClientId: more.existingClientId ?? null,
});

/** Existing active clients by duplicate key, for the rows' keys only. */
async function existingByDupKey(db: ReadDb, keys: readonly string[]): Promise<Map<string, { id: string; birth_date: string | null; birth_year: number }[]>> {
  const byKey = new Map<string, { id: string; birth_date: string | null; birth_year: number }[]>();
  const unique = [...new Set(keys)];
  for (let start = 0; start < unique.length; start += 5000) {
    const rows = await sql<{ id: string; dup_key: string; birth_date: string | null; birth_year: number }>`SELECT id, dup_key, birth_date, birth_year FROM clients
      WHERE status = 'active' AND dup_key IN (SELECT value FROM json_each(${JSON.stringify(unique.slice(start, start + 5000))}))`.execute(db);
    for (const row of rows.rows) {
      const list = byKey.get(row.dup_key) ?? [];
      list.push(row);
      byKey.set(row.dup_key, list);
    }
  }
  return byKey;
}

/** The same rule as `findPossibleDuplicates`: same name key, same date of birth, or close years when either is estimated. */
function isCloseBirth(a: { birth_date: string | null; birth_year: number }, b: { birth_date: string | null; birth_year: number }): boolean {
  if (Math.abs(a.birth_year - b.birth_year) > ESTIMATED_YEAR_TOLERANCE) return false;
  return a.birth_date !== null && b.birth_date !== null ? a.birth_date === b.birth_date : true;
}

/** Rows screened between two breaks for the event loop (and progress reports). */
const SCREEN_STEP = 500;

/** The rows that passed the form's schema and the core's own checks, before the database is asked. */
export interface Screening {
  readonly today: string;
  readonly olderPersonAgeYears: number;
  readonly candidates: readonly AcceptedRow[];
  readonly refusals: readonly ImportRefusal[];
  readonly rows: number;
  readonly blankRows: number;
}

export interface ImportSteps {
  /** Where the work is: rows checked of all rows, then clients written of those accepted. */
  readonly onProgress?: (phase: 'checking' | 'writing', done: number, total: number) => void;
  /** Called between steps; a background job lets other calls run there (and may throw to stop). */
  readonly between?: () => Promise<void>;
}

/**
 * Every row against the form's schema and the core's rules that need no database (dates, PINFL
 * warnings). The slow part of a judgement, so a background import does it outside its write.
 *
 * @example const screening = await screenImport(db, table, mapping, '2026-12-02');
 */
export async function screenImport(db: ReadDb, table: ImportTable, mapping: ImportMapping, today: string, steps: ImportSteps = {}): Promise<Screening> {
  const refusals: ImportRefusal[] = [];
  const candidates: AcceptedRow[] = [];
  let blankRows = 0;
  const { olderPersonAgeYears } = await readCenterSettings(db);
  // Counted as the summary counts them: the rows that hold anything.
  const total = table.rows.filter((row) => !isBlankImportRow(row.cells)).length;
  for (const { rowNumber, cells } of table.rows) {
    if (isBlankImportRow(cells)) {
      blankRows += 1;
      continue;
    }
    const checked = candidates.length + refusals.length;
    if (checked > 0 && checked % SCREEN_STEP === 0) {
      steps.onProgress?.('checking', checked, total);
      await steps.between?.();
    }
    const converted = importRowToInput(cells, mapping);
    if ('refusal' in converted) {
      refusals.push(refusal(rowNumber, converted.refusal.reason, converted.refusal));
      continue;
    }
    const parsed = clientFieldsSchema.safeParse(converted.input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      refusals.push(refusal(rowNumber, 'invalidField', { field: issue?.path.map(String).join('.') ?? null, detail: issue?.code ?? null }));
      continue;
    }
    const fields = parsed.data;
    if ((fields.birthDate !== null && fields.birthDate > today) || (fields.estimatedBirthYear !== null && fields.estimatedBirthYear > Number(today.slice(0, 4)))) {
      refusals.push(refusal(rowNumber, 'futureBirthDate', { field: 'birthDate' }));
      continue;
    }
    const warnings = fields.pinfl === null ? [] : pinflWarnings(fields.pinfl, { birthDate: fields.birthDate, sex: fields.sex, today });
    if (warnings.length > 0) {
      refusals.push(refusal(rowNumber, 'pinflWarning', { field: 'pinfl', detail: warnings[0] ?? null }));
      continue;
    }
    candidates.push({ rowNumber, fields, columns: clientColumns(fields, today, olderPersonAgeYears) });
  }
  steps.onProgress?.('checking', total, total);
  return { today, olderPersonAgeYears, candidates, refusals, rows: total, blankRows };
}

/**
 * The screened rows against the database and each other: no PINFL someone holds, no possible
 * duplicate of an existing client, no repeat of an earlier row. Inside a write it sees exactly
 * what the write will commit beside. The derived columns follow the center's setting as it is
 * now, should it have changed since the screening.
 *
 * @example const { accepted, refusals, summary } = await settleImport(w.trx, screening);
 */
export async function settleImport(db: ReadDb, screening: Screening): Promise<Judgement> {
  const { olderPersonAgeYears } = await readCenterSettings(db);
  const candidates =
    olderPersonAgeYears === screening.olderPersonAgeYears
      ? screening.candidates
      : screening.candidates.map((row) => ({ ...row, columns: clientColumns(row.fields, screening.today, olderPersonAgeYears) }));
  const refusals = [...screening.refusals];
  const pinflHolders = await findClientIdsByPinfl(db, candidates.flatMap((row) => (row.fields.pinfl === null ? [] : [row.fields.pinfl])));
  const existing = await existingByDupKey(db, candidates.map((row) => row.columns.dup_key));
  const seenPinfl = new Map<string, number>();
  const seenNames = new Map<string, AcceptedRow[]>();
  const accepted: AcceptedRow[] = [];
  let duplicates = 0;
  for (const row of candidates) {
    const { pinfl } = row.fields;
    const holder = pinfl === null ? undefined : pinflHolders.get(pinfl);
    const earlierPinfl = pinfl === null ? undefined : seenPinfl.get(pinfl);
    const earlierName = (seenNames.get(row.columns.dup_key) ?? []).find((other) => isCloseBirth(other.columns, row.columns));
    const existingName = (existing.get(row.columns.dup_key) ?? []).find((other) => isCloseBirth(other, row.columns));
    let refused: ImportRefusal | null = null;
    if (holder !== undefined) refused = refusal(row.rowNumber, 'pinflTaken', { field: 'pinfl', existingClientId: holder });
    else if (earlierPinfl !== undefined) refused = refusal(row.rowNumber, 'duplicateInFile', { field: 'pinfl', duplicateOfRow: earlierPinfl });
    else if (earlierName !== undefined) refused = refusal(row.rowNumber, 'duplicateInFile', { duplicateOfRow: earlierName.rowNumber });
    else if (existingName !== undefined) refused = refusal(row.rowNumber, 'possibleDuplicate', { existingClientId: existingName.id });
    if (refused !== null) {
      duplicates += 1;
      refusals.push(refused);
      continue;
    }
    if (pinfl !== null) seenPinfl.set(pinfl, row.rowNumber);
    seenNames.set(row.columns.dup_key, [...(seenNames.get(row.columns.dup_key) ?? []), row]);
    accepted.push(row);
  }
  refusals.sort((a, b) => a.row - b.row);
  return { accepted, refusals, summary: { rows: screening.rows, blankRows: screening.blankRows, accepted: accepted.length, refused: refusals.length, duplicates } };
}

/**
 * Every row judged against the form's schema, the core's rules, the database and the rows above it.
 *
 * @example const { accepted, refusals } = await judgeImport(db, table, mapping, '2026-12-02');
 */
export async function judgeImport(db: ReadDb, table: ImportTable, mapping: ImportMapping, today: string): Promise<Judgement> {
  return settleImport(db, await screenImport(db, table, mapping, today));
}

/** The saved mapping as header texts by field, applied to this file's headers where they match. */
async function savedMapping(db: ReadDb, headers: readonly string[]): Promise<ImportMapping | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', MAPPING_SETTING).executeTakeFirst();
  if (row === undefined) return null;
  const saved = JSON.parse(row.value) as Partial<Record<ImportField, string>>;
  const mapping: ImportMapping = {};
  for (const field of IMPORT_FIELDS) {
    const header = saved[field];
    if (header === undefined) continue;
    const index = headers.indexOf(header);
    if (index < 0) return null;
    mapping[field] = index;
  }
  return mapping;
}

/**
 * `clients.importPreview`: the headers, the mapping (given, saved or guessed), the first rows and
 * the judgement of every row, without writing anything.
 */
export async function previewImport(db: ReadDb, table: ImportTable, given: ImportMapping | undefined, now: Date): Promise<ImportPreview> {
  const saved = given === undefined ? await savedMapping(db, table.headers) : null;
  const mapping = given ?? saved ?? guessImportMapping(table.headers);
  const judgement = await judgeImport(db, table, mapping, localCalendarDate(now));
  return {
    headers: table.headers,
    mapping,
    isSavedMapping: saved !== null,
    sampleRows: table.rows.filter((row) => !isBlankImportRow(row.cells)).slice(0, SAMPLE_ROWS).map((row) => row.cells),
    summary: judgement.summary,
    refusals: judgement.refusals,
  };
}

/** Clients per bulk step inside the one transaction (and between two progress reports). */
const IMPORT_CHUNK = 500;

/**
 * The import's write: judges the file again inside it (so nothing registered since the preview
 * slips through as a duplicate; a screening done just before, outside the write, is reused for
 * the part that needs no database), writes the accepted rows chunk by chunk, remembers the
 * mapping for the center's next file, and appends one summary event after the clients' own.
 * All of it is the one transaction of `w`: between chunks it only pauses (`steps.between`), so
 * a failure or a stop anywhere rolls every chunk back.
 *
 * @example const result = await runImport(w, table, mapping, { onProgress: (phase, done, total) => … });
 */
export async function runImport(w: WriteScope, table: ImportTable, mapping: ImportMapping, steps: ImportSteps & { readonly screening?: Screening } = {}): Promise<ImportResult> {
  const screening = steps.screening ?? (await screenImport(w.trx, table, mapping, localCalendarDate(w.now), steps));
  const judgement = await settleImport(w.trx, screening);
  const importId = newId(w.now.getTime());
  const at = w.now.toISOString();
  const total = judgement.accepted.length;
  steps.onProgress?.('writing', 0, total);
  for (let start = 0; start < total; start += IMPORT_CHUNK) {
    const chunk = judgement.accepted.slice(start, start + IMPORT_CHUNK);
    const rows: NewClientColumns[] = chunk.map(({ columns }) => ({
      ...columns,
      confirmed_warnings_json: '[]',
      id: newId(w.now.getTime()),
      version: 1,
      status: 'active',
      merged_into_id: null,
      created_at: at,
      created_by: w.actorId,
      updated_at: at,
      updated_by: w.actorId,
    }));
    await insertClientRows(w.trx, rows);
    await w.auditMany(
      rows.map((row, index) => ({
        action: 'clients.import',
        entityType: 'client',
        entityId: row.id,
        details: { importId, row: chunk[index]?.rowNumber ?? null, hasPinfl: row.pinfl !== null },
      })),
    );
    // An imported client has recorded no consent yet: no identity field leaves.
    await w.outboxMany(rows.map((row) => ({ spec: CLIENT_OUTBOX, entityId: row.id, op: 'upsert' as const, data: clientOutboxDataWith(row, false) })));
    steps.onProgress?.('writing', Math.min(total, start + IMPORT_CHUNK), total);
    await steps.between?.();
  }
  const headersByField: Partial<Record<ImportField, string>> = {};
  for (const field of IMPORT_FIELDS) {
    const index = mapping[field];
    if (index !== undefined && table.headers[index] !== undefined) headersByField[field] = table.headers[index];
  }
  await w.trx
    .insertInto('settings')
    .values({ key: MAPPING_SETTING, value: JSON.stringify(headersByField), updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(headersByField), updated_at: at }))
    .execute();
  await w.audit({
    action: 'clients.importRun',
    entityType: 'clientImport',
    entityId: importId,
    details: { rows: judgement.summary.rows, imported: total, refused: judgement.summary.refused, duplicates: judgement.summary.duplicates },
  });
  return { importId, imported: total, summary: judgement.summary, refusals: judgement.refusals };
}

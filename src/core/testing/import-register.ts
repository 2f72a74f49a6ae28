import ExcelJS from 'exceljs';
import { clientNameKeys } from '../clients/clients.repository';
import type { RegisterClientInput } from '../clients/clients.schema';
import { createRandom, syntheticClient } from '../clients/clients.seed-data';
import type { ImportProgress, ImportRunInput } from '../clients/clients-import.schema';
import type { ApiClient } from '../client';

/**
 * A center's register as it really comes out of Excel, for the import's tests and benchmark: a
 * title line above the header, extra columns the import ignores, Latin and Cyrillic names, dates
 * as Excel dates, as serial numbers and as typed text, sex in several languages, PINFLs as numbers
 * and as text, blank rows in the middle and at the end. 3% of the rows are bad (one of six faults
 * each) and 2% are duplicates (half repeat a row above, half a client the center already holds,
 * listed in `existing` for the test to register first). The expected judgement is returned with
 * it, so a test can check the import's counts exactly.
 */

export interface GeneratedRegister {
  readonly bytes: Buffer;
  /** Clients to register before importing: the file's second half of duplicates repeats them. */
  readonly existing: readonly RegisterClientInput[];
  readonly expected: { readonly rows: number; readonly blankRows: number; readonly bad: number; readonly duplicates: number; readonly accepted: number };
  /** Spreadsheet row numbers of the bad and duplicate rows. */
  readonly badRows: readonly number[];
  readonly duplicateRows: readonly number[];
}

const HEADERS = ['№', 'Familiya', 'Ism', 'Otasining ismi', 'Tugʻilgan sana', 'Jinsi', 'JSHSHIR', 'Telefon', 'Manzil', 'Izoh', 'Hudud (eski)', 'Kiritgan'];
const SEX_WORDS = { male: ['Erkak', 'М', 'муж', 'Эркак'], female: ['Ayol', 'Ж', 'жен', 'Аёл'] } as const;
const BAD_KINDS = ['missingFirstName', 'impossibleDate', 'futureDate', 'unknownSex', 'badPhone', 'badCheckDigit'] as const;

const toDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const serialOf = (iso: string) => Math.round((toDate(iso).getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
const dayFirst = (iso: string, isPadded: boolean) => {
  const [year, month, day] = iso.split('-');
  return isPadded ? `${day}.${month}.${year}` : `${Number(day)}.${Number(month)}.${year}`;
};

/** Distinct synthetic people (no two share a name key and a date of birth), each with an exact date of birth. */
function people(count: number, seed: number, today: string): RegisterClientInput[] {
  const random = createRandom(seed);
  const seen = new Set<string>();
  const result: RegisterClientInput[] = [];
  for (let serial = 500_000; result.length < count; serial += 1) {
    const { input } = syntheticClient(random, serial, today);
    if (input.birthDate === null || input.birthDate === undefined) continue;
    const key = `${clientNameKeys({ lastName: input.lastName, firstName: input.firstName, patronymic: null }).dup_key}|${input.birthDate}`;
    if (seen.has(key)) continue;
    seen.add(key);
    result.push({ ...input, address: { ...input.address, regionCode: null, districtCode: null } });
  }
  return result;
}

/**
 * @example const register = await generateRegister(5000, { today: '2026-12-02' });
 */
export async function generateRegister(rowCount: number, options: { readonly today: string; readonly seed?: number }): Promise<GeneratedRegister> {
  const everyone = people(rowCount + Math.ceil(rowCount / 50), options.seed ?? 7, options.today);
  const personAt = (index: number): RegisterClientInput => {
    const person = everyone[index];
    if (person === undefined) throw new Error(`No synthetic person ${index}`);
    return person;
  };
  const existing: RegisterClientInput[] = [];
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Roʻyxat');
  sheet.addRow(['Mijozlar roʻyxati, 2026']);
  sheet.addRow([]);
  sheet.addRow(HEADERS);
  const badRows: number[] = [];
  const duplicateRows: number[] = [];
  const rowOfPerson: number[] = [];
  let blankRows = 0;
  let nextPerson = 0;
  for (let i = 0; i < rowCount; i += 1) {
    if (i > 0 && i % 500 === 0) {
      sheet.addRow([]);
      blankRows += 1;
    }
    const slot = i % 100;
    let person: RegisterClientInput;
    if (slot === 3 && i >= 100) {
      person = personAt(rowOfPerson[i - 50] ?? 0);
    } else if (slot === 4) {
      person = personAt(nextPerson);
      nextPerson += 1;
      existing.push(person);
    } else {
      person = personAt(nextPerson);
      rowOfPerson[i] = nextPerson;
      nextPerson += 1;
    }
    const birthDate = person.birthDate ?? '1980-01-01';
    const style = i % 4;
    const dateCell = style === 0 ? toDate(birthDate) : style === 1 ? serialOf(birthDate) : dayFirst(birthDate, style === 2);
    const sexWords = SEX_WORDS[person.sex];
    const pinfl = typeof person.pinfl === 'string' ? person.pinfl : null;
    const phone = typeof person.phone === 'string' ? person.phone : null;
    let cells: (string | number | Date | null)[] = [
      i + 1,
      person.lastName,
      person.firstName,
      person.patronymic ?? null,
      dateCell,
      sexWords[i % sexWords.length] ?? 'Erkak',
      pinfl === null ? null : i % 2 === 0 ? Number(pinfl) : pinfl,
      phone,
      person.address?.street ?? null,
      i % 7 === 0 ? 'Nogironligi bor' : null,
      'Toshkent sh.',
      'Operator 1',
    ];
    if (slot < 3) {
      let kind = BAD_KINDS[Math.floor(i / 100 + slot) % BAD_KINDS.length] ?? 'unknownSex';
      if (kind === 'badCheckDigit' && pinfl === null) kind = 'unknownSex';
      if (kind === 'missingFirstName') cells[2] = null;
      if (kind === 'impossibleDate') cells[4] = '31.02.1990';
      if (kind === 'futureDate') cells[4] = `01.01.${Number(options.today.slice(0, 4)) + 1}`;
      if (kind === 'unknownSex') cells[5] = '?';
      if (kind === 'badPhone') cells[7] = '12-34';
      if (kind === 'badCheckDigit' && pinfl !== null) {
        cells[6] = `${pinfl.slice(0, 13)}${(Number(pinfl.slice(13)) + 1) % 10}`;
      }
      badRows.push(sheet.rowCount + 1);
    }
    if (slot === 3 && i >= 100) duplicateRows.push(sheet.rowCount + 1);
    if (slot === 4) duplicateRows.push(sheet.rowCount + 1);
    cells = cells.map((cell) => (typeof cell === 'string' && i % 11 === 0 ? ` ${cell} ` : cell));
    const row = sheet.addRow(cells);
    if (style === 0) row.getCell(5).numFmt = 'dd.mm.yyyy';
  }
  sheet.addRow([]);
  sheet.addRow([]);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const duplicates = duplicateRows.length;
  return {
    bytes,
    existing,
    expected: { rows: rowCount, blankRows, bad: badRows.length, duplicates, accepted: rowCount - badRows.length - duplicates },
    badRows,
    duplicateRows,
  };
}

/**
 * Starts a background import through the API and asks for its progress until it ends, as the
 * screen does; answers the last progress and every one seen on the way.
 *
 * @example const { last, seen } = await importInBackground(t.as.receptionist, { ...file, mapping });
 */
export async function importInBackground(
  client: Pick<ApiClient, 'invoke'>,
  input: ImportRunInput,
  options: { readonly pollEveryMs?: number } = {},
): Promise<{ readonly last: ImportProgress; readonly seen: readonly ImportProgress[] }> {
  const { jobId } = await client.invoke('clients.importStart', input);
  const seen: ImportProgress[] = [];
  for (;;) {
    const progress = await client.invoke('clients.importProgress', { jobId });
    seen.push(progress);
    if (progress.state !== 'running') return { last: progress, seen };
    await new Promise((resolve) => setTimeout(resolve, options.pollEveryMs ?? 5));
  }
}

import { z } from 'zod';

/**
 * Importing an existing register (a center's Excel list): the fields a column can be mapped to,
 * the methods' inputs, and the pure rules that turn one spreadsheet row into the registration
 * form's input (dates as Uzbeks write them or as Excel stores them, sex in any of the four
 * languages, a full name in one column). Pure, so the import screen shows the same judgement.
 */

export const IMPORT_FIELDS = [
  'fullName',
  'lastName',
  'firstName',
  'patronymic',
  'birthDate',
  'sex',
  'pinfl',
  'phone',
  'documentNumber',
  'mahalla',
  'street',
  'remarks',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** A cell as read from the file: text, a number (an Excel serial date is one), or null when empty. */
export type ImportCell = string | number | null;

/** Which column (0-based) each field is read from; unmapped fields are left out. */
export const importMappingSchema = z.partialRecord(z.enum(IMPORT_FIELDS), z.number().int().min(0).max(499));
export type ImportMapping = z.output<typeof importMappingSchema>;

/** Files the API takes as base64 inside one call: the transports' 2 MiB cap, less base64's third. */
export const IMPORT_MAX_FILE_BYTES = 1_400_000;

export const IMPORT_FORMATS = ['xlsx', 'csv'] as const;

export const importFileSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64. */
  contentBase64: z.string().min(1).max(Math.ceil(IMPORT_MAX_FILE_BYTES / 3) * 4 + 4),
});

export const importPreviewInput = importFileSchema.extend({
  /** Omitted: the center's saved mapping where its headers match, else a guess from the headers. */
  mapping: importMappingSchema.optional(),
});
export type ImportPreviewInput = z.input<typeof importPreviewInput>;

export const importRunInput = importFileSchema.extend({ mapping: importMappingSchema });
export type ImportRunInput = z.input<typeof importRunInput>;

/** `clients.importProgress`: the job id `clients.importStart` answered. */
export const importProgressInput = z.object({ jobId: z.string().min(1).max(64) });

export const importReportInput = importRunInput.extend({
  format: z.enum(IMPORT_FORMATS),
  /** The sentence for each refusal reason in the reader's language (the core knows no language). */
  reasonTexts: z.record(z.string().max(60), z.string().max(300)).default({}),
  /**
   * The caller's finished import of this file: its refusals as that run judged them. Without it
   * the file is judged as a run now would (after an import, that refuses every imported row).
   */
  jobId: z.string().min(1).max(64).optional(),
});
export type ImportReportInput = z.input<typeof importReportInput>;

/** Why a row is refused. */
export const IMPORT_REFUSALS = [
  'missingName',
  'invalidField',
  'futureBirthDate',
  'pinflWarning',
  'pinflTaken',
  'possibleDuplicate',
  'duplicateInFile',
] as const;
export type ImportRefusalReason = (typeof IMPORT_REFUSALS)[number];

export interface ImportRefusal {
  /** The row's number in the file, as a spreadsheet shows it (1-based, the header row counted). */
  readonly row: number;
  readonly reason: ImportRefusalReason;
  /** The field at fault, for `invalidField` and `pinflWarning`; the detail code (`checkDigit`, `invalid_format`, …). */
  readonly field: string | null;
  readonly detail: string | null;
  /** `duplicateInFile`: the row it repeats; `pinflTaken` / `possibleDuplicate`: the existing client. */
  readonly duplicateOfRow: number | null;
  readonly existingClientId: string | null;
}

export interface ImportSummary {
  /** Rows below the header that hold anything. */
  readonly rows: number;
  readonly blankRows: number;
  readonly accepted: number;
  readonly refused: number;
  readonly duplicates: number;
}

export interface ImportPreview {
  readonly headers: readonly string[];
  readonly mapping: ImportMapping;
  /** Whether the mapping came from the center's saved one. */
  readonly isSavedMapping: boolean;
  /** The first rows as read, for the screen to show under the mapped headers. */
  readonly sampleRows: readonly (readonly ImportCell[])[];
  readonly summary: ImportSummary;
  /** Every refused row (the screen pages them; the report downloads them). */
  readonly refusals: readonly ImportRefusal[];
}

export interface ImportResult {
  readonly importId: string;
  readonly imported: number;
  readonly summary: ImportSummary;
  readonly refusals: readonly ImportRefusal[];
}

/** The steps of a background import, in order. */
export const IMPORT_PHASES = ['reading', 'checking', 'writing'] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];

/**
 * Where a background import is (`clients.importProgress`): `done` of `total` rows checked, then
 * clients written; the result once it is done, the error once it failed (nothing was imported).
 */
export interface ImportProgress {
  readonly jobId: string;
  readonly state: 'running' | 'done' | 'failed';
  readonly phase: ImportPhase;
  readonly done: number;
  readonly total: number;
  readonly result: ImportResult | null;
  readonly error: { readonly code: string; readonly messageKey: string; readonly details?: Readonly<Record<string, unknown>> } | null;
}

/** Header words (any script, any of the four languages) each field is guessed from, lower case. */
const HEADER_HINTS: Readonly<Record<ImportField, readonly string[]>> = {
  fullName: ['fio', 'ф.и.о', 'фио', 'f.i.sh', 'fish', 'ф.и.ш', 'фиш', 'full name', 'name', 'ism sharif', 'исм шариф', 'to‘liq ism', 'полное имя'],
  lastName: ['familiya', 'фамилия', 'фамилияси', 'last name', 'surname', 'familiyasi'],
  firstName: ['ism', 'исм', 'имя', 'first name', 'given name', 'ismi'],
  patronymic: ['otasining ismi', 'отасининг исми', 'отчество', 'patronymic', 'sharif', 'шариф', 'middle name'],
  birthDate: ['tug‘ilgan sana', "tug'ilgan sana", 'tugilgan sana', 'туғилган сана', 'дата рождения', 'birth date', 'date of birth', 'birthday', 'tug‘ilgan', 'туғилган', 'рождения', 'dob'],
  sex: ['jinsi', 'jins', 'жинси', 'жинс', 'пол', 'sex', 'gender'],
  pinfl: ['pinfl', 'пинфл', 'jshshir', 'жшшир', 'jshshr'],
  phone: ['telefon', 'телефон', 'phone', 'tel', 'тел', 'mobile'],
  documentNumber: ['pasport', 'паспорт', 'passport', 'hujjat', 'ҳужжат', 'документ', 'document'],
  mahalla: ['mahalla', 'маҳалла', 'махалля', 'махалла', 'mahallа'],
  street: ['manzil', 'манзил', 'адрес', 'address', "ko'cha", 'ko‘cha', 'кўча', 'улица', 'street'],
  remarks: ['izoh', 'изоҳ', 'примечание', 'remarks', 'notes', 'comment', 'комментарий'],
};

const normalizeHeader = (text: string) =>
  text
    .toLowerCase()
    .replace(/[ʻʼ’`]/g, '‘')
    .replace(/[_\s]+/g, ' ')
    .trim();

/**
 * A first guess of the mapping from the header row: an exact hint wins over a hint the header
 * starts with; each column serves one field. Separate last and first name columns beat a full
 * name column.
 *
 * @example guessImportMapping(['№', 'Фамилия', 'Имя', 'Дата рождения']) // { lastName: 1, firstName: 2, birthDate: 3 }
 */
export function guessImportMapping(headers: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<number>();
  const normalized = headers.map(normalizeHeader);
  for (const pass of ['exact', 'prefix'] as const) {
    for (const field of IMPORT_FIELDS) {
      if (mapping[field] !== undefined) continue;
      const hints = HEADER_HINTS[field].map(normalizeHeader);
      const index = normalized.findIndex(
        (header, i) => !used.has(i) && header !== '' && hints.some((hint) => (pass === 'exact' ? header === hint : header.startsWith(hint))),
      );
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
      }
    }
  }
  if (mapping.lastName !== undefined && mapping.firstName !== undefined) delete mapping.fullName;
  return mapping;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** A birth date cell as read: an exact date, only a year, or something that is neither. */
export type ParsedBirth = { readonly birthDate: string } | { readonly estimatedBirthYear: number } | { readonly invalid: true } | null;

/**
 * Reads a date as people and Excel write it: `dd.mm.yyyy` (also with `/` or `-`, one-digit day
 * or month), ISO `yyyy-mm-dd`, an Excel serial day number (1900 system), or a bare year (kept as
 * the estimated year of birth).
 *
 * @example parseImportDate('15.03.1985') // { birthDate: '1985-03-15' }
 * @example parseImportDate(31121) // { birthDate: '1985-03-15' }
 */
export function parseImportDate(cell: ImportCell): ParsedBirth {
  if (cell === null) return null;
  if (typeof cell === 'number') {
    if (Number.isInteger(cell) && cell >= 1900 && cell <= 2200) return { estimatedBirthYear: cell };
    if (cell < 60 || cell > 109_575) return { invalid: true };
    const date = new Date(EXCEL_EPOCH_MS + Math.floor(cell) * DAY_MS);
    return { birthDate: date.toISOString().slice(0, 10) };
  }
  const text = cell.trim();
  if (text === '') return null;
  const dayFirst = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:\s.*)?$/.exec(text);
  const isoFirst = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s].*)?$/.exec(text);
  if (dayFirst !== null || isoFirst !== null) {
    const [year, month, day] = dayFirst !== null ? [dayFirst[3], dayFirst[2], dayFirst[1]] : [isoFirst?.[1], isoFirst?.[2], isoFirst?.[3]];
    const date = isoDate(Number(year), Number(month), Number(day));
    return date === null ? { invalid: true } : { birthDate: date };
  }
  if (/^\d{4}$/.test(text)) return { estimatedBirthYear: Number(text) };
  if (/^\d{5}(\.\d+)?$/.test(text)) return parseImportDate(Number(text));
  return { invalid: true };
}

const MALE = ['m', 'м', 'e', 'э', 'erkak', 'эркак', 'муж', 'мужской', 'мужчина', 'male', 'man', '1', 'erk', 'эрк'];
const FEMALE = ['f', 'ж', 'a', 'а', 'ayol', 'аёл', 'жен', 'женский', 'женщина', 'female', 'woman', '2', 'ay', 'аё'];

/**
 * Sex as lists write it, in any of the four languages, or null when it is not one of them.
 *
 * @example parseImportSex('Аёл') // 'female'
 */
export function parseImportSex(cell: ImportCell): 'male' | 'female' | null {
  if (cell === null) return null;
  const text = String(cell).trim().toLowerCase().replace(/\.$/, '');
  if (MALE.includes(text)) return 'male';
  if (FEMALE.includes(text)) return 'female';
  return null;
}

const cellText = (cell: ImportCell | undefined): string => (cell === null || cell === undefined ? '' : String(cell).trim());

/** Whether a row holds nothing at all. */
export function isBlankImportRow(cells: readonly ImportCell[]): boolean {
  return cells.every((cell) => cellText(cell) === '');
}

/**
 * The registration form's input for one row, before the form's own schema judges it, or the
 * reason it cannot even be that (no name; a date that is no date). A full-name column is split
 * as lists write it: last name, first name, then the patronymic (with its oʻgʻli / qizi).
 *
 * @example importRowToInput(['Каримов', 'Алишер', '15.03.1985', 'М'], { lastName: 0, firstName: 1, birthDate: 2, sex: 3 })
 */
export function importRowToInput(
  cells: readonly ImportCell[],
  mapping: ImportMapping,
): { readonly input: Record<string, unknown> } | { readonly refusal: { readonly reason: ImportRefusalReason; readonly field: string | null; readonly detail: string | null } } {
  const at = (field: ImportField): ImportCell => {
    const index = mapping[field];
    if (index === undefined) return null;
    const cell = cells[index];
    return cell === undefined ? null : cell;
  };
  let lastName = cellText(at('lastName'));
  let firstName = cellText(at('firstName'));
  let patronymic = cellText(at('patronymic'));
  if (lastName === '' && firstName === '' && mapping.fullName !== undefined) {
    const words = cellText(at('fullName')).split(/\s+/).filter((word) => word !== '');
    lastName = words[0] ?? '';
    firstName = words[1] ?? '';
    if (patronymic === '') patronymic = words.slice(2).join(' ');
  }
  if (lastName === '' || firstName === '') return { refusal: { reason: 'missingName', field: lastName === '' ? 'lastName' : 'firstName', detail: null } };
  const birth = parseImportDate(at('birthDate'));
  if (birth !== null && 'invalid' in birth) return { refusal: { reason: 'invalidField', field: 'birthDate', detail: 'invalid_date' } };
  const sexCell = at('sex');
  const sex = parseImportSex(sexCell);
  if (sex === null) return { refusal: { reason: 'invalidField', field: 'sex', detail: cellText(sexCell) === '' ? 'missing' : 'invalid_value' } };
  const documentNumber = cellText(at('documentNumber'));
  return {
    input: {
      lastName,
      firstName,
      patronymic,
      birthDate: birth !== null && 'birthDate' in birth ? birth.birthDate : null,
      estimatedBirthYear: birth !== null && 'estimatedBirthYear' in birth ? birth.estimatedBirthYear : null,
      sex,
      // A PINFL read as a number loses nothing (14 digits fit a double); text keeps its spaces for the schema to clean.
      pinfl: cellText(at('pinfl')),
      phone: cellText(at('phone')),
      identityDocument: documentNumber === '' ? null : { type: /^[A-Za-z]{2}\s?\d{7}$/.test(documentNumber) ? 'passport' : 'other', number: documentNumber.replace(/\s/g, '') },
      address: { regionCode: null, districtCode: null, mahalla: cellText(at('mahalla')), street: cellText(at('street')) },
      remarks: cellText(at('remarks')),
    },
  };
}

/** The CSV comment prefix the import reader skips: an export's own lines (its audit chain head), never a client's. */
export const EXPORT_COMMENT_PREFIX = '#inson-';

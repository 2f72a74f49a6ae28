import { listRegions } from '../uz/regions';
import { makePinfl } from '../uz/pinfl';
import { toCyrillic } from '../uz/transliterate';
import type { RegisterClientInput } from './clients.schema';
import { FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES, SURNAMES } from './clients.seed-names';

/**
 * Synthetic clients for the seed command and the benchmark: Uzbek names in the official Latin
 * alphabet, in Uzbek Cyrillic, and in the Russian-style spellings older documents carry (Latin
 * "Djuraev Shukhrat", Cyrillic "Джураев Шухрат"); valid PINFLs; addresses in every region;
 * ages and categories in plausible proportions. Deterministic for a given random source.
 */

/** A small, fast, seedable random source (mulberry32): the same seed gives the same center. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type NameScript = 'uzLatin' | 'uzCyrillic' | 'ruLatin' | 'ruCyrillic';

const pick = <T>(random: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
};

const VOWELS = /[aeiouoʻ]$/i;

/**
 * A Russian-style Latin spelling of an Uzbek Latin name, as Soviet-era and Russian documents wrote
 * them: oʻ → u, gʻ → g, q → k, x and h → kh, j → dj (or zh), "yev" → "ev".
 *
 * @example russianLatin('Joʻrayev', () => 0) // 'Djuraev'
 */
export function russianLatin(name: string, random: () => number): string {
  const j = random() < 0.7 ? 'dj' : 'zh';
  return name
    .replace(/[oO]ʻ/g, (m) => (m.startsWith('O') ? 'U' : 'u'))
    .replace(/([gG])ʻ/g, '$1')
    .replace(/ʼ/g, '')
    .replace(/q/g, 'k')
    .replace(/Q/g, 'K')
    .replace(/x|(?<![sScC])h/g, 'kh')
    .replace(/X|(?<![sScC])H/g, 'Kh')
    .replace(/j/g, j)
    .replace(/^J/, j.charAt(0).toUpperCase() + j.slice(1))
    .replace(/([aeiou])yev/g, '$1ev');
}

/**
 * A Russian-style Cyrillic spelling: Uzbek Cyrillic without ў, қ, ғ, ҳ (у, к, г, х), and ж as дж.
 *
 * @example russianCyrillic('Joʻrayev') // 'Джураев'
 */
export function russianCyrillic(name: string): string {
  return toCyrillic(name)
    .replace(/ў/g, 'у')
    .replace(/Ў/g, 'У')
    .replace(/қ/g, 'к')
    .replace(/Қ/g, 'К')
    .replace(/ғ/g, 'г')
    .replace(/Ғ/g, 'Г')
    .replace(/ҳ/g, 'х')
    .replace(/Ҳ/g, 'Х')
    .replace(/^Ж/, 'Дж')
    .replace(/йе/g, 'е');
}

function inScript(name: string, script: NameScript, random: () => number): string {
  switch (script) {
    case 'uzLatin':
      return name;
    case 'uzCyrillic':
      return toCyrillic(name);
    case 'ruLatin':
      return russianLatin(name, random);
    case 'ruCyrillic':
      return russianCyrillic(name);
  }
}

function patronymicOf(father: string, sex: 'male' | 'female', script: NameScript, random: () => number): string {
  // New passports write "Shuxrat oʻgʻli" / "qizi"; older and Russian-style ones "Shuxratovich".
  if (script.startsWith('uz') && random() < 0.6) return inScript(`${father} ${sex === 'male' ? 'oʻgʻli' : 'qizi'}`, script, random);
  const stem = VOWELS.test(father) ? `${father}yev` : `${father}ov`;
  return inScript(`${stem}${sex === 'male' ? 'ich' : 'na'}`, script, random);
}

const MAHALLAS = ['Navbahor', 'Guliston', 'Tinchlik', 'Mustaqillik', 'Bogʻishamol', 'Yangiobod', 'Oqtepa', 'Doʻstlik', 'Istiqlol', 'Bunyodkor'];
const STREETS = ['Amir Temur', 'Navoiy', 'Bobur', 'Ulugʻbek', 'Fargʻona yoʻli', 'Beruniy', 'Gulbahor', 'Chilonzor', 'Paxtakor', 'Mirzo Ulugʻbek'];
const REMARKS = ['Qoʻngʻiroq qilishdan oldin SMS yuboring', 'Ikkinchi qavatda yashaydi', 'Nogironlik aravachasida', 'Tarjimon kerak (rus tili)', 'Ertalab uyda boʻladi'];
const MOBILE_CODES = ['90', '91', '93', '94', '95', '97', '98', '99', '33', '88', '77'];

const REGIONS = listRegions();

export interface SyntheticClient {
  readonly input: RegisterClientInput;
  readonly script: NameScript;
  /** The name in the official Latin alphabet, whatever script `input` uses (for building queries). */
  readonly latin: { readonly lastName: string; readonly firstName: string };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * One synthetic client. `serial` (0–999,999, unique per client) makes the PINFL unique.
 *
 * @example const { input } = syntheticClient(createRandom(1), 42, '2026-11-25');
 */
export function syntheticClient(random: () => number, serial: number, today: string): SyntheticClient {
  const sex = random() < 0.52 ? 'female' : 'male';
  const first = pick(random, sex === 'male' ? MALE_GIVEN_NAMES : FEMALE_GIVEN_NAMES);
  const last = `${pick(random, SURNAMES)}${sex === 'female' ? 'a' : ''}`;
  const father = pick(random, MALE_GIVEN_NAMES);
  const roll = random();
  const script: NameScript = roll < 0.45 ? 'uzLatin' : roll < 0.75 ? 'uzCyrillic' : roll < 0.9 ? 'ruCyrillic' : 'ruLatin';

  const todayYear = Number(today.slice(0, 4));
  const band = random();
  // Older people, children and youth are the centers' main groups.
  const age = band < 0.2 ? Math.floor(random() * 15) : band < 0.4 ? 15 + Math.floor(random() * 10) : band < 0.7 ? 25 + Math.floor(random() * 35) : 60 + Math.floor(random() * 35);
  const year = todayYear - age - 1;
  const birthDate = isoDate(year, 1 + Math.floor(random() * 12), 1 + Math.floor(random() * 28));
  const isEstimated = age >= 60 && random() < 0.08;

  const region = pick(random, REGIONS);
  const district = pick(random, region.districts);
  const hasDisability = random() < 0.12;
  const categories: NonNullable<RegisterClientInput['categories']> = [];
  if (age < 18) categories.push('child');
  if (hasDisability) categories.push('personWithDisability');
  if (sex === 'female' && age >= 16 && random() < 0.08) categories.push('survivorOfViolence');
  if (random() < 0.15) categories.push('lowIncomeRegister');
  const disabilityGroup = hasDisability ? (age < 18 ? 'child' : pick(random, ['I', 'II', 'III'] as const)) : null;

  const input: RegisterClientInput = {
    lastName: inScript(last, script, random),
    firstName: inScript(first, script, random),
    patronymic: random() < 0.9 ? patronymicOf(father, sex, script, random) : null,
    birthDate: isEstimated ? null : birthDate,
    estimatedBirthYear: isEstimated ? year : null,
    sex,
    pinfl: !isEstimated && random() < 0.85 ? makePinfl(sex, birthDate, serial % 1_000_000) : null,
    identityDocument: random() < 0.7 ? { type: age < 16 ? 'birthCertificate' : 'idCard', number: `A${String.fromCharCode(65 + Math.floor(random() * 26))}${String(serial).padStart(7, '0')}` } : null,
    phone: random() < 0.7 ? `+998${pick(random, MOBILE_CODES)}${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}` : null,
    address: {
      regionCode: region.code,
      districtCode: district.code,
      mahalla: `${pick(random, MAHALLAS)} MFY`,
      street: `${pick(random, STREETS)} koʻchasi, ${1 + Math.floor(random() * 120)}-uy`,
    },
    categories,
    disabilityGroup,
    languages: random() < 0.3 ? ['uz', 'ru'] : ['uz'],
    remarks: random() < 0.1 ? pick(random, REMARKS) : null,
  };
  return { input, script, latin: { lastName: last, firstName: first } };
}

/**
 * Passwords people pick first, checked case-insensitively. Not a breach corpus (that would be
 * megabytes): the common words, keyboard walks and digit runs a center's staff are likely to try,
 * in Uzbek (Latin and Cyrillic), Russian (typed on either keyboard layout) and English, each with
 * the suffixes people add to reach a minimum length. A few hundred entries in all.
 */
const BASE_WORDS: readonly string[] = [
  // English and international favourites
  'password', 'passw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'zxcvbnm', 'iloveyou', 'welcome',
  'admin', 'administrator', 'letmein', 'monkey', 'dragon', 'football', 'sunshine', 'princess', 'master', 'secret',
  'abc', 'abcdef', 'abcdefgh', 'qazwsx', 'zaq12wsx', '1q2w3e4r', '1q2w3e4r5t', '1qaz2wsx', 'qweasd', 'qweasdzxc',
  // Uzbek (Latin script)
  'parol', 'parolim', 'mening parolim', 'salom', 'assalomu alaykum', 'uzbekistan', 'ozbekiston', "o'zbekiston",
  'toshkent', 'tashkent', 'samarqand', 'samarkand', 'buxoro', 'andijon', 'fargona', 'namangan', 'vatan', 'inson',
  'markaz', 'hamshira', 'xodim', 'admin markaz', 'onajonim', 'dadajonim', 'sevgi', 'baxt', 'allah', 'allohu akbar',
  // Uzbek and Russian in Cyrillic
  'пароль', 'парол', 'салом', 'привет', 'йцукен', 'йцукенгшщзхъ', 'фывапролдж', 'ячсмить', 'любовь', 'ташкент', 'узбекистан',
  // Russian words typed on the Latin layout (the keyboard left in the wrong language)
  'gfhjkm', 'ghbdtn', 'ntcn', 'kexifz', 'ktyf', 'yfnfif', 'vfrcbv', 'fylhtq', 'lehfr', 'cjkysirj',
];

const SUFFIXES: readonly string[] = ['', '1', '12', '123', '1234', '12345', '123456', '!', '2024', '2025', '2026', '@123'];

/** Keyboard walks and runs long enough to pass a 10-character minimum on their own. */
const RUNS: readonly string[] = [
  '1234567890', '0123456789', '0987654321', '9876543210', '12345678910', '123456789a', 'a123456789',
  '1111111111', '0000000000', '1212121212', '1231231231', '123123123123', '1122334455', '1234512345',
  '123456123456', '0102030405', '5555555555', '7777777777', '9999999999', '1029384756', '147258369147',
  'qwerty123456', 'qwertyuiop123', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'q1w2e3r4t5y6', 'zaq1xsw2cde3', '!qaz2wsx',
  'qwertyqwerty', 'asdasdasdasd', 'qweqweqweqwe', 'aaaaaaaaaa', 'abcabcabcabc', 'abcd123456', 'abc1234567',
  '1234qwer', '1234qwerasdf', 'qwer1234asdf', 'йцукен123456', 'йцукенгшщз', '998901234567', '998901112233',
];

function buildList(): ReadonlySet<string> {
  const list = new Set<string>(RUNS);
  for (const word of BASE_WORDS) {
    for (const suffix of SUFFIXES) {
      list.add(`${word}${suffix}`);
      list.add(`${word.replace(/\s+/g, '')}${suffix}`);
    }
  }
  return list;
}

const COMMON_PASSWORDS = buildList();

/** Size of the list, for the tests (and for anyone wondering how big "a few hundred" is). */
export const COMMON_PASSWORD_COUNT = COMMON_PASSWORDS.size;

/**
 * @example isCommonPassword('Parol12345') // true
 */
export function isCommonPassword(candidate: string): boolean {
  const folded = candidate.normalize('NFC').toLowerCase();
  return COMMON_PASSWORDS.has(folded) || COMMON_PASSWORDS.has(folded.replace(/\s+/g, ''));
}

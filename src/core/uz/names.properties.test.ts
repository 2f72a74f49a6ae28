import { describe, expect, it } from 'vitest';
import { looseMatchKey, nameMatchKey, toCyrillic, toLatin } from './names';

/** Common Uzbek given names, surnames and patronymics as written in Uzbek Cyrillic. */
const UZBEK_CYRILLIC = [
  'Шухрат', 'Жўраев', 'Ўткир', 'Ғайрат', 'Хуршида', 'Қаҳрамон', 'Бахтиёр', 'Нодира', 'Шаҳноза', 'Дилшод', 'Жасур',
  'Равшан', 'Зулфия', 'Муҳаббат', 'Ўғилой', 'Тўлқин', 'Ҳамид', 'Аҳмедов', 'Раҳматуллаев', 'Ғофуров', 'Жўрақулов',
  'Хўжаев', 'Содиқхон', 'Исҳоқ', 'Маъмура', 'Неъматов', 'Ёқубов', 'Юлдашева', 'Йўлдошев', 'Зиёда', 'Ойбек',
  'Гулчеҳра', 'Абдуғаффор', 'Қодирова', 'Эшматов', 'Исмоилов', 'Саидов', 'Сайфуллаев', 'Усмонов', 'Ҳасанов',
  'Тожибоев', 'Бобоев', 'Нурматов', 'Шерзод', 'Мавлуда', 'Феруза', 'Севара', 'Мадина', 'Лобар', 'Камола',
  'Зарина', 'Умида', 'Гулнора', 'Дилноза', 'Мафтуна', 'Сардор', 'Санжар', 'Жамшид', 'Бобур', 'Азиз', 'Акмал',
  'Улуғбек', 'Отабек', 'Элёр', 'Ёдгор', 'Фаррух', 'Баҳодир', 'Рустам', 'Собир', 'Анвар', 'Олимжон', 'Мирзаев',
  'Каримова', 'Раҳимов', 'Тошматов', 'Эргашев', 'Худойбердиев', 'Абдуллаева', 'Мўминов', 'Қўчқоров',
  'Тўхтаев', 'Бўриев', 'Нўъмонов', 'Ўроқов', 'Ғуломов', 'Шукуров', 'Алиев', 'Валиева', 'Юсупов', 'Қурбонов',
  'Олимович', 'Шухратовна', 'Баҳодировна', 'Ўктамович', 'Эркинович', 'Ҳабибуллаевна',
];

/** Official Uzbek Latin spelling, then spellings seen on Russian-language documents and in Russian Latin. */
const RUSSIAN_STYLE: readonly (readonly string[])[] = [
  ['Oʻtkir', 'Уткир', 'Utkir'],
  ['Gʻayrat', 'Гайрат', 'Gayrat'],
  ['Xurshida', 'Хуршида', 'Khurshida'],
  ['Qahramon', 'Кахрамон', 'Kakhramon', 'Кахраман'],
  ['Baxtiyor', 'Бахтиёр', 'Бахтияр', 'Bakhtiyor', 'Bakhtiyar'],
  ['Shahnoza', 'Шахноза', 'Shakhnoza'],
  ['Dilshod', 'Дильшод', 'Дилшад'],
  ['Jasur', 'Жасур', 'Джасур', 'Djasur', 'Zhasur'],
  ['Zulfiya', 'Зульфия', 'Zulfia'],
  ['Muhabbat', 'Мухаббат', 'Mukhabbat'],
  ['Oʻgʻiloy', 'Угилой', 'Ugiloy'],
  ['Toʻlqin', 'Тулкин', 'Tulkin'],
  ['Ahmedov', 'Ахмедов', 'Akhmedov'],
  ['Rahmatullayev', 'Рахматуллаев', 'Rakhmatullaev'],
  ['Gʻofurov', 'Гафуров', 'Gafurov'],
  ['Joʻraqulov', 'Джуракулов', 'Djurakulov', 'Журакулов'],
  ['Xoʻjayev', 'Ходжаев', 'Khodjaev', 'Хужаев', 'Xodjayev'],
  ['Sodiqxon', 'Содикхон', 'Sodikkhon', 'Садыкхан'],
  ['Yoqubov', 'Якубов', 'Yakubov'],
  ['Yoʻldosheva', 'Юлдашева', 'Yuldasheva'],
  ['Ziyoda', 'Зияда', 'Ziyada'],
  ['Oybek', 'Айбек', 'Aybek'],
  ['Abdugʻaffor', 'Абдугаффар', 'Abdugaffar'],
  ['Qodirova', 'Кадырова', 'Kadyrova'],
  ['Ismoilov', 'Исмаилов', 'Ismailov'],
  ['Usmonov', 'Усманов', 'Usmanov'],
  ['Hasanov', 'Хасанов', 'Khasanov'],
  ['Tojiboyev', 'Таджибаев', 'Tadjibaev'],
  ['Boboyev', 'Бабаев', 'Babaev'],
  ['Alijon', 'Алиджан', 'Alidjan'],
  ['Neʼmatov', 'Нематов', 'Nematov'],
  ['Ulugʻbek', 'Улугбек', 'Ulugbek'],
  ['Gʻulomov', 'Гулямов', 'Gulyamov'],
  ['Qurbonov', 'Курбанов', 'Kurbanov'],
  ['Shukurov', 'Шукуров', 'Shukurov'],
  ['Xudoyberdiyev', 'Худойбердиев', 'Khudoyberdiev'],
];

describe('a name in Uzbek Cyrillic and in Uzbek Latin', () => {
  it.each(UZBEK_CYRILLIC)('%s gives the same keys in both scripts', (cyrillic) => {
    const latin = toLatin(cyrillic);
    expect(nameMatchKey(latin)).toBe(nameMatchKey(cyrillic));
    expect(looseMatchKey(latin)).toBe(looseMatchKey(cyrillic));
  });

  // Latin writes ўъ and ғъ as plain oʻ and gʻ (Нўъмонов → Noʻmonov): that ъ cannot come back.
  it.each(UZBEK_CYRILLIC)('%s survives Cyrillic → Latin → Cyrillic (but for ъ after ў, ғ)', (cyrillic) => {
    expect(toCyrillic(toLatin(cyrillic))).toBe(cyrillic.replace(/([ўғЎҒ])[ъЪ]/gu, '$1'));
  });
});

describe('Russian-style spellings', () => {
  it.each(RUSSIAN_STYLE.map((group) => [group[0] ?? '', group] as const))('%s: every spelling has the same loose key', (_name, group) => {
    const keys = group.map((spelling) => looseMatchKey(spelling));
    expect(new Set(keys).size, `${group.join(', ')} → ${keys.join(', ')}`).toBe(1);
  });
});

describe('keys are stable under refolding', () => {
  const samples = [
    ...UZBEK_CYRILLIC,
    ...RUSSIAN_STYLE.flat(),
    'Shuxrat Joʻrayev', 'Ayye', 'kkhx', 'ddjj', 'Tsshch', 'yyeye', 'Qxqx', 'Iyya', 'Oyo', 'xoʻjiyya',
  ];

  // Random words over the letters the folds look at, to hit combinations no list thinks of.
  let seed = 12_345;
  const rand = (n: number): number => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed % n;
  };
  const alphabet = 'adehijkoqstuwxyzcg';
  for (let i = 0; i < 3000; i += 1) {
    samples.push(Array.from({ length: 1 + rand(10) }, () => alphabet.charAt(rand(alphabet.length))).join(''));
  }

  it('nameMatchKey(nameMatchKey(x)) = nameMatchKey(x), and the loose key follows from the strict one', () => {
    for (const sample of samples) {
      const strict = nameMatchKey(sample);
      const loose = looseMatchKey(sample);
      expect(nameMatchKey(strict), sample).toBe(strict);
      expect(looseMatchKey(strict), sample).toBe(loose);
      expect(looseMatchKey(loose), sample).toBe(loose);
    }
  });
});

describe('the fold memo', () => {
  it('gives the same keys before and after it fills up and is cleared', () => {
    const names = ['Shuxrat Joʻrayev', 'Шухрат Жўраев', 'Sodiqxon', 'Ходжаев', 'Gʻulomova Dilnoza'];
    const before = names.map((n) => [nameMatchKey(n), looseMatchKey(n)]);
    for (let i = 0; i < 60_000; i += 1) nameMatchKey(`w${i.toString(36)}`);
    const after = names.map((n) => [nameMatchKey(n), looseMatchKey(n)]);
    expect(after).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { nameInScript, readerNameScript, scriptOfLanguage } from './reader-script.policy';

const OKINA = '\u02BB';
const TUTUQ = '\u02BC';

describe('names in the reader\'s script', () => {
  it('reads Uzbek Latin and English in Latin, Uzbek Cyrillic and Russian in Cyrillic', () => {
    expect(scriptOfLanguage('uz-Latn')).toBe('latin');
    expect(scriptOfLanguage('en')).toBe('latin');
    expect(scriptOfLanguage('uz-Cyrl')).toBe('cyrillic');
    expect(scriptOfLanguage('ru')).toBe('cyrillic');
  });

  it('shows names as typed while the preference is off, whatever the language', () => {
    for (const language of ['uz-Latn', 'uz-Cyrl', 'ru', 'en']) {
      expect(readerNameScript(language, false)).toBeNull();
      expect(nameInScript('Жўраев Шухрат', readerNameScript(language, false))).toBe('Жўраев Шухрат');
      expect(nameInScript("Jo'rayev Shuxrat", readerNameScript(language, false))).toBe("Jo'rayev Shuxrat");
    }
    expect(readerNameScript('uz-Latn', true)).toBe('latin');
    expect(readerNameScript('ru', true)).toBe('cyrillic');
  });

  it('shows a Cyrillic-typed name in Latin, with ʻ (U+02BB) in oʻ and gʻ and ʼ (U+02BC) for the tutuq', () => {
    expect(nameInScript('Жўраев Шухрат Акмалович', 'latin')).toBe(`Jo${OKINA}rayev Shuxrat Akmalovich`);
    expect(nameInScript('Ғофуров Тўлқин', 'latin')).toBe(`G${OKINA}ofurov To${OKINA}lqin`);
    expect(nameInScript('Маъмурова Мўътабар', 'latin')).toBe(`Ma${TUTUQ}murova Mo${OKINA}tabar`);
    expect(nameInScript('Исҳоқов Ёқубжон', 'latin')).toBe(`Is${TUTUQ}hoqov Yoqubjon`);
    // Russian-spelled Cyrillic names come out readable too.
    expect(nameInScript('Щукина Наталья', 'latin')).toBe('Shukina Natalya');
    expect(nameInScript('ЖЎРАЕВ', 'latin')).toBe(`JO${OKINA}RAYEV`);
  });

  it('shows a Latin-typed name in Cyrillic, whichever apostrophe was typed', () => {
    expect(nameInScript(`Jo${OKINA}rayev Shuxrat`, 'cyrillic')).toBe('Жўраев Шухрат');
    expect(nameInScript("Jo'rayev Shuxrat", 'cyrillic')).toBe('Жўраев Шухрат');
    expect(nameInScript(`G${OKINA}ofurov To${OKINA}lqin`, 'cyrillic')).toBe('Ғофуров Тўлқин');
    expect(nameInScript(`Ma${TUTUQ}murova`, 'cyrillic')).toBe('Маъмурова');
    expect(nameInScript(`Yo${OKINA}ldosh Ergashev`, 'cyrillic')).toBe('Йўлдош Эргашев');
    // The tutuq typed after o is ъ, not the ʻ of ў.
    expect(nameInScript(`Mo${TUTUQ}min`, 'cyrillic')).toBe('Моъмин');
  });

  it('converts a mixed name word by word and leaves words already in the reader\'s script exactly as typed', () => {
    expect(nameInScript("Иванова Aziza Jo'rayevna", 'latin')).toBe("Ivanova Aziza Jo'rayevna");
    expect(nameInScript(`Иванова Aziza To${OKINA}xtayevna`, 'cyrillic')).toBe('Иванова Азиза Тўхтаевна');
    // A word typed with one Latin letter on a Cyrillic keyboard layout comes out whole.
    expect(nameInScript('Aзиз', 'latin')).toBe('Aziz');
    expect(nameInScript('Kаримов', 'cyrillic')).toBe('Каримов');
    expect(nameInScript('Abdulla-Xo\u02BBja  Karimov', 'latin')).toBe('Abdulla-Xo\u02BBja  Karimov');
    expect(nameInScript('', 'latin')).toBe('');
  });

  it('goes there and back for ordinary Uzbek names', () => {
    for (const name of ['Жўраев Шухрат', 'Ғофурова Гўзал', 'Тошматов Ўткир', 'Қодирова Ҳилола', 'Маъмуров Аъзам']) {
      expect(nameInScript(nameInScript(name, 'latin'), 'cyrillic')).toBe(name);
    }
  });
});

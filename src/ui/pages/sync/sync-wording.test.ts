import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import enSync from '../../../../resources/locales/en/sync.json';
import ruSync from '../../../../resources/locales/ru/sync.json';
import { alertText, clockOffsetText, fingerprintGroups, reasonText, whenText } from './sync-wording';

async function translator(language: 'en' | 'ru') {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { en: { sync: enSync }, ru: { sync: ruSync } }, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('the upload in words', () => {
  it('says how far the clocks are apart only past a minute, in the right plural', async () => {
    const t = await translator('en');
    expect(clockOffsetText(t, null)).toBeNull();
    expect(clockOffsetText(t, 45_000)).toBeNull();
    expect(clockOffsetText(t, 3 * 86_400_000)).toBe("The registry's clock is 3 days ahead of this computer. Check the date and time of this computer.");
    expect(clockOffsetText(t, -2 * 3_600_000)).toMatch(/^The registry's clock is 2 hours behind/);
    const ru = await translator('ru');
    expect(clockOffsetText(ru, 5 * 60_000)).toMatch(/на 5 минут\./);
    expect(clockOffsetText(ru, 86_400_000)).toMatch(/на 1 день\./);
  });

  it('turns the reasons the core and the registry give into sentences, quoting what it does not know', async () => {
    const t = await translator('en');
    expect(reasonText(t, 'notRegistryAnswer')).toMatch(/login page of a Wi-Fi network/);
    expect(reasonText(t, 'http503')).toMatch(/busy or under maintenance/);
    expect(reasonText(t, 'http502')).toBe('The registry answered with error 502. It will be tried again.');
    expect(reasonText(t, 'unknownField:note')).toBe('The record carries a field the registry does not accept: note.');
    expect(reasonText(t, 'somethingNew')).toBe('Reason given by the registry: somethingNew');
    expect(alertText(t, 'batchRefused:7:badSignature')).toBe('The registry refused batch No. 7 for good and it will not be sent again. Reason: The batch\'s signature did not verify at the registry.');
  });

  it('groups a fingerprint by four, whatever spacing it came with', () => {
    expect(fingerprintGroups('ccaa 87644d41 D952')).toEqual(['CCAA', '8764', '4D41', 'D952']);
  });

  it('gives a moment relative and absolute, in Uzbek as people say it', () => {
    const now = new Date('2026-12-04T10:00:30');
    expect(whenText('2026-12-04T10:00:00', 'uz-Latn', now)).toBe('bir necha soniya oldin (04.12.2026 10:00)');
    expect(whenText('2026-12-04T10:05:30', 'uz-Cyrl', now)).toBe('5 дақиқа ичида (04.12.2026 10:05)');
    expect(whenText('2026-12-01T10:00:30', 'ru', now)).toBe('3 дня назад (01.12.2026 10:00)');
  });
});

import type { RiskInstrument } from '../counseling.schema';

/**
 * INSON risk screen, version 1: the default risk instrument. DATA ONLY: the scoring code
 * (`risk-instrument.ts`) reads any instrument of this shape; a new version is a new file, and an
 * assessment stores the id and version it was scored with, so old scores keep their meaning.
 *
 * Source and licence: an item set of our own, written for INSON Center by its developers. The
 * questions ask about risk factors for serious harm in intimate-partner and family violence that
 * public health and social-work guidance commonly describes (strangulation, threats to kill,
 * weapons, escalation, separation, pregnancy, children harmed, the client's own suicidal
 * thoughts, her fear for her life). No question text, weight or band is copied from any published
 * instrument; in particular this is not the Danger Assessment (Campbell), DASH or B-SAFER, whose
 * use or scoring needs a licence or training we do not have. It is distributed under the same
 * terms as the rest of this repository. The weights and bands are a screening aid that has NOT
 * been validated: they order follow-up, they do not diagnose, and the psychologist's judgement
 * (the session's own risk rating) stands beside them. See ./README.md.
 */
export const INSON_RISK_SCREEN_V1: RiskInstrument = {
  id: 'inson.riskScreen',
  version: 1,
  name: { 'uz-Latn': 'INSON xavf skriningi', 'uz-Cyrl': 'INSON хавф скрининги', ru: 'Скрининг риска INSON', en: 'INSON risk screen' },
  bands: [
    { level: 'low', minScore: 0 },
    { level: 'medium', minScore: 4 },
    { level: 'high', minScore: 8 },
    { level: 'severe', minScore: 14 },
  ],
  items: [
    {
      id: 'recentPhysicalViolence',
      text: { 'uz-Latn': 'Oxirgi oyda jismoniy zoʻravonlik boʻldimi?', 'uz-Cyrl': 'Охирги ойда жисмоний зўравонлик бўлдими?', ru: 'Было ли физическое насилие за последний месяц?', en: 'Was there physical violence in the past month?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'once', weight: 2, text: { 'uz-Latn': 'Bir marta', 'uz-Cyrl': 'Бир марта', ru: 'Один раз', en: 'Once' } },
        { id: 'repeatedly', weight: 3, text: { 'uz-Latn': 'Bir necha marta', 'uz-Cyrl': 'Бир неча марта', ru: 'Несколько раз', en: 'Repeatedly' } },
      ],
    },
    {
      id: 'escalation',
      text: { 'uz-Latn': 'Zoʻravonlik soʻnggi paytda tez-tez yoki ogʻirroq boʻlib qoldimi?', 'uz-Cyrl': 'Зўравонлик сўнгги пайтда тез-тез ёки оғирроқ бўлиб қолдими?', ru: 'Стало ли насилие в последнее время чаще или тяжелее?', en: 'Has the violence become more frequent or more severe lately?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 2, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'strangulation',
      text: { 'uz-Latn': 'Uni hech boʻgʻishga urinishganmi?', 'uz-Cyrl': 'Уни ҳеч бўғишга уринишганми?', ru: 'Пытались ли её когда-нибудь душить?', en: 'Has anyone ever tried to choke or strangle her?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 4, minimumLevel: 'high', text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'threatsToKill',
      text: { 'uz-Latn': 'Uni yoki bolalarni oʻldirish bilan qoʻrqitishganmi?', 'uz-Cyrl': 'Уни ёки болаларни ўлдириш билан қўрқитишганми?', ru: 'Угрожали ли убить её или детей?', en: 'Has she or have the children been threatened with death?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 3, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'weapon',
      text: { 'uz-Latn': 'Qurol yoki pichoq bilan qoʻrqitishganmi, yoki zoʻravonda qurol bormi?', 'uz-Cyrl': 'Қурол ёки пичоқ билан қўрқитишганми, ёки зўравонда қурол борми?', ru: 'Угрожали ли оружием или ножом, есть ли у обидчика оружие?', en: 'Has a weapon or knife been used or threatened, or does the abuser have one?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'hasAccess', weight: 2, text: { 'uz-Latn': 'Qurol bor', 'uz-Cyrl': 'Қурол бор', ru: 'Оружие есть', en: 'Has access to one' } },
        { id: 'usedOrThreatened', weight: 4, minimumLevel: 'high', text: { 'uz-Latn': 'Qoʻllangan yoki qoʻrqitilgan', 'uz-Cyrl': 'Қўлланган ёки қўрқитилган', ru: 'Применяли или угрожали', en: 'Used or threatened' } },
      ],
    },
    {
      id: 'separation',
      text: { 'uz-Latn': 'Yaqinda ajrashdimi yoki ketishni rejalashtiryaptimi?', 'uz-Cyrl': 'Яқинда ажрашдими ёки кетишни режалаштиряптими?', ru: 'Недавно рассталась или собирается уйти?', en: 'Has she recently separated or is she planning to leave?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 2, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'control',
      text: { 'uz-Latn': 'Doimiy rashk, pul, telefon yoki yurish-turishini nazorat qilish bormi?', 'uz-Cyrl': 'Доимий рашк, пул, телефон ёки юриш-туришини назорат қилиш борми?', ru: 'Есть ли постоянная ревность, контроль денег, телефона или передвижений?', en: 'Is there constant jealousy or control of her money, phone or movements?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 1, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'children',
      text: { 'uz-Latn': 'Bolalar zoʻravonlikni koʻrganmi yoki jabrlanganmi?', 'uz-Cyrl': 'Болалар зўравонликни кўрганми ёки жабрланганми?', ru: 'Видели ли дети насилие или пострадали ли они?', en: 'Have children witnessed the violence or been harmed?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'witnessed', weight: 1, text: { 'uz-Latn': 'Koʻrgan', 'uz-Cyrl': 'Кўрган', ru: 'Видели', en: 'Witnessed' } },
        { id: 'harmed', weight: 3, text: { 'uz-Latn': 'Jabrlangan', 'uz-Cyrl': 'Жабрланган', ru: 'Пострадали', en: 'Harmed' } },
      ],
    },
    {
      id: 'pregnancy',
      text: { 'uz-Latn': 'Hozir homiladormi yoki yaqinda tugʻdimi?', 'uz-Cyrl': 'Ҳозир ҳомиладорми ёки яқинда туғдими?', ru: 'Беременна сейчас или недавно родила?', en: 'Is she pregnant or has she recently given birth?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 2, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'abuserSubstanceUse',
      text: { 'uz-Latn': 'Zoʻravon spirtli ichimlik yoki giyohvand moddalar isteʼmol qiladimi?', 'uz-Cyrl': 'Зўравон спиртли ичимлик ёки гиёҳванд моддалар истеъмол қиладими?', ru: 'Употребляет ли обидчик алкоголь или наркотики?', en: 'Does the abuser misuse alcohol or drugs?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'yes', weight: 1, text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
    {
      id: 'suicidalThoughts',
      text: { 'uz-Latn': 'Mijozda oʻz joniga qasd qilish fikrlari bormi?', 'uz-Cyrl': 'Мижозда ўз жонига қасд қилиш фикрлари борми?', ru: 'Есть ли у клиентки мысли о самоубийстве?', en: 'Does the client have thoughts of ending her life?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'thoughts', weight: 2, text: { 'uz-Latn': 'Fikrlar bor', 'uz-Cyrl': 'Фикрлар бор', ru: 'Есть мысли', en: 'Thoughts' } },
        { id: 'plan', weight: 5, minimumLevel: 'severe', text: { 'uz-Latn': 'Reja bor', 'uz-Cyrl': 'Режа бор', ru: 'Есть план', en: 'A plan' } },
      ],
    },
    {
      id: 'fearForLife',
      text: { 'uz-Latn': 'Mijoz uni oʻldirishi mumkin deb oʻylaydimi?', 'uz-Cyrl': 'Мижоз уни ўлдириши мумкин деб ўйлайдими?', ru: 'Считает ли клиентка, что её могут убить?', en: 'Does the client believe she could be killed?' },
      options: [
        { id: 'no', weight: 0, text: { 'uz-Latn': 'Yoʻq', 'uz-Cyrl': 'Йўқ', ru: 'Нет', en: 'No' } },
        { id: 'unsure', weight: 1, text: { 'uz-Latn': 'Bilmaydi', 'uz-Cyrl': 'Билмайди', ru: 'Не уверена', en: 'Unsure' } },
        { id: 'yes', weight: 3, minimumLevel: 'high', text: { 'uz-Latn': 'Ha', 'uz-Cyrl': 'Ҳа', ru: 'Да', en: 'Yes' } },
      ],
    },
  ],
};

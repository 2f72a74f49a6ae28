import fontkit from '@pdf-lib/fontkit';
import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor, PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib';
import QRCode from 'qrcode';
import { formatDay } from '../clients/client-format';

/**
 * A course certificate as a one-page A4 PDF (landscape), pure: the certificate's facts, the
 * sentences in the chosen language and the font files in, the file's bytes out. The font (Noto
 * Sans, OFL, resources/fonts) has every Uzbek letter, oʻ and gʻ with U+02BB included, and is
 * embedded as a subset so text extracted from the file reads exactly as stored. The QR code is
 * drawn as vector squares from the signed text the core gave the certificate.
 */

export interface CertificateFacts {
  readonly number: string;
  readonly learnerName: string;
  readonly courseName: string;
  readonly hours: number;
  /** `YYYY-MM-DD`; printed dd.mm.yyyy. */
  readonly issuedOn: string;
  readonly centerName: string;
  readonly qrText: string;
}

/** The certificate's sentences in one language (training.json, `certificate.pdf`). `{{hours}}` is replaced. */
export interface CertificateTexts {
  readonly title: string;
  readonly certifies: string;
  readonly completed: string;
  readonly hours: string;
  readonly number: string;
  readonly issuedOn: string;
  readonly verify: string;
}

export interface CertificateFonts {
  readonly regular: Uint8Array;
  readonly bold: Uint8Array;
}

const PAGE = { width: 841.89, height: 595.28 } as const;
const INK = rgb(0.11, 0.16, 0.27);
const ACCENT = rgb(0.1, 0.39, 0.55);


function centered(page: PDFPage, text: string, font: PDFFont, size: number, y: number, color = INK): void {
  // Long names and course titles shrink to fit between the borders instead of running off the page.
  let fitted = size;
  while (fitted > 8 && font.widthOfTextAtSize(text, fitted) > PAGE.width - 160) fitted -= 1;
  const width = font.widthOfTextAtSize(text, fitted);
  page.drawText(text, { x: (PAGE.width - width) / 2, y, size: fitted, font, color });
}

function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const count = qr.modules.size;
  const cell = size / (count + 8);
  const origin = { x: x + cell * 4, y: y + cell * 4 };
  page.drawRectangle({ x, y, width: size, height: size, color: rgb(1, 1, 1) });
  // One path for the whole code, a rectangle per run of dark modules in a row, filled once: a few
  // hundred operators instead of a graphics state per module.
  const runs = [];
  for (let row = 0; row < count; row += 1) {
    for (let column = 0; column < count; column += 1) {
      if (qr.modules.get(row, column) !== 1) continue;
      let end = column;
      while (end + 1 < count && qr.modules.get(row, end + 1) === 1) end += 1;
      runs.push(rectangle(origin.x + column * cell, origin.y + (count - 1 - row) * cell, (end - column + 1) * cell, cell));
      column = end;
    }
  }
  page.pushOperators(pushGraphicsState(), setFillingColor(rgb(0, 0, 0)), ...runs, fill(), popGraphicsState());
}

/**
 * One certificate in its own file.
 *
 * @example const bytes = await renderCertificatePdf(facts, texts, fonts);
 */
export function renderCertificatePdf(facts: CertificateFacts, texts: CertificateTexts, fonts: CertificateFonts): Promise<Uint8Array> {
  return renderCertificatesPdf([facts], texts, fonts);
}

/**
 * A cohort's certificates, one page each, in one file to print at once: the fonts are embedded
 * (and subset) once for all of them, which is most of the work.
 *
 * @example const bytes = await renderCertificatesPdf(cohortCertificates, texts, fonts);
 */
export async function renderCertificatesPdf(list: readonly CertificateFacts[], texts: CertificateTexts, fonts: CertificateFonts): Promise<Uint8Array> {
  const [first] = list;
  if (first === undefined) throw new Error('no certificate to render');
  const pdf = await PDFDocument.create();
  pdf.registerFontkit(fontkit);
  pdf.setTitle(list.length === 1 ? `${texts.title} ${first.number}` : texts.title);
  pdf.setCreator('INSON Center');
  pdf.setProducer('INSON Center');
  // Fixed dates: the same certificates give the same bytes (and no PC's clock leaks into the file).
  const issued = new Date(`${first.issuedOn}T00:00:00Z`);
  pdf.setCreationDate(issued);
  pdf.setModificationDate(issued);
  const regular = await pdf.embedFont(fonts.regular, { subset: true });
  const bold = await pdf.embedFont(fonts.bold, { subset: true });
  for (const facts of list) drawCertificate(pdf.addPage([PAGE.width, PAGE.height]), facts, texts, { regular, bold });
  return pdf.save();
}

function drawCertificate(page: PDFPage, facts: CertificateFacts, texts: CertificateTexts, fonts: { readonly regular: PDFFont; readonly bold: PDFFont }): void {
  const { regular, bold } = fonts;
  page.drawRectangle({ x: 24, y: 24, width: PAGE.width - 48, height: PAGE.height - 48, borderColor: ACCENT, borderWidth: 3 });
  page.drawRectangle({ x: 34, y: 34, width: PAGE.width - 68, height: PAGE.height - 68, borderColor: ACCENT, borderWidth: 0.75 });
  centered(page, facts.centerName, regular, 16, 500, ACCENT);
  centered(page, texts.title, bold, 40, 440);
  centered(page, texts.certifies, regular, 15, 392);
  centered(page, facts.learnerName, bold, 30, 345);
  centered(page, texts.completed, regular, 15, 300);
  centered(page, facts.courseName, bold, 22, 262);
  centered(page, texts.hours.replace('{{hours}}', String(facts.hours)), regular, 15, 228);

  page.drawText(`${texts.number}: ${facts.number}`, { x: 70, y: 110, size: 13, font: regular, color: INK });
  page.drawText(`${texts.issuedOn}: ${formatDay(facts.issuedOn)}`, { x: 70, y: 88, size: 13, font: regular, color: INK });
  const qrSize = 130;
  drawQr(page, facts.qrText, PAGE.width - 70 - qrSize, 62, qrSize);
  const caption = texts.verify;
  let captionSize = 10;
  while (captionSize > 7 && regular.widthOfTextAtSize(caption, captionSize) > qrSize + 150) captionSize -= 0.5;
  const captionWidth = regular.widthOfTextAtSize(caption, captionSize);
  page.drawText(caption, { x: Math.min(PAGE.width - 70 - qrSize / 2 - captionWidth / 2, PAGE.width - 50 - captionWidth), y: 46, size: captionSize, font: regular, color: INK });
}

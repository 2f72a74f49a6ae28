import boldUrl from '../../../../resources/fonts/NotoSans-Bold.ttf?url';
import regularUrl from '../../../../resources/fonts/NotoSans-Regular.ttf?url';
import type { i18n as I18n } from 'i18next';
import type { Certificate, CertificateLanguage } from '../../../core/training/training.schema';
import { renderCertificatesPdf, type CertificateFonts, type CertificateTexts } from './certificate-pdf';

/**
 * Makes a certificate PDF in the window and hands it to the browser as a download (the file
 * stays on this PC; nothing is kept in the renderer's storage). The fonts ship with the app.
 */

let fonts: Promise<CertificateFonts> | null = null;

async function bytesOf(url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`font ${String(response.status)}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** The Noto Sans files, fetched once per window (certificates and report PDFs share them). */
export function loadFonts(): Promise<CertificateFonts> {
  fonts ??= Promise.all([bytesOf(regularUrl), bytesOf(boldUrl)]).then(([regular, bold]) => ({ regular, bold }));
  return fonts;
}

/** @example await downloadCertificates([certificate], 'uz-Latn', i18n, 'Markaz'); */
export async function downloadCertificates(certificates: readonly Certificate[], language: CertificateLanguage, i18n: I18n, centerName: string, fileName: string): Promise<void> {
  const t = i18n.getFixedT(language, 'training');
  const texts: CertificateTexts = {
    title: t('certificate.pdf.title'),
    certifies: t('certificate.pdf.certifies'),
    completed: t('certificate.pdf.completed'),
    hours: t('certificate.pdf.hours', { hours: '{{hours}}', interpolation: { escapeValue: false } }),
    number: t('certificate.pdf.number'),
    issuedOn: t('certificate.pdf.issuedOn'),
    verify: t('certificate.pdf.verify'),
  };
  const bytes = await renderCertificatesPdf(
    certificates.map((certificate) => ({
      number: certificate.number,
      learnerName: certificate.learnerName,
      courseName: certificate.courseNames[language],
      hours: certificate.hours,
      issuedOn: certificate.issuedOn,
      centerName,
      qrText: certificate.qrText,
    })),
    texts,
    await loadFonts(),
  );
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/pdf' }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

import { execFileSync } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCertificatePdf, type CertificateTexts } from './certificate-pdf';

const ROOT = join(__dirname, '..', '..', '..', '..');
const FONTS = { regular: readFileSync(join(ROOT, 'resources/fonts/NotoSans-Regular.ttf')), bold: readFileSync(join(ROOT, 'resources/fonts/NotoSans-Bold.ttf')) };
const textsOf = (language: string) => (JSON.parse(readFileSync(join(ROOT, 'resources/locales', language, 'training.json'), 'utf8')) as { certificate: { pdf: CertificateTexts } }).certificate.pdf;
const dir = mkdtempSync(join(tmpdir(), 'inson-certificate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The learner's name with oʻ and gʻ (U+02BB), a Cyrillic one with ў and ғ, and a Russian one. */
const CASES = [
  { language: 'uz-Latn', learnerName: 'Toʻxtayeva Gʻulnora Oʻktamovna', courseName: 'Kompyuter savodxonligi' },
  { language: 'uz-Cyrl', learnerName: 'Тўхтаева Ғулнора Ўктамовна', courseName: 'Компьютер саводхонлиги' },
  { language: 'ru', learnerName: 'Щербакова Юлия Сергеевна', courseName: 'Компьютерная грамотность' },
] as const;

const facts = (learnerName: string, courseName: string) => ({
  number: '3F2A7C1D-000042',
  learnerName,
  courseName,
  hours: 72,
  issuedOn: '2027-03-01',
  centerName: 'Chilonzor tumani “INSON” ijtimoiy xizmatlar markazi',
  qrText: QR_TEXT,
});

/**
 * A code of a real one's shape and length (src/core/training/certificate-payload.ts): the payload,
 * the center key's Ed25519 signature, and the registry root's statement about that key (public key,
 * date, root kid, signature). Made here with node:crypto (the UI's tests take nothing else of the core).
 */
const b64url = (bytes: Buffer | string) => Buffer.from(bytes).toString('base64url');
const centerKey = generateKeyPairSync('ed25519');
const rootKey = generateKeyPairSync('ed25519');
const PAYLOAD = Buffer.from(JSON.stringify({ n: '3F2A7C1D-000042', nm: 'Toʻxtayeva Gʻulnora Oʻktamovna', c: 'Kompyuter savodxonligi', h: 72, d: '2027-03-01', ctr: 'Chilonzor tumani “INSON” ijtimoiy xizmatlar markazi', kid: '0123456789abcdef' }), 'utf8');
const CENTER_PUBLIC = centerKey.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
const STATEMENT = JSON.stringify({ k: CENTER_PUBLIC.toString('base64'), t: '2026-12-04T18:00:00.000Z', b: 'fedcba9876543210', s: sign(null, CENTER_PUBLIC, rootKey.privateKey).toString('base64') });
const QR_TEXT = ['INSON1', b64url(PAYLOAD), b64url(sign(null, PAYLOAD, centerKey.privateKey)), b64url(STATEMENT)].join('.');

describe('the certificate PDF', () => {
  it.each(CASES)('holds the learner’s name exactly as stored, read back by pdftotext ($language)', async ({ language, learnerName, courseName }) => {
    const bytes = await renderCertificatePdf(facts(learnerName, courseName), textsOf(language), FONTS);
    const file = join(dir, `certificate-${language}.pdf`);
    writeFileSync(file, bytes);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(learnerName);
    expect(text).toContain(courseName);
    expect(text).toContain('3F2A7C1D-000042');
    expect(text).toContain('01.03.2027');
    expect(text).toContain(textsOf(language).title);
    if (language === 'uz-Latn') expect(text).toContain('\u02BB');
    // One page, A4 landscape, the fonts embedded with their Unicode maps, as subsets (a few kB, not 1 MB).
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/Pages:\s+1\n/);
    expect(info).toMatch(/Page size:\s+841\.89 x 595\.28 pts \(A4\)/);
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    const noto = fonts.split('\n').filter((line) => line.startsWith('NotoSans'));
    expect(noto).toHaveLength(2);
    // Columns: emb, sub (pdf-lib does not name its subsets the ABCDEF+ way), uni.
    expect(noto.every((line) => /\byes\s+(?:yes|no)\s+yes\b/.test(line))).toBe(true);
    expect(bytes.length).toBeLessThan(80_000);
    // A rendered page for the eye (the note shows them): test-results/certificates/<language>.png.
    const out = join(ROOT, 'test-results', 'certificates');
    mkdirSync(out, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-singlefile', file, join(out, language)]);
    // The printed code scans back to exactly the signed text (zbar, an independent reader, at 150 dpi).
    execFileSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, join(dir, `${language}-scan`)]);
    const scanned = execFileSync('zbarimg', ['--quiet', '--raw', '-Sdisable', '-Sqrcode.enable', join(dir, `${language}-scan.png`)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    expect(scanned).toBe(QR_TEXT);
  });

  it('gives the same bytes for the same certificate', async () => {
    const [first] = CASES;
    const a = await renderCertificatePdf(facts(first.learnerName, first.courseName), textsOf(first.language), FONTS);
    const b = await renderCertificatePdf(facts(first.learnerName, first.courseName), textsOf(first.language), FONTS);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

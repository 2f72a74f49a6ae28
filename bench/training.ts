import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { newId } from '../src/core/db/ids';
import { createTestCenter } from '../src/core/testing/test-center';
import { renderCertificatePdf, renderCertificatesPdf, type CertificateFacts, type CertificateTexts } from '../src/ui/pages/training/certificate-pdf';

/**
 * `npm run bench -- training`: taking attendance for a session of 30 learners through the API
 * (router, validation, permission, the one write path with audit and outbox, the sheet it answers
 * with), beside the same 30 marks written by a raw insert in one transaction; then completing a
 * cohort of 100 (certificate numbers and signatures) and rendering their 100 certificate PDFs,
 * with the time and the peak memory of each.
 */
const LEARNERS = 30;
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 60);
const CERTIFICATES = 100;
const log = (line: string) => console.log(line);
const load = () => loadavg().map((value) => value.toFixed(2)).join(' ');
const NAMES = { 'uz-Latn': 'Kompyuter savodxonligi', 'uz-Cyrl': 'Компьютер саводхонлиги', ru: 'Компьютерная грамотность', en: 'Computer literacy' };

function percentile(sorted: readonly number[], share: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(share * sorted.length) - 1))] ?? Number.NaN;
}
const summary = (times: readonly number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 0.5).toFixed(2)} ms   p95 ${percentile(sorted, 0.95).toFixed(2)} ms   max ${(sorted.at(-1) ?? 0).toFixed(2)} ms`;
};
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

export async function benchTraining(): Promise<void> {
  log(`INSON Center benchmark: training (attendance for ${LEARNERS} learners × ${SESSIONS} sessions, ${CERTIFICATES} certificates)`);
  log(`load average at start: ${load()}`);
  // Today is after every session of the cohorts below, so each can be marked.
  const now = new Date('2027-12-01T05:00:00.000Z');
  const center = await createTestCenter({ roles: ['administrator', 'receptionist', 'trainer'], now: () => now });
  try {
    const trainer = center.as.trainer;
    const course = await trainer.invoke('training.createCourse', { names: NAMES, kind: 'computerLiteracy', hours: SESSIONS * 2 });
    const cohort = await trainer.invoke('training.createCohort', {
      courseId: course.id,
      trainerIds: [center.staffId.trainer],
      place: 'Xona 1',
      capacity: LEARNERS,
      schedule: { startsOn: '2027-01-04', weekdays: [1, 3, 5], startTime: '10:00', durationMinutes: 120 },
    });
    const enrollments: { readonly id: string }[] = [];
    for (let index = 0; index < LEARNERS; index += 1) {
      const client = await center.registerClient(`att${index}`, { confirmedWarnings: ['possibleDuplicate'] });
      enrollments.push(await trainer.invoke('training.enroll', { cohortId: cohort.id, clientId: client.id, joinedOn: '2027-01-04' }));
    }
    const marks = ['present', 'present', 'present', 'late', 'absent'] as const;
    const times: number[] = [];
    for (const [index, session] of cohort.sessions.entries()) {
      const started = performance.now();
      await trainer.invoke('training.recordAttendance', {
        sessionId: session.id,
        marks: enrollments.map((enrollment, row) => ({ enrollmentId: enrollment.id, mark: marks[(row + index) % marks.length] ?? 'present' })),
      });
      times.push(performance.now() - started);
    }
    log(`training.recordAttendance, ${LEARNERS} learners (API, audit, outbox, sheet back):  ${summary(times)}`);

    // The same marks by a raw insert, one transaction per session, on a second cohort's sessions.
    const rawCohort = await trainer.invoke('training.createCohort', {
      courseId: course.id,
      trainerIds: [center.staffId.trainer],
      place: 'Xona 2',
      capacity: LEARNERS,
      schedule: { startsOn: '2027-01-04', weekdays: [1, 3, 5], startTime: '14:00', durationMinutes: 120 },
    });
    const { handle } = center.behindTheApi();
    const insert = handle.prepare('INSERT INTO training_attendance (id, session_id, enrollment_id, mark, excuse, recorded_by, recorded_at) VALUES (?, ?, ?, ?, NULL, ?, ?)');
    const rawTimes: number[] = [];
    for (const session of rawCohort.sessions) {
      const started = performance.now();
      handle.transaction(() => {
        for (const enrollment of enrollments) insert.run(newId(), session.id, enrollment.id, 'present', center.staffId.trainer, now.toISOString());
      })();
      rawTimes.push(performance.now() - started);
    }
    log(`raw INSERT of the same ${LEARNERS} marks in one transaction:                    ${summary(rawTimes)}`);

    // Completion of 100 learners in one call: numbers, signatures, audit, outbox.
    const big = await trainer.invoke('training.createCourse', { names: NAMES, kind: 'financialLiteracy', hours: 2 });
    const bigCohort = await trainer.invoke('training.createCohort', {
      courseId: big.id,
      trainerIds: [center.staffId.trainer],
      place: 'Zal',
      capacity: CERTIFICATES,
      schedule: { startsOn: '2027-11-01', weekdays: [1], startTime: '10:00', durationMinutes: 120 },
    });
    const graduates: { readonly id: string }[] = [];
    for (let index = 0; index < CERTIFICATES; index += 1) {
      const client = await center.registerClient(`grad${index}`, { confirmedWarnings: ['possibleDuplicate'], lastName: `Toʻxtayeva${'abcdefghij'[index % 10] ?? ''}${'klmnopqrst'[Math.floor(index / 10)] ?? ''}`, firstName: 'Gʻulnora' });
      graduates.push(await trainer.invoke('training.enroll', { cohortId: bigCohort.id, clientId: client.id, joinedOn: '2027-11-01' }));
    }
    const [onlySession] = bigCohort.sessions;
    await trainer.invoke('training.recordAttendance', { sessionId: onlySession?.id ?? '', marks: graduates.map((graduate) => ({ enrollmentId: graduate.id, mark: 'present' as const })) });
    const completeStarted = performance.now();
    const { completed } = await trainer.invoke('training.complete', { cohortId: bigCohort.id, decisions: graduates.map((graduate) => ({ enrollmentId: graduate.id, outcome: 'completed' as const })) });
    log(`training.complete, ${completed.length} learners (numbers, Ed25519 signatures, audit, outbox): ${(performance.now() - completeStarted).toFixed(0)} ms`);

    const root = join(__dirname, '..');
    const fonts = { regular: readFileSync(join(root, 'resources/fonts/NotoSans-Regular.ttf')), bold: readFileSync(join(root, 'resources/fonts/NotoSans-Bold.ttf')) };
    const texts = (JSON.parse(readFileSync(join(root, 'resources/locales/uz-Latn/training.json'), 'utf8')) as { certificate: { pdf: CertificateTexts } }).certificate.pdf;
    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const facts: CertificateFacts[] = completed.map((certificate) => ({
      number: certificate.number,
      learnerName: certificate.learnerName,
      courseName: certificate.courseNames['uz-Latn'],
      hours: certificate.hours,
      issuedOn: certificate.issuedOn,
      centerName: 'Test markazi',
      qrText: certificate.qrText,
    }));
    const batchStarted = performance.now();
    const batch = await renderCertificatesPdf(facts, texts, fonts);
    const batchMs = performance.now() - batchStarted;
    const afterBatch = process.memoryUsage().rss;
    log(`${facts.length} certificates as one ${facts.length}-page PDF (fonts embedded once): ${(batchMs / 1000).toFixed(2)} s, ${(batch.length / 1024).toFixed(0)} KiB; RSS ${mib(afterBatch)} (${mib(afterBatch - baseline)} above the start)`);
    let bytes = 0;
    const pdfStarted = performance.now();
    for (const certificate of facts) {
      const pdf = await renderCertificatePdf(certificate, texts, fonts);
      bytes += pdf.length;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const pdfMs = performance.now() - pdfStarted;
    log(`${facts.length} certificates as separate PDFs: ${(pdfMs / 1000).toFixed(2)} s (${(pdfMs / facts.length).toFixed(1)} ms each), ${(bytes / facts.length / 1024).toFixed(1)} KiB each; peak RSS ${mib(peak)} (${mib(peak - baseline)} above the start)`);
    log(`load average at end: ${load()}`);
  } finally {
    await center.dispose();
  }
}

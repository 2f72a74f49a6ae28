import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../app';
import type { ErrorCode } from './errors';

const LOCALES_DIR = join(__dirname, '..', '..', '..', 'resources', 'locales');
const LANGUAGES = readdirSync(LOCALES_DIR);
const CORE_DIR = join(__dirname, '..');
/** The folders below the domains: what they throw is not a reason a user causes (and has no `reason`). */
const FOUNDATION = new Set(['api', 'audit', 'calendar', 'crypto', 'db', 'session', 'sync', 'text', 'uz']);

function reasonsIn(language: string): Record<string, Record<string, unknown>> {
  const errors = JSON.parse(readFileSync(join(LOCALES_DIR, language, 'errors.json'), 'utf8')) as { reasons?: Record<string, Record<string, unknown>> };
  return errors.reasons ?? {};
}

function declared(): Array<{ readonly module: string; readonly code: ErrorCode; readonly reason: string }> {
  return MODULES.flatMap((module) =>
    Object.entries(module.errors ?? {}).flatMap(([code, reasons]) => (reasons ?? []).map((reason) => ({ module: module.name, code: code as ErrorCode, reason }))),
  );
}

function domainSources(): Array<{ readonly path: string; readonly text: string }> {
  return readdirSync(CORE_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !FOUNDATION.has(entry.name))
    .flatMap((dir) =>
      readdirSync(join(CORE_DIR, dir.name))
        .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.includes('test-support'))
        .map((file) => ({ path: `${dir.name}/${file}`, text: readFileSync(join(CORE_DIR, dir.name, file), 'utf8') })),
    );
}

describe('error reasons', () => {
  it('every reason a domain declares has its sentence in every language', () => {
    const reasons = declared();
    expect(reasons.length).toBeGreaterThan(20);
    for (const language of LANGUAGES) {
      const texts = reasonsIn(language);
      for (const { module, code, reason } of reasons) {
        const text = texts[code]?.[reason];
        expect(typeof text === 'string' && text.trim().length > 0, `${language}: errors:reasons.${code}.${reason} (declared by ${module})`).toBe(true);
      }
    }
  });

  it('no language keeps a sentence for a reason nobody declares', () => {
    const known = new Set(declared().map(({ code, reason }) => `${code}.${reason}`));
    for (const language of LANGUAGES) {
      for (const [code, byReason] of Object.entries(reasonsIn(language))) {
        for (const reason of Object.keys(byReason)) expect(known.has(`${code}.${reason}`), `${language}: errors:reasons.${code}.${reason}`).toBe(true);
      }
    }
  });

  it('domains throw user-caused errors only through their declared reasons', () => {
    // `new AppError('CONFLICT', { reason: 'x' })` would bypass the declaration (and its sentences);
    // a domain throws `<domain>Error('CONFLICT', 'x')` over its `<domain>.errors.ts` instead.
    const bypasses = domainSources().flatMap(({ path, text }) =>
      [...text.matchAll(/new AppError\('(CONFLICT|NOT_FOUND|FORBIDDEN|CONSENT_REQUIRED)'/g)].map((match) => `${path}: ${match[0]}`),
    );
    expect(bypasses).toEqual([]);
    const thrown = domainSources().flatMap(({ text }) => [...text.matchAll(/\b[a-z]+Error\('([A-Z_]+)', '(\w+)'/g)].map((match) => `${match[1]}.${match[2]}`));
    const known = new Set(declared().map(({ code, reason }) => `${code}.${reason}`));
    expect(thrown.length).toBeGreaterThan(20);
    expect(thrown.filter((reason) => !known.has(reason))).toEqual([]);
  });

  it('names the refusals people meet most', () => {
    const known = new Set(declared().map(({ code, reason }) => `${code}.${reason}`));
    for (const reason of ['CONFLICT.usernameTaken', 'CONFLICT.lastAdministrator', 'CONFLICT.deactivateSelf', 'CONFLICT.caseAlreadyOpen', 'CONFLICT.consentNotGiven', 'CONSENT_REQUIRED.referral']) {
      expect(known.has(reason), reason).toBe(true);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCenter, rejection, type TestCenter } from '../testing/test-center';

// 10:00 in Tashkent on 25 November 2026.
const NOW = new Date('2026-11-25T05:00:00.000Z');
const TODAY = '2026-11-25';

describe('service catalog, deliveries and referrals', () => {
  let t: TestCenter;
  beforeAll(async () => {
    t = await createTestCenter({ now: () => NOW });
  });
  afterAll(() => t.dispose());

  const outboxOf = async (type: string, entityId: string) =>
    (await t.db().selectFrom('outbox').selectAll().where('type', '=', type).where('entity_id', '=', entityId).orderBy('seq').execute()).map(
      (row) => JSON.parse(row.data_json) as Record<string, unknown>,
    );
  const count = async (table: 'service_deliveries' | 'referrals' | 'service_catalog' | 'audit_log' | 'outbox') =>
    Number((await t.db().selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  /** A client who signed the consent to receive services. */
  const consentingClient = async (tag: string) => {
    const client = await t.registerClient(tag);
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
    return client;
  };

  it('lists the built-in catalog in every category with names in four languages, to every signed-in role', async () => {
    const { items } = await t.as.trainer.invoke('services.catalog', {});
    expect(new Set(items.map((entry) => entry.category))).toEqual(new Set(['social', 'psychological', 'legal', 'medical', 'rehabilitation', 'homeCare', 'dayCare']));
    expect(items.find((entry) => entry.code === 'legal.consultation')).toEqual({
      code: 'legal.consultation',
      category: 'legal',
      names: { 'uz-Latn': 'Huquqiy maslahat', 'uz-Cyrl': 'Ҳуқуқий маслаҳат', ru: 'Юридическая консультация', en: 'Legal consultation' },
      isBuiltIn: true,
      isActive: true,
    });
    expect(await rejection(t.client('anonymous').invoke('services.catalog', {}))).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('lets managers and administrators add center entries with stable minted codes; nobody else', async () => {
    const names = { 'uz-Latn': 'Tikuvchilik toʻgaragi', 'uz-Cyrl': 'Тикувчилик тўгараги', ru: 'Кружок шитья', en: 'Sewing circle' };
    const added = await t.as.manager.invoke('services.addCatalogEntry', { category: 'rehabilitation', names });
    expect(added).toMatchObject({ category: 'rehabilitation', names, isBuiltIn: false, isActive: true });
    expect(added.code).toMatch(/^center\.[0-9a-f]{8}$/);
    const byAdmin = await t.as.administrator.invoke('services.addCatalogEntry', { category: 'social', names: { ...names, en: 'Other' } });
    expect(byAdmin.code).not.toBe(added.code);
    expect((await t.as.receptionist.invoke('services.catalog', {})).items.map((entry) => entry.code)).toContain(added.code);

    const before = await count('service_catalog');
    expect(await rejection(t.as.receptionist.invoke('services.addCatalogEntry', { category: 'social', names }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.trainer.invoke('services.addCatalogEntry', { category: 'social', names }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('services.addCatalogEntry', { category: 'astrology' as never, names }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.manager.invoke('services.addCatalogEntry', { category: 'social', names: { ...names, ru: '' } }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.manager.invoke('services.addCatalogEntry', { category: 'social', names: { ...names, en: 'x'.repeat(10_000) } }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await count('service_catalog')).toBe(before);
  });

  it('renames and retires catalog entries; a retired service cannot be planned or delivered, old records keep it', async () => {
    const client = await consentingClient('retire');
    const entry = await t.as.manager.invoke('services.addCatalogEntry', {
      category: 'dayCare',
      names: { 'uz-Latn': 'Kutubxona', 'uz-Cyrl': 'Кутубхона', ru: 'Библиотека', en: 'Library' },
    });
    const earlier = await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: entry.code, deliveredOn: TODAY });
    const renamed = await t.as.administrator.invoke('services.updateCatalogEntry', { code: entry.code, names: { ...entry.names, en: 'Reading room' } });
    expect(renamed.names.en).toBe('Reading room');
    const retired = await t.as.manager.invoke('services.updateCatalogEntry', { code: entry.code, isActive: false });
    expect(retired).toMatchObject({ code: entry.code, isActive: false, names: { en: 'Reading room' } });
    expect((await t.as.receptionist.invoke('services.catalog', {})).items.map((e) => e.code)).not.toContain(entry.code);
    expect((await t.as.receptionist.invoke('services.catalog', { includeInactive: true })).items.map((e) => e.code)).toContain(entry.code);
    expect(await rejection(t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: entry.code, deliveredOn: TODAY }))).toMatchObject({
      code: 'INVALID_INPUT',
      details: { issues: [{ path: ['serviceCode'], code: 'unknown_service' }] },
    });
    expect((await t.as.receptionist.invoke('services.listForClient', { clientId: client.id })).items.map((d) => d.id)).toEqual([earlier.id]);
    expect(await rejection(t.as.receptionist.invoke('services.updateCatalogEntry', { code: entry.code, isActive: true }))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('services.updateCatalogEntry', { code: entry.code }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await rejection(t.as.manager.invoke('services.updateCatalogEntry', { code: 'center.00000000', isActive: true }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers NOT_FOUND when listing for an unknown client', async () => {
    expect(await rejection(t.as.receptionist.invoke('services.listForClient', { clientId: 'ghost' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(t.as.receptionist.invoke('services.listReferrals', { clientId: 'ghost' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(t.as.receptionist.invoke('cases.listForClient', { clientId: 'ghost' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect(await rejection(t.as.receptionist.invoke('consents.list', { clientId: 'ghost' }))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('records a delivery: stored with its note, the outbox gets code, category, date and duration only', async () => {
    const client = await consentingClient('deliver');
    const opened = await t.as.receptionist.invoke('cases.open', {
      clientId: client.id,
      intake: { needs: ['health'], referralSource: 'selfReferral', priority: 'medium' },
      caseWorkerId: t.staffId.receptionist,
    });
    const delivery = await t.as.receptionist.invoke('services.record', {
      clientId: client.id, caseId: opened.id, serviceCode: 'medical.examination', deliveredOn: TODAY, durationMinutes: 40, note: 'Blood pressure high; see doctor',
    });
    expect(delivery).toMatchObject({ clientId: client.id, caseId: opened.id, serviceCode: 'medical.examination', deliveredOn: TODAY, durationMinutes: 40, note: 'Blood pressure high; see doctor', recordedBy: t.staffId.receptionist });
    // A psychologist records services too.
    const psych = await t.as.psychologist.invoke('services.record', { clientId: client.id, serviceCode: 'psychological.groupSupport', deliveredOn: '2026-11-24' });
    expect(psych).toMatchObject({ caseId: null, durationMinutes: null, note: null });
    expect((await t.as.manager.invoke('services.listForClient', { clientId: client.id })).items.map((d) => d.id)).toEqual([delivery.id, psych.id]);

    expect(await outboxOf('serviceDelivery', delivery.id)).toEqual([
      { clientId: client.id, caseId: opened.id, serviceCode: 'medical.examination', serviceCategory: 'medical', deliveredOn: TODAY, durationMinutes: 40 },
    ]);
    const audit = await t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', delivery.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ action: 'services.record', entity_type: 'serviceDelivery' });
    expect(audit.details_json).not.toContain('Blood');
  });

  it('refuses deliveries from roles without services.write, bad input, other clients’ cases; saves nothing', async () => {
    const client = await consentingClient('baddeliver');
    const other = await t.registerClient('otherclient');
    const othersCase = await t.as.receptionist.invoke('cases.open', {
      clientId: other.id, intake: { needs: ['food'], referralSource: 'family', priority: 'low' }, caseWorkerId: t.staffId.receptionist,
    });
    const base = { clientId: client.id, serviceCode: 'social.consultation', deliveredOn: TODAY };
    const before = { deliveries: await count('service_deliveries'), audit: await count('audit_log'), outbox: await count('outbox') };
    expect(await rejection(t.as.trainer.invoke('services.record', base))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await rejection(t.as.manager.invoke('services.record', base))).toMatchObject({ code: 'FORBIDDEN' });
    for (const input of [
      { ...base, deliveredOn: '2026-11-26' },
      { ...base, deliveredOn: '' },
      { ...base, serviceCode: 'social.unknown' },
      { ...base, serviceCode: '' },
      { ...base, durationMinutes: 0 },
      { ...base, durationMinutes: 1.5 },
      { ...base, durationMinutes: 24 * 60 + 1 },
      { ...base, note: '' },
      { ...base, note: 'x'.repeat(10_000) },
      { ...base, caseId: othersCase.id },
    ]) {
      expect(await rejection(t.as.receptionist.invoke('services.record', input))).toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(await rejection(t.as.receptionist.invoke('services.record', { ...base, clientId: 'ghost' }))).toMatchObject({ code: 'NOT_FOUND' });
    expect({ deliveries: await count('service_deliveries'), audit: await count('audit_log'), outbox: await count('outbox') }).toEqual(before);
  });

  it('stores SQL and HTML in notes verbatim', async () => {
    const client = await consentingClient('verbatimnote');
    const note = `1; DELETE FROM service_deliveries; <b onmouseover="x()">bold</b>`;
    const delivery = await t.as.receptionist.invoke('services.record', { clientId: client.id, serviceCode: 'dayCare.meals', deliveredOn: TODAY, note });
    expect((await t.as.receptionist.invoke('services.listForClient', { clientId: client.id })).items[0]?.note).toBe(note);
    expect(delivery.note).toBe(note);
  });

  it('blocks an outgoing referral without referral consent, allows it once given, blocks it again once withdrawn', async () => {
    const client = await t.registerClient('referral');
    const referral = { clientId: client.id, direction: 'out', agency: 'District hospital No. 2', reason: 'Needs a cardiologist', date: TODAY } as const;
    const before = await count('referrals');
    expect(await rejection(t.as.receptionist.invoke('services.createReferral', referral))).toMatchObject({ code: 'CONSENT_REQUIRED', details: { purpose: 'referral' } });
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'refused', decidedOn: TODAY });
    expect(await rejection(t.as.receptionist.invoke('services.createReferral', referral))).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(await count('referrals')).toBe(before);

    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'given', decidedOn: TODAY });
    const created = await t.as.receptionist.invoke('services.createReferral', referral);
    expect(created).toMatchObject({ ...referral, recordedBy: t.staffId.receptionist, caseId: null });

    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'withdrawn', decidedOn: TODAY });
    expect(await rejection(t.as.receptionist.invoke('services.createReferral', referral))).toMatchObject({ code: 'CONSENT_REQUIRED' });
    // An incoming referral records who sent the client; it needs no consent.
    const incoming = await t.as.receptionist.invoke('services.createReferral', { ...referral, direction: 'in', agency: 'Police, Chilonzor district' });
    expect((await t.as.manager.invoke('services.listReferrals', { clientId: client.id })).items.map((r) => r.id).sort()).toEqual([created.id, incoming.id].sort());
    // Referrals hold free text: nothing of them goes to the registry.
    expect(await t.db().selectFrom('outbox').select('seq').where('entity_id', 'in', [created.id, incoming.id]).execute()).toEqual([]);
  });

  it('refuses bad referral input and referrals by roles without services.write', async () => {
    const client = await t.registerClient('badreferral');
    const base = { clientId: client.id, direction: 'in', agency: 'Mahalla', reason: 'Poverty', date: TODAY } as const;
    expect(await rejection(t.as.trainer.invoke('services.createReferral', base))).toMatchObject({ code: 'FORBIDDEN' });
    for (const input of [
      { ...base, agency: '' },
      { ...base, reason: 'x'.repeat(10_000) },
      { ...base, date: '2027-01-01' },
      { ...base, direction: 'sideways' as never },
    ]) {
      expect(await rejection(t.as.receptionist.invoke('services.createReferral', input))).toMatchObject({ code: 'INVALID_INPUT' });
    }
  });

  it('refuses a delivery without consent to receive services unless overridden with a reason; the override is audited and on the timeline', async () => {
    const client = await t.registerClient('noconsent');
    const base = { clientId: client.id, serviceCode: 'social.consultation', deliveredOn: TODAY } as const;
    const before = { deliveries: await count('service_deliveries'), audit: await count('audit_log'), outbox: await count('outbox') };
    expect(await rejection(t.as.receptionist.invoke('services.record', base))).toMatchObject({ code: 'CONSENT_REQUIRED', details: { reason: 'services', purpose: 'services' } });
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'refused', decidedOn: TODAY });
    expect(await rejection(t.as.receptionist.invoke('services.record', base))).toMatchObject({ code: 'CONSENT_REQUIRED' });
    // Consent to something else is not consent to services; an empty reason is no override.
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'referral', state: 'given', decidedOn: TODAY });
    expect(await rejection(t.as.receptionist.invoke('services.record', base))).toMatchObject({ code: 'CONSENT_REQUIRED' });
    expect(await rejection(t.as.receptionist.invoke('services.record', { ...base, consentOverride: { reason: '  ' } }))).toMatchObject({ code: 'INVALID_INPUT' });
    // Only the three consent decisions were written.
    expect({ deliveries: await count('service_deliveries'), audit: await count('audit_log') }).toEqual({ deliveries: before.deliveries, audit: before.audit + 2 });

    const reason = 'Brought in by the police at night; could not sign';
    const overridden = await t.as.receptionist.invoke('services.record', { ...base, consentOverride: { reason } });
    expect(overridden).toMatchObject({ consentOverrideReason: reason, recordedBy: t.staffId.receptionist });
    const audit = await t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', overridden.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details_json)).toMatchObject({ isConsentOverridden: true });
    expect(audit.details_json).not.toContain('police');
    // The reason stays in the center.
    expect(JSON.stringify(await outboxOf('serviceDelivery', overridden.id))).not.toContain('police');
    const { events } = await t.as.manager.invoke('timeline.forClient', { clientId: client.id });
    expect(events.find((event) => event.key === `serviceDelivered:${overridden.id}`)).toMatchObject({ kind: 'serviceDelivered', consentOverrideReason: reason });

    // Once consent is given, deliveries need no override, and one sent anyway is not recorded as one.
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'given', decidedOn: TODAY });
    const ordinary = await t.as.receptionist.invoke('services.record', { ...base, consentOverride: { reason } });
    expect(ordinary.consentOverrideReason).toBeNull();
    const ordinaryAudit = await t.db().selectFrom('audit_log').selectAll().where('entity_id', '=', ordinary.id).executeTakeFirstOrThrow();
    expect(JSON.parse(ordinaryAudit.details_json)).toMatchObject({ isConsentOverridden: false });
    // Withdrawn consent is no consent.
    await t.as.receptionist.invoke('consents.record', { clientId: client.id, purpose: 'services', state: 'withdrawn', decidedOn: TODAY });
    expect(await rejection(t.as.psychologist.invoke('services.record', base))).toMatchObject({ code: 'CONSENT_REQUIRED' });
  });
});

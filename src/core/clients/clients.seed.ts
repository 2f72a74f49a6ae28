import { readCenterSettings } from '../center/center.repository';
import { runWritePath, type AuditEventInput, type WriteScope } from '../audit/run-write';
import type { OutboxAllowList } from '../sync/outbox.spec';
import { clientsError } from './clients.errors';
import { CASE_PRIORITIES, NEED_CODES, REFERRAL_SOURCES } from '../cases/cases.schema';
import { insertCase, insertPlanItem } from '../cases/cases.repository';
import { insertConsents, type NewConsent } from '../consents/consents.repository';
import type { ConsentPurpose } from '../consents/consents.schema';
import { newId } from '../db/ids';
import type { OpenStore } from '../db/store';
import { insertDelivery } from '../services/services.repository';
import { clientColumns, findClientIdsByPinfl, insertClientRows, type NewClientColumns } from './clients.repository';
import { clientFieldsSchema } from './clients.schema';
import { createRandom, syntheticClient } from './clients.seed-data';
import { localCalendarDate } from '../calendar/calendar';

/**
 * Fills a center with synthetic clients (`npm run cli -- seed`, and the benchmark's database):
 * each client with its consents, and about one in four with an open case, a care plan and
 * service deliveries. Writes go through the one write path in chunks (one transaction per chunk,
 * one audit event per seeded client covering its consents and case), so the audit chain stays
 * valid and `verify` passes. Clients, consents and audit events are written in bulk statements
 * (`insertClientRows`, `auditMany`); cases one by one.
 *
 * Only into a center set up as a demonstration center (CONFLICT `notDemonstrationCenter`
 * otherwise, before anything is written): seeded clients are marked `is_synthetic` and nothing
 * seeded enters the outbox (issue 8 item 10).
 */

export interface SeedOptions {
  readonly clients: number;
  /** The composed outbox allow-list (`core.services.outboxAllowList`). */
  readonly allowList: OutboxAllowList;
  /** Same seed, same center. */
  readonly randomSeed?: number;
  /** Clients per transaction. */
  readonly chunkSize?: number;
  /** Staff id recorded as the case worker (defaults to the acting user). */
  readonly caseWorkerId?: string;
  readonly now?: Date;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SeedResult {
  readonly clients: number;
  readonly consents: number;
  readonly cases: number;
  readonly serviceDeliveries: number;
  /** Generated PINFLs already in the database (a second seed run): those clients were skipped. */
  readonly skipped: number;
}

const SERVICE_CODES = ['social.consultation', 'social.benefitsAssistance', 'psychological.individualCounseling', 'legal.consultation', 'medical.examination', 'homeCare.visit', 'dayCare.attendance', 'rehabilitation.physical'];

function daysBefore(today: string, days: number): string {
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

/** A client's consent decisions (the caller inserts them in bulk), whether registry sharing and services consent were given. */
function seedConsents(w: WriteScope, clientId: string, random: () => number, today: string, at: string): { decisions: NewConsent[]; isRegistryShared: boolean; isServicesGiven: boolean } {
  const decisions: ReadonlyArray<readonly [ConsentPurpose, number]> = [
    ['services', 0.95],
    ['registrySharing', 0.6],
    ['referral', 0.4],
    ['photographs', 0.2],
  ];
  const made: NewConsent[] = [];
  let isRegistryShared = false;
  let isServicesGiven = false;
  for (const [purpose, givenShare] of decisions) {
    if (purpose !== 'services' && random() < 0.3) continue; // not asked yet
    const state = random() < givenShare ? 'given' : 'refused';
    if (purpose === 'registrySharing') isRegistryShared = state === 'given';
    if (purpose === 'services') isServicesGiven = state === 'given';
    made.push({
      id: newId(w.now.getTime()),
      clientId,
      purpose,
      state,
      decidedOn: daysBefore(today, Math.floor(random() * 365)),
      formReference: random() < 0.8 ? `R-${Math.floor(random() * 100_000)}` : null,
      recordedBy: w.actorId ?? '',
      recordedAt: at,
    });
  }
  return { decisions: made, isRegistryShared, isServicesGiven };
}

/** A client who refused services consent still got services: in an emergency, as `services.record` would record it. */
async function seedCase(w: WriteScope, clientId: string, caseWorkerId: string, random: () => number, today: string, at: string, isServicesGiven: boolean): Promise<number> {
  const caseId = newId(w.now.getTime());
  const openedOn = daysBefore(today, Math.floor(random() * 300));
  const needs = NEED_CODES.filter(() => random() < 0.15);
  await insertCase(w.trx, {
    id: caseId,
    clientId,
    intake: {
      needs: needs.length > 0 ? needs : ['documents'],
      referralSource: REFERRAL_SOURCES[Math.floor(random() * REFERRAL_SOURCES.length)] ?? 'selfReferral',
      priority: CASE_PRIORITIES[Math.floor(random() * CASE_PRIORITIES.length)] ?? 'medium',
      householdSituation: '',
    },
    caseWorkerId,
    openedOn,
    openedBy: w.actorId ?? caseWorkerId,
    at,
  });
  let deliveries = 0;
  const planned = 1 + Math.floor(random() * 3);
  for (let i = 0; i < planned; i += 1) {
    const serviceCode = SERVICE_CODES[Math.floor(random() * SERVICE_CODES.length)] ?? 'social.consultation';
    const itemId = newId(w.now.getTime());
    await insertPlanItem(w.trx, { id: itemId, caseId, serviceCode, goal: 'Reja', dueDate: daysBefore(today, -30 + Math.floor(random() * 60)), createdBy: w.actorId ?? caseWorkerId, at });
    if (random() < 0.7) {
      const deliveryId = newId(w.now.getTime());
      await insertDelivery(w.trx, {
        id: deliveryId,
        clientId,
        caseId,
        serviceCode,
        deliveredOn: openedOn,
        durationMinutes: 30 + Math.floor(random() * 4) * 15,
        note: null,
        consentOverrideReason: isServicesGiven ? null : 'Favqulodda holat',
        recordedBy: w.actorId ?? caseWorkerId,
        recordedAt: at,
      });
      deliveries += 1;
    }
  }
  return deliveries;
}

/**
 * @example await seedClients(store, adminId, { clients: 1000, allowList: core.services.outboxAllowList, onProgress: (done) => … });
 */
export async function seedClients(store: OpenStore, actorId: string, options: SeedOptions): Promise<SeedResult> {
  const random = createRandom(options.randomSeed ?? 20_240_601);
  const chunkSize = options.chunkSize ?? 500;
  const now = options.now ?? new Date();
  const today = localCalendarDate(now);
  const at = now.toISOString();
  // Only a center set up as a demonstration center holds synthetic people: a real center's records never mix with them.
  const center = await store.db.selectFrom('center').select('is_demonstration').executeTakeFirst();
  if (center?.is_demonstration !== 1) throw clientsError('CONFLICT', 'notDemonstrationCenter');
  const { olderPersonAgeYears } = await readCenterSettings(store.db);
  // Serials continue after what a previous run left, so a second run adds new PINFLs.
  const existing = Number((await store.db.selectFrom('clients').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const totals = { clients: 0, consents: 0, cases: 0, serviceDeliveries: 0, skipped: 0 };
  for (let start = 0; start < options.clients; start += chunkSize) {
    const end = Math.min(options.clients, start + chunkSize);
    await runWritePath(
      store,
      actorId,
      async (w) => {
        const drafts = Array.from({ length: end - start }, (_, offset) => clientFieldsSchema.parse(syntheticClient(random, existing + start + offset, today).input));
        const taken = await findClientIdsByPinfl(w.trx, drafts.flatMap((fields) => (fields.pinfl === null ? [] : [fields.pinfl])));
        const rows: NewClientColumns[] = [];
        for (const fields of drafts) {
          if (fields.pinfl !== null && taken.has(fields.pinfl)) {
            totals.skipped += 1;
            continue;
          }
          rows.push({ ...clientColumns(fields, today, olderPersonAgeYears), id: newId(w.now.getTime()), version: 1, status: 'active', merged_into_id: null, created_at: at, created_by: actorId, updated_at: at, updated_by: actorId, is_synthetic: 1 });
        }
        await insertClientRows(w.trx, rows);
        const consents: NewConsent[] = [];
        const events: AuditEventInput[] = [];
        for (const row of rows) {
          const decided = seedConsents(w, row.id, random, today, at);
          consents.push(...decided.decisions);
          const caseCount = random() < 0.25 ? 1 : 0;
          const deliveries = caseCount === 1 ? await seedCase(w, row.id, options.caseWorkerId ?? actorId, random, today, at, decided.isServicesGiven) : 0;
          // One event per seeded client covers its consents and case: the chain stays whole and verifiable.
          events.push({ action: 'clients.seed', entityType: 'client', entityId: row.id, details: { consents: decided.decisions.length, cases: caseCount, serviceDeliveries: deliveries } });
          totals.consents += decided.decisions.length;
          totals.cases += caseCount;
          totals.serviceDeliveries += deliveries;
          totals.clients += 1;
        }
        await insertConsents(w.trx, consents);
        // No outbox record: synthetic people are never sent (and a demonstration center's outbox refuses them anyway).
        await w.auditMany(events);
      },
      { allowList: options.allowList, now },
    );
    options.onProgress?.(end, options.clients);
  }
  return totals;
}

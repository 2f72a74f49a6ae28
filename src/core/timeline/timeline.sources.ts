import { localCalendarDate } from '../cases/calendar-date';
import { listCasesForClient } from '../cases/cases.repository';
import { findClientRow } from '../clients/clients.repository';
import { listConsentHistory } from '../consents/consents.repository';
import { listDeliveriesForClient, listReferralsForClient } from '../services/services.repository';
import type { TimelineEvent } from './timeline.schema';
import type { TimelineSource } from './timeline';

/**
 * The timeline's sources, each reading through its domain's exported functions. A domain that
 * lands later adds one entry here. Counseling will add a source with `requires: 'clients.read'`
 * that emits `counselingSession` events (date and psychologist only) for every viewer, whatever
 * the viewer's role: the content of a session never enters the timeline.
 */

const registration: TimelineSource = {
  name: 'registration',
  requires: 'clients.read',
  async collect(db, clientId) {
    const row = await findClientRow(db, clientId);
    if (row === null) return [];
    return [{ kind: 'registered', key: `registered:${row.id}`, date: localCalendarDate(new Date(row.created_at)), at: row.created_at }];
  },
};

const consents: TimelineSource = {
  name: 'consents',
  requires: 'clients.read',
  async collect(db, clientId) {
    return (await listConsentHistory(db, clientId)).map((consent) => ({
      kind: 'consent',
      key: `consent:${consent.id}`,
      date: consent.decidedOn,
      at: consent.recordedAt,
      consentId: consent.id,
      purpose: consent.purpose,
      state: consent.state,
    }));
  },
};

const cases: TimelineSource = {
  name: 'cases',
  requires: 'cases.read',
  async collect(db, clientId) {
    const events: TimelineEvent[] = [];
    for (const record of await listCasesForClient(db, clientId)) {
      events.push({ kind: 'caseOpened', key: `caseOpened:${record.id}`, date: record.openedOn, at: record.createdAt, caseId: record.id, priority: record.intake.priority });
      for (const item of record.plan) {
        events.push({
          kind: 'planItemAdded',
          key: `planItemAdded:${item.id}`,
          date: localCalendarDate(new Date(item.createdAt)),
          at: item.createdAt,
          caseId: record.id,
          itemId: item.id,
          serviceCode: item.serviceCode,
          goal: item.goal,
          dueDate: item.dueDate,
        });
        if (item.finishedOn !== null && (item.status === 'done' || item.status === 'cancelled')) {
          events.push({
            kind: 'planItemFinished',
            key: `planItemFinished:${item.id}`,
            date: item.finishedOn,
            at: item.updatedAt,
            caseId: record.id,
            itemId: item.id,
            serviceCode: item.serviceCode,
            status: item.status,
          });
        }
      }
      if (record.status === 'closed' && record.closedOn !== null && record.closeReason !== null) {
        events.push({ kind: 'caseClosed', key: `caseClosed:${record.id}`, date: record.closedOn, at: record.updatedAt, caseId: record.id, reason: record.closeReason });
      }
    }
    return events;
  },
};

const services: TimelineSource = {
  name: 'services',
  requires: 'cases.read',
  async collect(db, clientId) {
    return (await listDeliveriesForClient(db, clientId)).map((delivery) => ({
      kind: 'serviceDelivered',
      key: `serviceDelivered:${delivery.id}`,
      date: delivery.deliveredOn,
      at: delivery.recordedAt,
      deliveryId: delivery.id,
      caseId: delivery.caseId,
      serviceCode: delivery.serviceCode,
      durationMinutes: delivery.durationMinutes,
    }));
  },
};

const referrals: TimelineSource = {
  name: 'referrals',
  requires: 'cases.read',
  async collect(db, clientId) {
    return (await listReferralsForClient(db, clientId)).map((referral) => ({
      kind: 'referral',
      key: `referral:${referral.id}`,
      date: referral.date,
      at: referral.recordedAt,
      referralId: referral.id,
      direction: referral.direction,
      agency: referral.agency,
    }));
  },
};

export const TIMELINE_SOURCES: readonly TimelineSource[] = [registration, consents, cases, services, referrals];

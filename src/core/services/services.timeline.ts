import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { listDeliveriesForClient, listReferralsForClient } from './services.repository';
import type { ReferralDirection } from './services.schema';

export interface ServiceDeliveredEvent extends TimelineEventBase {
  readonly kind: 'serviceDelivered';
  readonly deliveryId: string;
  readonly caseId: string | null;
  readonly serviceCode: string;
  readonly durationMinutes: number | null;
  /** Set when the service was given in an emergency without the client's consent. */
  readonly consentOverrideReason: string | null;
}

export interface ReferralEvent extends TimelineEventBase {
  readonly kind: 'referral';
  readonly referralId: string;
  readonly direction: ReferralDirection;
  readonly agency: string;
}

/** Every service delivered. */
export const deliverySource = defineTimelineSource<ServiceDeliveredEvent>({
  name: 'services',
  requires: 'cases.read',
  kinds: { serviceDelivered: 5 },
  async collect(db, clientId) {
    return (await listDeliveriesForClient(db, clientId)).map((delivery) => ({
      kind: 'serviceDelivered',
      key: `serviceDelivered:${delivery.id}`,
      date: delivery.deliveredOn,
      at: delivery.recordedAt,
      byId: delivery.recordedBy,
      deliveryId: delivery.id,
      caseId: delivery.caseId,
      serviceCode: delivery.serviceCode,
      durationMinutes: delivery.durationMinutes,
      consentOverrideReason: delivery.consentOverrideReason,
    }));
  },
});

/** Referrals to and from other agencies. */
export const referralSource = defineTimelineSource<ReferralEvent>({
  name: 'referrals',
  requires: 'cases.read',
  kinds: { referral: 6 },
  async collect(db, clientId) {
    return (await listReferralsForClient(db, clientId)).map((referral) => ({
      kind: 'referral',
      key: `referral:${referral.id}`,
      date: referral.date,
      at: referral.recordedAt,
      byId: referral.recordedBy,
      referralId: referral.id,
      direction: referral.direction,
      agency: referral.agency,
    }));
  },
});

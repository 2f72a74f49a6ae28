import { defineTimelineSource, type TimelineEventBase } from '../timeline/timeline-source';
import { listConsentHistory } from './consents.repository';
import type { ConsentPurpose, ConsentState } from './consents.schema';

export interface ConsentEvent extends TimelineEventBase {
  readonly kind: 'consent';
  readonly consentId: string;
  readonly purpose: ConsentPurpose;
  readonly state: ConsentState;
}

/** Every consent decision, as recorded, with who recorded it. */
export const consentSource = defineTimelineSource<ConsentEvent>({
  name: 'consents',
  requires: 'consents.read',
  kinds: { consent: 1 },
  async collect(db, clientId) {
    return (await listConsentHistory(db, clientId)).map((consent) => ({
      kind: 'consent',
      key: `consent:${consent.id}`,
      date: consent.decidedOn,
      at: consent.recordedAt,
      byId: consent.recordedBy,
      consentId: consent.id,
      purpose: consent.purpose,
      state: consent.state,
    }));
  },
});

import { describe, expect, it } from 'vitest';
import { MODULES, type AppTimelineEvent as TimelineEvent } from '../app';
import { kindRanks, sortTimeline } from './timeline';

const RANKS = kindRanks(MODULES.flatMap((module) => module.timeline ?? []));

describe('sortTimeline', () => {
  it('orders by day, then by recording time, then by key', () => {
    const events: TimelineEvent[] = [
      { kind: 'serviceDelivered', key: 'serviceDelivered:b', date: '2026-11-20', at: '2026-11-25T10:00:00.000Z', byId: null, deliveryId: 'b', caseId: null, serviceCode: 'legal.consultation', durationMinutes: 30, consentOverrideReason: null },
      { kind: 'registered', key: 'registered:c', date: '2026-11-01', at: '2026-11-01T09:00:00.000Z', byId: null },
      { kind: 'consent', key: 'consent:z', date: '2026-11-20', at: '2026-11-20T08:00:00.000Z', byId: null, consentId: 'z', purpose: 'services', state: 'given' },
      { kind: 'consent', key: 'consent:a', date: '2026-11-20', at: '2026-11-20T08:00:00.000Z', byId: null, consentId: 'a', purpose: 'referral', state: 'given' },
    ];
    expect(sortTimeline(events, RANKS).map((event) => event.key)).toEqual(['registered:c', 'consent:a', 'consent:z', 'serviceDelivered:b']);
  });

  it('puts events of the same instant in the order of a case’s life', () => {
    const at = '2026-11-25T05:00:00.000Z';
    const date = '2026-11-25';
    const events: TimelineEvent[] = [
      { kind: 'caseClosed', key: 'caseClosed:c', date, at, byId: null, caseId: 'c', reason: 'goalsAchieved' },
      { kind: 'planItemAdded', key: 'planItemAdded:p', date, at, byId: null, caseId: 'c', itemId: 'p', serviceCode: 'social.consultation', goal: 'g', dueDate: date },
      { kind: 'caseOpened', key: 'caseOpened:c', date, at, byId: null, caseId: 'c', priority: 'low', caseWorkerId: 's' },
      { kind: 'registered', key: 'registered:x', date, at, byId: null },
    ];
    expect(sortTimeline(events, RANKS).map((event) => event.kind)).toEqual(['registered', 'caseOpened', 'planItemAdded', 'caseClosed']);
  });

  it('does not reorder its input in place', () => {
    const events: TimelineEvent[] = [
      { kind: 'registered', key: 'registered:2', date: '2026-11-02', at: '2026-11-02T00:00:00.000Z', byId: null },
      { kind: 'registered', key: 'registered:1', date: '2026-11-01', at: '2026-11-01T00:00:00.000Z', byId: null },
    ];
    sortTimeline(events, RANKS);
    expect(events[0]?.key).toBe('registered:2');
  });
});

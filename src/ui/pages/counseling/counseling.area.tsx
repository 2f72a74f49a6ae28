import { defineArea } from '../../areas/area';

/**
 * Counseling: its screens live on the client's page (the counseling tab); the area words its
 * timeline events, which say only that a session took place, its kind for readers, and who held it.
 */
export const counselingArea = defineArea({
  name: 'counseling',
  routes: [],
  timeline: {
    counselingSession: (event, { t }) => {
      const base = event.sessionKind === null ? t('counselingSessions:timeline.session') : t('counselingSessions:timeline.sessionOfKind', { kind: t(`counseling:kind.${event.sessionKind}`) });
      return event.isVoided ? t('counselingSessions:timeline.voided', { session: base }) : base;
    },
  },
});

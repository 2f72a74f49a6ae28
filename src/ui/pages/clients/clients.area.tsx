import { defineArea } from '../../areas/area';
import { ClientPage } from './ClientPage';
import { ClientSearchPage } from './ClientSearchPage';
import { RegisterClientPage } from './RegisterClientPage';
import { ConsentFormPage } from './print/ConsentFormPage';
import { RegistrationCardPage } from './print/RegistrationCardPage';

export const clientsArea = defineArea({
  name: 'clients',
  routes: [
    { path: '/clients', permission: 'clients.read', element: <ClientSearchPage /> },
    { path: '/clients/new', permission: 'clients.write', element: <RegisterClientPage /> },
    { path: '/clients/:clientId', permission: 'clients.read', element: <ClientPage /> },
    { path: '/clients/:clientId/consent-form', permission: 'consents.write', element: <ConsentFormPage /> },
    { path: '/clients/:clientId/registration-card', permission: 'clients.write', element: <RegistrationCardPage /> },
  ],
  nav: [{ path: '/clients', labelKey: 'clients:nav', permission: 'clients.read' }],
  timeline: {
    registered: (_event, { t }) => t('care:timeline.registered'),
    consent: (event, { t }) => t('care:timeline.consent', { purpose: t(`care:consents.purpose.${event.purpose}`), state: t(`care:consents.state.${event.state}`) }),
    caseOpened: (event, { t, staffName }) => t('care:timeline.caseOpened', { priority: t(`care:cases.priorityLevel.${event.priority}`), worker: staffName(event.caseWorkerId) }),
    caseReassigned: (event, { t, staffName }) => t('care:timeline.caseReassigned', { from: staffName(event.fromCaseWorkerId), to: staffName(event.toCaseWorkerId) }),
    caseClosed: (event, { t }) => t('care:timeline.caseClosed', { reason: t(`care:cases.reason.${event.reason}`) }),
    planItemAdded: (event, { t, serviceName, formatDay }) => t('care:timeline.planItemAdded', { service: serviceName(event.serviceCode), goal: event.goal, due: formatDay(event.dueDate) }),
    planItemStatusChanged: (event, { t, serviceName }) =>
      event.fromStatus === null
        ? t('care:timeline.planItemStatusSet', { service: serviceName(event.serviceCode), goal: event.goal, to: t(`care:plan.statusLabel.${event.toStatus}`) })
        : t('care:timeline.planItemStatusChanged', {
            service: serviceName(event.serviceCode),
            goal: event.goal,
            from: t(`care:plan.statusLabel.${event.fromStatus}`),
            to: t(`care:plan.statusLabel.${event.toStatus}`),
          }),
    clientMerged: (event, { t }) => t(event.role === 'survivor' ? 'care:timeline.mergedIn' : 'care:timeline.mergedAway'),
    clientUnmerged: (event, { t }) => t(event.role === 'survivor' ? 'care:timeline.unmergedOut' : 'care:timeline.unmergedBack'),
    serviceDelivered: (event, { t, serviceName }) =>
      event.consentOverrideReason === null
        ? t('care:timeline.serviceDelivered', { service: serviceName(event.serviceCode) })
        : t('care:timeline.serviceDeliveredOverride', { service: serviceName(event.serviceCode), reason: event.consentOverrideReason }),
    referral: (event, { t }) => t('care:timeline.referral', { direction: t(`care:referrals.direction.${event.direction}`), agency: event.agency }),
  },
});

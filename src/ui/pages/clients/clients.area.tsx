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
    caseOpened: (event, { t }) => t('care:timeline.caseOpened', { priority: t(`care:cases.priorityLevel.${event.priority}`) }),
    caseClosed: (event, { t }) => t('care:timeline.caseClosed', { reason: t(`care:cases.reason.${event.reason}`) }),
    planItemAdded: (event, { t, serviceName, formatDay }) => t('care:timeline.planItemAdded', { service: serviceName(event.serviceCode), goal: event.goal, due: formatDay(event.dueDate) }),
    planItemFinished: (event, { t, serviceName }) => t('care:timeline.planItemFinished', { service: serviceName(event.serviceCode), status: t(`care:plan.statusLabel.${event.status}`) }),
    serviceDelivered: (event, { t, serviceName }) =>
      event.consentOverrideReason === null
        ? t('care:timeline.serviceDelivered', { service: serviceName(event.serviceCode) })
        : t('care:timeline.serviceDeliveredOverride', { service: serviceName(event.serviceCode), reason: event.consentOverrideReason }),
    referral: (event, { t }) => t('care:timeline.referral', { direction: t(`care:referrals.direction.${event.direction}`), agency: event.agency }),
  },
});

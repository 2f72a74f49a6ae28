import { defineArea } from '../../areas/area';
import { CalendarPage } from './CalendarPage';

export const appointmentsArea = defineArea({
  name: 'appointments',
  routes: [{ path: '/calendar', permission: 'appointments.read', element: <CalendarPage /> }],
  nav: [{ path: '/calendar', labelKey: 'appointments:nav', permission: 'appointments.read' }],
});

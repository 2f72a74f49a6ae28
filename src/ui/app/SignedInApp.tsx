import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { TIMELINE_RENDERERS, visibleEntries, visibleRoutes } from '../areas/areas';
import { TimelineRenderersContext } from '../areas/timeline-context';
import { UserMenu } from '../components/UserMenu';
import { ReminderBadge } from '../pages/appointments/AppointmentReminders';
import { HomePage } from '../pages/home/HomePage';
import { useSession } from '../session/session';
import { AppLayout } from './AppLayout';

/** The signed-in shell: navigation and routes folded from the areas (`areas/areas.ts`). */
export function SignedInApp() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  const entries = visibleEntries(session.can);
  const navigation = (
    <nav aria-label={t('common:nav.label')}>
      <Stack gap={4}>
        {entries.map((entry) => (
          <NavLink
            key={entry.path}
            component={Link}
            to={entry.path}
            label={t(entry.labelKey)}
            active={entry.path === '/' ? location.pathname === '/' : location.pathname.startsWith(entry.path)}
            aria-current={location.pathname === entry.path ? 'page' : undefined}
          />
        ))}
      </Stack>
    </nav>
  );
  return (
    <TimelineRenderersContext value={TIMELINE_RENDERERS}>
      <AppLayout
        headerEnd={
          <>
            {session.can('appointments.remind') && <ReminderBadge />}
            <UserMenu />
          </>
        }
        navbar={navigation}
      >
        <Routes>
          {/* Each role's home shows its work; the receptionist's starts with the client search. */}
          <Route path="/" element={<HomePage />} />
          {visibleRoutes(session.can).map((route) => (
            <Route key={route.path} path={route.path} element={route.element} />
          ))}
          <Route path="*" element={<HomePage />} />
        </Routes>
      </AppLayout>
    </TimelineRenderersContext>
  );
}

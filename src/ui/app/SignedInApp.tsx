import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useLocation } from 'react-router';
import { UserMenu } from '../components/UserMenu';
import { AccountPage } from '../pages/account/AccountPage';
import { CenterSettingsPage } from '../pages/center/CenterSettingsPage';
import { ClientPage } from '../pages/clients/ClientPage';
import { ClientSearchPage } from '../pages/clients/ClientSearchPage';
import { RegisterClientPage } from '../pages/clients/RegisterClientPage';
import { DiagnosticsPage } from '../pages/diagnostics/DiagnosticsPage';
import { HomePage } from '../pages/home/HomePage';
import { ConfidentialAccessPage } from '../pages/staff/ConfidentialAccessPage';
import { StaffPage } from '../pages/staff/StaffPage';
import { useSession } from '../session/session';
import { AppLayout } from './AppLayout';
import { visibleEntries } from './navigation';

/** The app behind sign-in: navigation for what the role may do, and the pages. */
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
    <AppLayout headerEnd={<UserMenu />} navbar={navigation}>
      <Routes>
        {/* The receptionist's home is the client search (with the overdue list). */}
        <Route path="/" element={session.can('clients.write') ? <ClientSearchPage /> : <HomePage />} />
        {session.can('clients.read') && <Route path="/clients" element={<ClientSearchPage />} />}
        {session.can('clients.write') && <Route path="/clients/new" element={<RegisterClientPage />} />}
        {session.can('clients.read') && <Route path="/clients/:clientId" element={<ClientPage />} />}
        {session.can('staff.manage') && <Route path="/staff" element={<StaffPage />} />}
        {session.can('center.manage') && <Route path="/center" element={<CenterSettingsPage />} />}
        {session.can('staff.grantConfidential') && <Route path="/confidential-access" element={<ConfidentialAccessPage />} />}
        <Route path="/account" element={<AccountPage />} />
        <Route path="/diagnostics" element={<DiagnosticsPage />} />
        <Route path="*" element={<HomePage />} />
      </Routes>
    </AppLayout>
  );
}

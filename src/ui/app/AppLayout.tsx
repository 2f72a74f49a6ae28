import { AppShell, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../components/LanguageSelect';
import { SystemStatus } from '../components/SystemStatus';
import { UpdateBanner } from './UpdateBanner';

/** Header (app name, language, and what the signed-in user may open), the page, and a status foot. */
export function AppLayout({ children, headerEnd, navbar }: { readonly children: ReactNode; readonly headerEnd?: ReactNode; readonly navbar?: ReactNode }) {
  const { t } = useTranslation();
  return (
    // A zero-width navbar rather than none: AppShell sets its sizes on :root, and the lock screen's
    // layout must override the navbar offset of the signed-in layout kept hidden behind it.
    <AppShell header={{ height: 64 }} footer={{ height: 40 }} navbar={{ width: navbar ? 220 : 0, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Title order={1} size="h3">
            {t('common:appName')}
          </Title>
          <Group gap="md" wrap="nowrap">
            <LanguageSelect />
            {headerEnd}
          </Group>
        </Group>
      </AppShell.Header>
      {navbar && <AppShell.Navbar p="xs">{navbar}</AppShell.Navbar>}
      <AppShell.Main>
        <UpdateBanner />
        {children}
      </AppShell.Main>
      <AppShell.Footer>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <SystemStatus />
        </Group>
      </AppShell.Footer>
    </AppShell>
  );
}

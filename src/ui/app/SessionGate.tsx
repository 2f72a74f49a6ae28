import { Button, Group, Loader, Paper, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MemoryRouter, Route, Routes } from 'react-router';
import { useApiQuery } from '../api/api';
import { ErrorAlert } from '../components/ErrorAlert';
import { UserMenu } from '../components/UserMenu';
import { ForcedPasswordChangePage } from '../pages/auth/ForcedPasswordChangePage';
import { LockScreen } from '../pages/auth/LockScreen';
import { QuickHideCurtain } from '../pages/auth/QuickHideCurtain';
import { RecoverPage } from '../pages/auth/RecoverPage';
import { SignInPage } from '../pages/auth/SignInPage';
import { SetupWizard } from '../pages/setup/SetupWizard';
import { DamagedDatabasePage } from '../pages/backup/DamagedDatabasePage';
import { RestoreBackupPage } from '../pages/backup/RestoreBackupPage';
import { useSession } from '../session/session';
import { useLockTriggers } from '../session/use-lock-triggers';
import { AppLayout } from './AppLayout';
import { KeptSignedInApp } from './KeptSignedInApp';

const DEFAULT_INACTIVITY_LOCK_MS = 5 * 60_000;

/**
 * A screen outside the signed-in app. Its own router: following its links never moves the
 * signed-in app kept behind the lock screen.
 */
function OutsideScreen({ children, headerEnd }: { readonly children: ReactNode; readonly headerEnd?: ReactNode }) {
  return (
    <MemoryRouter>
      <AppLayout headerEnd={headerEnd}>
        <Routes>
          <Route path="*" element={children} />
        </Routes>
      </AppLayout>
    </MemoryRouter>
  );
}

/** On the first start: a center that worked on another PC comes back from its backup instead. */
function RestoreOffer({ onRestore }: { readonly onRestore: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper maw={720} mx="auto" mb="md" p="md" withBorder>
      <Group justify="space-between">
        <Text size="sm">{t('backup:restore.offerHint')}</Text>
        <Button variant="default" onClick={onRestore}>
          {t('backup:restore.offer')}
        </Button>
      </Group>
    </Paper>
  );
}

/**
 * Decides what the window shows: the curtain, the damaged-database screen, the setup wizard (or restore from a backup), sign-in (or recovery), the lock
 * screen, the forced password change, or the app, in that order of precedence. Locking and quick
 * hide cover the signed-in app without unmounting it (KeptSignedInApp); it is keyed by the user,
 * and signing out unmounts it, so nothing typed survives a change of person.
 */
export function SessionGate() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [isSetupOnScreen, setSetupOnScreen] = useState(false);
  const [isRecovering, setRecovering] = useState(false);
  const [isRestoringBackup, setRestoringBackup] = useState(false);
  const info = useApiQuery('system.info', {});
  const isSetUp = info.data !== undefined && info.data.database !== 'notSetUp';
  // A reload inside the desktop app keeps its session in the core: ask who is signed in.
  const me = useApiQuery('auth.me', {}, { enabled: isSetUp && session.user === null && !isSetupOnScreen, staleTime: Infinity });
  const center = useApiQuery('center.get', {}, { enabled: session.user !== null && !session.isLocked && !session.user.mustChangePassword });
  const minutes = center.data?.settings.inactivityLockMinutes;
  useLockTriggers(session, minutes ? minutes * 60_000 : DEFAULT_INACTIVITY_LOCK_MS);

  const signedInUser = me.data ?? null;
  useEffect(() => {
    if (signedInUser && session.user === null) {
      session.signedIn(signedInUser);
      if (signedInUser.isLocked) session.lock();
    }
  }, [signedInUser, session]);

  const user = session.user;
  const isDamaged = info.data?.database === 'damaged';
  const keepsApp = user !== null && !user.mustChangePassword && isSetUp && !isSetupOnScreen && !isDamaged;
  if (keepsApp) {
    // The app first: the lock screen's layout comes later in the document, so its AppShell
    // variables (set on :root) win over the hidden app's.
    return (
      <>
        <KeptSignedInApp key={user.id} isCovered={session.isLocked || session.isHidden} />
        {session.isHidden ? <QuickHideCurtain onReveal={session.reveal} /> : session.isLocked && <OutsideScreen>{<LockScreen />}</OutsideScreen>}
      </>
    );
  }
  if (session.isHidden) return <QuickHideCurtain onReveal={session.reveal} />;
  if (info.isPending) return <OutsideScreen>{<Loader aria-label={t('common:loading')} />}</OutsideScreen>;
  if (!info.data) return <OutsideScreen>{<ErrorAlert error={info.error} />}</OutsideScreen>;

  const afterRestore = () => {
    setRestoringBackup(false);
    void queryClient.invalidateQueries({ queryKey: ['system.info'] });
    void queryClient.invalidateQueries({ queryKey: ['backup.damage'] });
  };
  if (isDamaged) return <OutsideScreen>{<DamagedDatabasePage onRestored={afterRestore} />}</OutsideScreen>;
  if (!isSetUp && isRestoringBackup) return <OutsideScreen>{<RestoreBackupPage onRestored={afterRestore} onCancel={() => setRestoringBackup(false)} />}</OutsideScreen>;

  if (!isSetUp || isSetupOnScreen) {
    return (
      <OutsideScreen>
        {!isSetupOnScreen && <RestoreOffer onRestore={() => setRestoringBackup(true)} />}
        <SetupWizard
          onCreated={() => setSetupOnScreen(true)}
          onFinished={() => {
            setSetupOnScreen(false);
            void queryClient.invalidateQueries({ queryKey: ['system.info'] });
            void queryClient.invalidateQueries({ queryKey: ['auth.me'] });
          }}
        />
      </OutsideScreen>
    );
  }
  if (session.user === null) {
    if (me.isPending && me.fetchStatus !== 'idle') return <OutsideScreen>{<Loader aria-label={t('common:loading')} />}</OutsideScreen>;
    return (
      <OutsideScreen>
        {isRecovering ? <RecoverPage onDone={() => setRecovering(false)} /> : <SignInPage onForgotPassword={() => setRecovering(true)} />}
      </OutsideScreen>
    );
  }
  if (session.isLocked) return <OutsideScreen>{<LockScreen />}</OutsideScreen>;
  return <OutsideScreen headerEnd={<UserMenu />}>{<ForcedPasswordChangePage />}</OutsideScreen>;
}

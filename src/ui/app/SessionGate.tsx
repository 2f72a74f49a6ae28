import { Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { useApiQuery } from '../api/api';
import { ErrorAlert } from '../components/ErrorAlert';
import { UserMenu } from '../components/UserMenu';
import { ForcedPasswordChangePage } from '../pages/auth/ForcedPasswordChangePage';
import { LockScreen } from '../pages/auth/LockScreen';
import { QuickHideCurtain } from '../pages/auth/QuickHideCurtain';
import { RecoverPage } from '../pages/auth/RecoverPage';
import { SignInPage } from '../pages/auth/SignInPage';
import { DiagnosticsPage } from '../pages/diagnostics/DiagnosticsPage';
import { SetupWizard } from '../pages/setup/SetupWizard';
import { useSession } from '../session/session';
import { useLockTriggers } from '../session/use-lock-triggers';
import { AppLayout } from './AppLayout';
import { SignedInApp } from './SignedInApp';

const DEFAULT_INACTIVITY_LOCK_MS = 5 * 60_000;

/** A screen outside the signed-in app; the diagnostics page stays reachable from its footer. */
function OutsideScreen({ children, headerEnd }: { readonly children: ReactNode; readonly headerEnd?: ReactNode }) {
  return (
    <AppLayout headerEnd={headerEnd}>
      <Routes>
        <Route path="/diagnostics" element={<DiagnosticsPage />} />
        <Route path="*" element={children} />
      </Routes>
    </AppLayout>
  );
}

/**
 * Decides what the window shows: the curtain, the setup wizard, sign-in (or recovery), the lock
 * screen, the forced password change, or the app, in that order of precedence.
 */
export function SessionGate() {
  const { t } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const [isSetupOnScreen, setSetupOnScreen] = useState(false);
  const [isRecovering, setRecovering] = useState(false);
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

  if (session.isHidden) return <QuickHideCurtain onReveal={session.reveal} />;
  if (info.isPending) return <OutsideScreen>{<Loader aria-label={t('common:loading')} />}</OutsideScreen>;
  if (!info.data) return <OutsideScreen>{<ErrorAlert error={info.error} />}</OutsideScreen>;

  if (!isSetUp || isSetupOnScreen) {
    return (
      <OutsideScreen>
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
  if (session.user.mustChangePassword) return <OutsideScreen headerEnd={<UserMenu />}>{<ForcedPasswordChangePage />}</OutsideScreen>;
  return <SignedInApp />;
}

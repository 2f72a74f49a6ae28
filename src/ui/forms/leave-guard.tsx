import { useCallback, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { useReportsUnsavedInput } from './unsaved-input';

export interface LeaveGuard {
  /** Lets navigations through (from sending a save that will navigate away when it succeeds). */
  readonly release: () => void;
  /** Guards again (the save was refused: the form is still half-filled). */
  readonly hold: () => void;
  /** The question to render while a navigation waits for an answer. */
  readonly dialog: ReactNode;
}

/**
 * Asks before leaving a half-filled form for another page (a navigation link, a button that
 * navigates): "stay" keeps everything typed, "leave" throws it away. Needs the data router that
 * KeptSignedInApp provides.
 *
 * @example const guard = useLeaveGuard(form.formState.isDirty); … onSuccess: () => { guard.release(); navigate(…); } … {guard.dialog}
 */
/**
 * The question before half-filled text is thrown away: "stay" has the keyboard and keeps
 * everything typed, "leave" drops it. Shared by page navigations (`useLeaveGuard`) and by forms in
 * drawers (`FormDrawer`), so the question reads the same wherever it is asked.
 */
export function LeaveQuestion({ onStay, onLeave }: { readonly onStay: () => void; readonly onLeave: () => void }) {
  const { t } = useTranslation();
  return <ConfirmDialog title={t('common:leave.title')} message={t('common:leave.message')} confirmLabel={t('common:leave.leave')} cancelLabel={t('common:leave.stay')} isCancelDefault onConfirm={onLeave} onCancel={onStay} />;
}

export function useLeaveGuard(isDirty: boolean): LeaveGuard {
  useReportsUnsavedInput(isDirty);
  const released = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => isDirty && !released.current && currentLocation.pathname !== nextLocation.pathname, [isDirty]);
  const blocker = useBlocker(shouldBlock);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  const hold = useCallback(() => {
    released.current = false;
  }, []);
  const dialog = blocker.state === 'blocked' ? <LeaveQuestion onStay={() => blocker.reset()} onLeave={() => blocker.proceed()} /> : null;
  return { release, hold, dialog };
}

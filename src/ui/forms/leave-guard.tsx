import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBlocker, type BlockerFunction } from 'react-router';

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
export function useLeaveGuard(isDirty: boolean): LeaveGuard {
  const { t } = useTranslation();
  const released = useRef(false);
  const shouldBlock = useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => isDirty && !released.current && currentLocation.pathname !== nextLocation.pathname, [isDirty]);
  const blocker = useBlocker(shouldBlock);
  const release = useCallback(() => {
    released.current = true;
  }, []);
  const hold = useCallback(() => {
    released.current = false;
  }, []);
  const dialog =
    blocker.state === 'blocked' ? (
      <Modal opened onClose={() => blocker.reset()} title={t('common:leave.title')} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
        <Stack>
          <Text>{t('common:leave.message')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => blocker.reset()} data-autofocus>
              {t('common:leave.stay')}
            </Button>
            <Button color="red" onClick={() => blocker.proceed()}>
              {t('common:leave.leave')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    ) : null;
  return { release, hold, dialog };
}

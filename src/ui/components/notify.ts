import { notifications } from '@mantine/notifications';

/**
 * Confirms that something was saved, where the eye does not have to look for it: a notification
 * (a polite live region) that goes away on its own. Never put personal data in the message: the
 * notifications are in the signed-in app and hide with it when the screen locks, but a message
 * should not need that. Its close button is named (`closeLabel`): an icon alone says nothing to a
 * screen reader.
 *
 * @example notifyDone(t('common:done.saved'), t('common:actions.close'));
 */
export function notifyDone(message: string, closeLabel: string): void {
  notifications.show({ message, color: 'teal', autoClose: 5_000, withBorder: true, closeButtonProps: { 'aria-label': closeLabel } });
}

import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * A yes/no question before an action that cannot be undone from the same screen.
 * By default the action has the keyboard; `isCancelDefault` gives it to the way back instead (a
 * question whose safe answer is "no", such as leaving a half-filled form).
 */
export function ConfirmDialog({
  title,
  message,
  confirmLabel,
  cancelLabel,
  isCancelDefault = false,
  isPending,
  onConfirm,
  onCancel,
}: {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  /** Defaults to "Cancel". */
  readonly cancelLabel?: string;
  readonly isCancelDefault?: boolean;
  readonly isPending?: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onCancel} title={title} centered closeButtonProps={{ 'aria-label': t('common:actions.close') }}>
      <Stack>
        <Text>{message}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} data-autofocus={isCancelDefault || undefined}>
            {cancelLabel ?? t('common:actions.cancel')}
          </Button>
          <Button color="red" onClick={onConfirm} loading={isPending} data-autofocus={!isCancelDefault || undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

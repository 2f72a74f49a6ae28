import { Button, Drawer, type ButtonProps } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface FormDrawerProps {
  /** The button's text, and the drawer's title unless `title` says otherwise. */
  readonly label: string;
  readonly title?: string;
  readonly buttonProps?: ButtonProps;
  /** Wide forms (the client's record) get more room. */
  readonly size?: 'md' | 'lg' | 'xl';
  /** The form; `close` is what it calls once the core has accepted it. */
  readonly children: (close: () => void) => ReactNode;
}

/**
 * A form opened on demand: a button on the client page, the form in a drawer from the right.
 * The form stays mounted while the drawer is open, so a refusal by the core keeps everything typed
 * (and the form moves the focus to the problem); it closes only when the form says it is done or
 * the person closes it.
 *
 * @example <FormDrawer label={t('care:consents.record')}>{(close) => <RecordConsentForm clientId={id} onDone={close} />}</FormDrawer>
 */
export function FormDrawer({ label, title, buttonProps, size = 'lg', children }: FormDrawerProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button variant="light" size="sm" {...buttonProps} onClick={() => setOpen(true)} aria-haspopup="dialog">
        {label}
      </Button>
      <Drawer
        opened={isOpen}
        onClose={() => setOpen(false)}
        title={title ?? label}
        position="right"
        size={size}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        {isOpen && children(() => setOpen(false))}
      </Drawer>
    </>
  );
}

import { Button, Drawer, type ButtonProps } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LeaveQuestion } from '../../forms/leave-guard';
import { useReportsUnsavedInput } from '../../forms/unsaved-input';

interface FormDrawerProps {
  /** The button's text, and the drawer's title unless `title` says otherwise. */
  readonly label: string;
  readonly title?: string;
  readonly buttonProps?: ButtonProps;
  /** Wide forms (the client's record) get more room. */
  readonly size?: 'md' | 'lg' | 'xl';
  /** false for a form that saves as it goes (an autosaved draft): closing it loses nothing, so nothing is asked. */
  readonly asksBeforeLeaving?: boolean;
  /**
   * The form; `close` is what it calls once the core has accepted it; `cancel` is for the form's
   * own cancel button (it asks first when something was typed, like Escape and the close button).
   */
  readonly children: (close: () => void, cancel: () => void) => ReactNode;
}

/** What the form's fields hold now, as one comparable string (checked boxes and radios by state). */
function fieldValues(container: HTMLElement | null): string {
  if (container === null) return '';
  const fields = [...container.querySelectorAll('input, textarea, select')];
  return JSON.stringify(
    fields.map((field) => {
      if (field instanceof HTMLInputElement) return field.type === 'checkbox' || field.type === 'radio' ? field.checked : field.value;
      return field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement ? field.value : null;
    }),
  );
}

/**
 * A form opened on demand: a button on the client page, the form in a drawer from the right.
 * The form stays mounted while the drawer is open, so a refusal by the core keeps everything typed
 * (and the form moves the focus to the problem); it closes only when the form says it is done or
 * the person closes it. Closing (Escape, the close button, a click outside, the form's cancel) asks
 * first when a field holds something other than what it held before the person first touched it:
 * no form has to report that it is dirty, and typing then deleting asks nothing.
 *
 * @example <FormDrawer label={t('care:consents.record')}>{(close) => <RecordConsentForm clientId={id} onDone={close} />}</FormDrawer>
 */
export function FormDrawer({ label, title, buttonProps, size = 'lg', asksBeforeLeaving = true, children }: FormDrawerProps) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const [isAsking, setAsking] = useState(false);
  const [body, setBody] = useState<HTMLDivElement | null>(null);
  // The fields as they were just before the person first changed one (loaded data included): a key or
  // a pointer (which also reach an option list in a portal), or text arriving otherwise (paste,
  // dictation), which announces itself with `beforeinput` before the field changes.
  const [untouched, setUntouched] = useState<string | null>(null);
  // Touched counts as unsaved for the updater: it must not restart the app under an open form.
  useReportsUnsavedInput(asksBeforeLeaving && isOpen && untouched !== null);
  const noteFirstTouch = () => {
    if (untouched !== null || body === null) return;
    const snapshot = fieldValues(body);
    setUntouched((earlier) => earlier ?? snapshot);
  };
  useEffect(() => {
    if (body === null || untouched !== null) return;
    const noteText = () => {
      const snapshot = fieldValues(body);
      setUntouched((earlier) => earlier ?? snapshot);
    };
    body.addEventListener('beforeinput', noteText, true);
    return () => body.removeEventListener('beforeinput', noteText, true);
  }, [body, untouched]);
  const open = () => {
    setUntouched(null);
    setOpen(true);
  };
  const close = () => {
    setAsking(false);
    setOpen(false);
  };
  const requestClose = () => {
    if (isAsking) return;
    const isChanged = asksBeforeLeaving && untouched !== null && fieldValues(body) !== untouched;
    if (isChanged) setAsking(true);
    else close();
  };
  return (
    <>
      <Button variant="light" size="sm" {...buttonProps} onClick={open} aria-haspopup="dialog">
        {label}
      </Button>
      <Drawer
        opened={isOpen}
        onClose={requestClose}
        closeOnEscape={!isAsking}
        title={title ?? label}
        position="right"
        size={size}
        closeButtonProps={{ 'aria-label': t('common:actions.close') }}
      >
        <div ref={setBody} onKeyDownCapture={noteFirstTouch} onPointerDownCapture={noteFirstTouch}>
          {isOpen && children(close, requestClose)}
        </div>
      </Drawer>
      {isAsking && <LeaveQuestion onStay={() => setAsking(false)} onLeave={close} />}
    </>
  );
}

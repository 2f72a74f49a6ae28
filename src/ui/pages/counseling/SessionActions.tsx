import { Button, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addAddendumInput, voidSessionInput } from '../../../core/counseling/counseling.schema';
import type { SessionView } from '../../../core/counseling/session-records.service';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { alertError } from '../clients/client-form';
import { sessionFieldError } from './session-field-error';

/** A supervisor countersigns another's signed session (the core checks its signature first). */
export function CountersignButton({ session }: { readonly session: SessionView }) {
  const { t } = useTranslation();
  const countersign = useApiMutation('counseling.countersign');
  return (
    <Stack gap="xs">
      <ErrorAlert error={countersign.error} />
      <Button style={{ alignSelf: 'flex-start' }} loading={countersign.isPending} onClick={() => countersign.mutate({ id: session.id, expectedVersion: session.version })}>
        {t('counselingSessions:countersign.action')}
      </Button>
    </Stack>
  );
}

/** A correction or later remark on a signed session, with its own author, time and hash. */
export function AddendumForm({ sessionId }: { readonly sessionId: string }) {
  const { t } = useTranslation();
  const form = useZodForm(addAddendumInput, { defaultValues: { sessionId, text: '' } });
  const add = useApiMutation('counseling.addAddendum', { onSuccess: () => form.reset({ sessionId, text: '' }), onError: (error) => applyServerIssues(form, error) });
  return (
    <form onSubmit={form.handleSubmit((input) => add.mutate(input))} noValidate aria-label={t('counselingSessions:addendum.add')}>
      <Stack gap="xs">
        <Textarea label={t('counselingSessions:addendum.text')} autosize minRows={2} {...form.register('text')} error={sessionFieldError(t, form.formState.errors.text)} />
        <ErrorAlert error={alertError(add.error, ['text'])} />
        <Button type="submit" variant="light" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('counselingSessions:addendum.add')}
        </Button>
      </Stack>
    </form>
  );
}

/** Voids a session recorded in error, with a reason; nothing is deleted and supervisors still see it. */
export function VoidForm({ sessionId, onVoided }: { readonly sessionId: string; readonly onVoided: () => void }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const form = useZodForm(voidSessionInput, { defaultValues: { id: sessionId, reason: '' } });
  const voidSession = useApiMutation('counseling.void', {
    onSuccess: () => {
      notifyDone(t('counselingSessions:void.done'), t('common:actions.close'));
      onVoided();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  if (!isOpen) {
    return (
      <Button variant="subtle" color="red" size="sm" style={{ alignSelf: 'flex-start' }} onClick={() => setOpen(true)}>
        {t('counselingSessions:void.open')}
      </Button>
    );
  }
  return (
    <form onSubmit={form.handleSubmit((input) => voidSession.mutate(input))} noValidate aria-label={t('counselingSessions:void.open')}>
      <Stack gap="xs">
        <Textarea
          label={t('counselingSessions:void.reason')}
          description={t('counselingSessions:void.explanation')}
          autosize
          minRows={2}
          withAsterisk
          data-autofocus
          {...form.register('reason')}
          error={sessionFieldError(t, form.formState.errors.reason)}
        />
        <ErrorAlert error={alertError(voidSession.error, ['reason'])} />
        <Button type="submit" color="red" loading={voidSession.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('counselingSessions:void.confirm')}
        </Button>
      </Stack>
    </form>
  );
}

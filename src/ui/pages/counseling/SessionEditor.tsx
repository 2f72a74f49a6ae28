import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '../../../core/counseling/session-records.service';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useZodForm } from '../../forms/zod-form';
import { emptySessionForm, draftContentOf, sessionFormOf, sessionFormSchema } from './session-form';
import { SessionFactsFields, SessionNoteFields } from './SessionFields';
import { useSessionDraft, type DraftSaveState } from './use-session-draft';
import { formatInstant } from './counseling-format';

function DraftStatus({ state }: { readonly state: DraftSaveState }) {
  const { t } = useTranslation();
  const text =
    state.status === 'saved' && state.at !== ''
      ? t('counselingSessions:draft.savedAt', { time: formatInstant(state.at) })
      : state.status === 'conflict' || state.status === 'failed'
        ? t('counselingSessions:draft.notSaved')
        : t(`counselingSessions:draft.${state.status}`);
  return (
    <Text size="sm" c={state.status === 'invalid' || state.status === 'failed' || state.status === 'conflict' ? 'red' : 'dimmed'} role="status" aria-live="polite" data-draft-status={state.status}>
      {text}
    </Text>
  );
}

/**
 * Records a session, or goes on with the author's draft: every change is autosaved as a draft
 * (`counseling.saveDraft`), so a lock, a crash or a closed window loses nothing typed. Signing
 * saves what is pending first and then fixes the content for good (`counseling.sign`).
 */
export function SessionEditor({ clientId, existing, onSigned }: { readonly clientId: string; readonly existing?: SessionView; readonly onSigned: () => void }) {
  const { t } = useTranslation();
  const [id] = useState(() => existing?.id ?? crypto.randomUUID());
  const draft = useSessionDraft(id, existing?.version ?? null);
  const form = useZodForm(sessionFormSchema, { defaultValues: existing ? sessionFormOf(existing, clientId) : emptySessionForm() });
  const sign = useApiMutation('counseling.sign', { onSuccess: onSigned });
  const { changed } = draft;

  useEffect(() => {
    const subscription = form.watch(() => changed(draftContentOf(form.getValues(), clientId)));
    return () => subscription.unsubscribe();
  }, [form, changed, clientId]);

  const submit = form.handleSubmit(async () => {
    const current = form.getValues();
    if (current.note.trim() === '') {
      form.setError('note', { type: 'custom', message: 'noteRequired' }, { shouldFocus: true });
      return;
    }
    changed(draftContentOf(current, clientId));
    const version = await draft.flush();
    if (!draft.isSaved() || version === null) return;
    sign.mutate({ id, expectedVersion: version });
  });

  const state = draft.state;
  return (
    <form onSubmit={(event) => void submit(event)} noValidate aria-label={t('counselingSessions:record.title')}>
      <Stack gap="sm">
        <SessionFactsFields form={form} clientId={clientId} />
        <SessionNoteFields form={form} />
        {state.status === 'conflict' && (
          <Alert color="red" title={t('counselingSessions:draft.conflictTitle')} role="alert">
            <Stack gap="xs">
              <Text size="sm">{t('counselingSessions:draft.conflict')}</Text>
              <Button size="xs" variant="light" color="red" style={{ alignSelf: 'flex-start' }} onClick={() => void draft.overwrite()}>
                {t('counselingSessions:draft.overwrite')}
              </Button>
            </Stack>
          </Alert>
        )}
        {state.status === 'failed' && <ErrorAlert error={state.error} title={t('counselingSessions:draft.failedTitle')} focus={false} />}
        <ErrorAlert error={sign.error} />
        <Group justify="space-between">
          <DraftStatus state={state} />
          <Button type="submit" loading={sign.isPending}>
            {t('counselingSessions:sign.action')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('counselingSessions:sign.explanation')}
        </Text>
      </Stack>
    </form>
  );
}

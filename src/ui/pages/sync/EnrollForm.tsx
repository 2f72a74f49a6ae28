import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { enrollInputSchema } from '../../../core/sync/sync.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';

/** Codes and paths are read character by character: a monospace input (its label stays in the body font). */
const MONOSPACE_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;

/**
 * The administrator's enrollment: the registry's address, the one-time code and (optionally) the
 * fingerprint, all from the enrollment letter. On success the page shows the fingerprint for
 * comparison (`onEnrolled`).
 */
export function EnrollForm({ onEnrolled }: { readonly onEnrolled: (fingerprint: string) => void }) {
  const { t } = useTranslation();
  const form = useZodForm(enrollInputSchema, { defaultValues: { registryUrl: '', code: '', fingerprint: '' } });
  const enroll = useApiMutation('sync.enroll', {
    onSuccess: (result) => onEnrolled(result.fingerprint),
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <Paper p="md" withBorder maw={640}>
      <form onSubmit={form.handleSubmit((input) => enroll.mutate(input))} noValidate aria-labelledby="sync-enroll-title">
        <Stack>
          <Title order={3} id="sync-enroll-title">
            {t('sync:enroll.title')}
          </Title>
          <Text size="sm">{t('sync:enroll.intro')}</Text>
          <TextInput
            label={t('sync:enroll.registryUrl')}
            description={t('sync:enroll.registryUrlHint')}
            placeholder="https://"
            autoComplete="url"
            inputMode="url"
            {...form.register('registryUrl')}
            error={fieldError(t, errors.registryUrl)}
          />
          <TextInput label={t('sync:enroll.code')} description={t('sync:enroll.codeHint')} autoComplete="off" spellCheck={false} {...form.register('code')} error={fieldError(t, errors.code)} />
          <TextInput
            label={t('sync:enroll.fingerprint')}
            description={t('sync:enroll.fingerprintHint')}
            autoComplete="off"
            spellCheck={false}
            styles={MONOSPACE_INPUT}
            {...form.register('fingerprint')}
            error={fieldError(t, errors.fingerprint)}
          />
          <ErrorAlert error={enroll.error} />
          <Button type="submit" loading={enroll.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('sync:enroll.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}

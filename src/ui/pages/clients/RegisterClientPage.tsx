import { Loader, Paper, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ClientForm } from './ClientForm';
import { notifyDone } from '../../components/notify';
import { prefillFromQuery, withCenterPlace } from './client-form';

/** Registers a new client (starting from what was typed in the search box and the center's place), then opens their page. */
export function RegisterClientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [prefill] = useState(() => prefillFromQuery((location.state as { query?: unknown } | null)?.query));
  // The form starts on the center's region and district; it waits for them (a failed read starts it blank).
  const center = useApiQuery('center.get', {});
  const open = (id: string) => void navigate(`/clients/${encodeURIComponent(id)}`);
  const register = useApiMutation('clients.register', {
    onSuccess: (client) => {
      notifyDone(t('common:done.registered'), t('common:actions.close'));
      open(client.id);
    },
  });
  return (
    <Stack maw={900}>
      <Title order={2}>{t('clients:register.title')}</Title>
      <Paper withBorder p="md">
        {center.isPending ? (
          <Loader size="sm" aria-label={t('common:loading')} />
        ) : (
        <ClientForm
          label={t('clients:register.title')}
          defaultValues={withCenterPlace(prefill, center.data)}
          submitLabel={t('clients:register.submit')}
          isSaving={register.isPending}
          save={(input, onError) => register.mutate(input, { onError })}
          onOpenClient={open}
          onCancel={() => void navigate('/clients')}
        />
        )}
      </Paper>
    </Stack>
  );
}

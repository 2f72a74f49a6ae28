import { Alert, Button, Divider, Group, Paper, Stack, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AppError } from '../../../core/api/errors';
import type { ClientWarning, RegisterClientInput } from '../../../core/clients/clients.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../forms/zod-form';
import { ClientAddressFields } from './ClientAddressFields';
import { ClientCategoryFields } from './ClientCategoryFields';
import { alertError, clientFormResolver, EMPTY_CLIENT_FORM, toRegisterInput, type ClientFormValues } from './client-form';
import { ClientIdentityFields } from './ClientIdentityFields';
import type { TypedRecord } from './DuplicateCompare';
import { RegistrationConfirm, type PendingConfirmation } from './RegistrationConfirm';

function typedRecordOf(values: ClientFormValues): TypedRecord {
  const input = toRegisterInput(values);
  const orNull = (value: string) => (value.trim() === '' ? null : value.trim());
  const birthDate = values.isBirthYearEstimated ? null : orNull(values.birthDate);
  return {
    lastName: values.lastName.trim(),
    firstName: values.firstName.trim(),
    patronymic: orNull(values.patronymic),
    birthDate,
    birthYear: birthDate !== null ? Number(birthDate.slice(0, 4)) : (input.estimatedBirthYear ?? 0),
    isBirthDateEstimated: birthDate === null,
    sex: values.sex,
    pinfl: orNull(values.pinfl),
    phone: orNull(values.phone),
    regionCode: orNull(values.address.regionCode),
    districtCode: orNull(values.address.districtCode),
  };
}

function isWarningList(value: unknown): value is ClientWarning[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/**
 * Registers a client with the core's own schema. Whatever the core refuses, the form keeps every
 * value typed: field problems land on their fields, warnings and possible duplicates are shown
 * for confirmation, and a PINFL someone already holds leads to that client.
 */
export function RegisterClientPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<ClientFormValues, unknown, RegisterClientInput>({
    defaultValues: EMPTY_CLIENT_FORM,
    resolver: clientFormResolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
  });
  const [pending, setPending] = useState<PendingConfirmation | null>(null);
  const [existingId, setExistingId] = useState<string | null>(null);
  const open = (id: string) => void navigate(`/clients/${encodeURIComponent(id)}`);

  const register = useApiMutation('clients.register', {
    onMutate: () => {
      setExistingId(null);
    },
    onSuccess: (client) => {
      void queryClient.invalidateQueries({ queryKey: ['clients.search'] });
      open(client.id);
    },
    onError: (error) => {
      if (!(error instanceof AppError)) return;
      if (error.code === 'CONFIRMATION_REQUIRED') {
        const warnings = error.details?.warnings;
        const duplicates = error.details?.possibleDuplicates;
        setPending({ warnings: isWarningList(warnings) ? warnings : [], possibleDuplicates: Array.isArray(duplicates) ? duplicates : [] });
      } else if (error.code === 'DUPLICATE_PINFL') {
        setPending(null);
        const clientId = error.details?.clientId;
        setExistingId(typeof clientId === 'string' ? clientId : null);
        form.setError('pinfl', { type: 'custom', message: 'pinflTaken' });
      } else {
        setPending(null);
        applyServerIssues(form, error);
      }
    },
  });

  const submit = (confirmedWarnings: readonly ClientWarning[]) =>
    form.handleSubmit((input) => register.mutate({ ...input, confirmedWarnings: [...confirmedWarnings] }));

  const isAnswered = register.error instanceof AppError && ['CONFIRMATION_REQUIRED', 'DUPLICATE_PINFL'].includes(register.error.code);
  const shownError = isAnswered ? null : alertError(register.error, Object.keys(EMPTY_CLIENT_FORM).concat('estimatedBirthYear'));

  return (
    <Stack maw={900}>
      <Title order={2}>{t('clients:register.title')}</Title>
      <Paper withBorder p="md">
        <form
          onSubmit={(event) => {
            setPending(null);
            void submit([])(event);
          }}
          noValidate
          aria-label={t('clients:register.title')}
        >
          <Stack>
            <ClientIdentityFields form={form} />
            <Divider label={t('clients:register.address')} labelPosition="left" />
            <ClientAddressFields form={form} />
            <Divider label={t('clients:register.more')} labelPosition="left" />
            <ClientCategoryFields form={form} />
            {existingId !== null && (
              <Alert color="red" role="alert" title={t('errors:DUPLICATE_PINFL')} data-error-code="DUPLICATE_PINFL">
                <Button variant="white" color="red" onClick={() => open(existingId)}>
                  {t('clients:register.openExisting')}
                </Button>
              </Alert>
            )}
            <ErrorAlert error={shownError} />
            {pending !== null && (
              <RegistrationConfirm
                pending={pending}
                typed={typedRecordOf(form.getValues())}
                isSaving={register.isPending}
                onConfirm={(warnings) => void submit(warnings)()}
                onOpen={open}
                onCancel={() => setPending(null)}
              />
            )}
            <Group>
              <Button type="submit" loading={register.isPending && pending === null}>
                {t('clients:register.submit')}
              </Button>
              <Button variant="default" onClick={() => void navigate('/clients')}>
                {t('common:actions.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

import { Alert, Button, Divider, Group, Stack } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../core/api/errors';
import type { ClientWarning, RegisterClientInput } from '../../../core/clients/clients.schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues } from '../../forms/zod-form';
import { ClientAddressFields } from './ClientAddressFields';
import { ClientCategoryFields } from './ClientCategoryFields';
import { alertError, clientFormResolver, EMPTY_CLIENT_FORM, toRegisterInput, type ClientFormValues } from './client-form';
import { ClientIdentityFields } from './ClientIdentityFields';
import type { TypedRecord } from './DuplicateCompare';
import { useLeaveGuard } from '../../forms/leave-guard';
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
 * A client record's form (registering or editing) with the core's own schema. Whatever the core
 * refuses, the form keeps every value typed: field problems land on their fields, warnings and
 * possible duplicates are shown for confirmation, and a PINFL someone already holds leads to
 * that client. The caller owns the API call: `save` must report its outcome through `onError`.
 */
export function ClientForm({
  label,
  defaultValues = EMPTY_CLIENT_FORM,
  submitLabel,
  isSaving,
  save,
  onOpenClient,
  onCancel,
}: {
  readonly label: string;
  readonly defaultValues?: ClientFormValues;
  readonly submitLabel: string;
  readonly isSaving: boolean;
  /** Sends the input; calls `onError` with the core's refusal. */
  readonly save: (input: RegisterClientInput, onError: (error: unknown) => void) => void;
  readonly onOpenClient: (id: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const form = useForm<ClientFormValues, unknown, RegisterClientInput>({ defaultValues, resolver: clientFormResolver, mode: 'onSubmit', reValidateMode: 'onChange' });
  const [pending, setPending] = useState<PendingConfirmation | null>(null);
  const [existingId, setExistingId] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const guard = useLeaveGuard(form.formState.isDirty);
  // Opening the person already on record is a choice to drop what was typed about them: no question.
  const openExisting = (id: string) => {
    guard.release();
    onOpenClient(id);
  };

  function onError(refusal: unknown) {
    guard.hold();
    setError(refusal);
    setPending(null);
    if (!(refusal instanceof AppError)) return;
    if (refusal.code === 'CONFIRMATION_REQUIRED') {
      const warnings = refusal.details?.warnings;
      const duplicates = refusal.details?.possibleDuplicates;
      setPending({ warnings: isWarningList(warnings) ? warnings : [], possibleDuplicates: Array.isArray(duplicates) ? duplicates : [] });
    } else if (refusal.code === 'DUPLICATE_PINFL') {
      const clientId = refusal.details?.clientId;
      setExistingId(typeof clientId === 'string' ? clientId : null);
      form.setError('pinfl', { type: 'custom', message: 'pinflTaken' }, { shouldFocus: true });
    } else {
      applyServerIssues(form, refusal);
    }
  }

  const submit = (confirmedWarnings: readonly ClientWarning[]) =>
    form.handleSubmit((input) => {
      setError(null);
      setExistingId(null);
      // A saved form may be left: the caller opens the client's page.
      guard.release();
      save({ ...input, confirmedWarnings: [...confirmedWarnings] }, onError);
    });

  const isAnswered = error instanceof AppError && ['CONFIRMATION_REQUIRED', 'DUPLICATE_PINFL'].includes(error.code);
  const shownError = isAnswered ? null : alertError(error, [...Object.keys(EMPTY_CLIENT_FORM), 'estimatedBirthYear']);

  return (
    <form
      onSubmit={(event) => {
        setPending(null);
        void submit([])(event);
      }}
      noValidate
      aria-label={label}
    >
      {guard.dialog}
      <Stack>
        <ClientIdentityFields form={form} />
        <Divider label={t('clients:register.address')} labelPosition="left" />
        <ClientAddressFields form={form} />
        <Divider label={t('clients:register.more')} labelPosition="left" />
        <ClientCategoryFields form={form} />
        {existingId !== null && (
          <Alert color="red" role="alert" title={t('errors:DUPLICATE_PINFL')} data-error-code="DUPLICATE_PINFL">
            <Button variant="white" color="red" onClick={() => openExisting(existingId)}>
              {t('clients:register.openExisting')}
            </Button>
          </Alert>
        )}
        <ErrorAlert error={shownError} />
        {pending !== null && (
          <RegistrationConfirm
            pending={pending}
            typed={typedRecordOf(form.getValues())}
            isSaving={isSaving}
            onConfirm={(warnings) => void submit(warnings)()}
            onOpen={openExisting}
            onCancel={() => setPending(null)}
          />
        )}
        <Group>
          <Button type="submit" loading={isSaving && pending === null}>
            {submitLabel}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { FormProvider } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { AdminStep } from './AdminStep';
import { CenterFields } from '../center/CenterFields';
import { RecoveryCodeStep } from './RecoveryCodeStep';
import { CENTER_FIELDS, SETUP_DEFAULTS, setupFormSchema } from './setup-form';

/**
 * First start: the center, its administrator, then the recovery code. `onCreated` tells the gate
 * to keep this wizard on screen (the database now exists) until the code has been confirmed.
 */
export function SetupWizard({ onCreated, onFinished }: { readonly onCreated: () => void; readonly onFinished: () => void }) {
  const { t } = useTranslation();
  const [step, setStep] = useState(0);
  const [created, setCreated] = useState<{ readonly recoveryCode: string; readonly centerName: string } | null>(null);
  const form = useZodForm(setupFormSchema, { defaultValues: SETUP_DEFAULTS });
  const create = useApiMutation('setup.createCenter', {
    onSuccess: (result, input) => {
      onCreated();
      // The recovery sheet names the center it opens.
      setCreated({ recoveryCode: result.recoveryCode, centerName: input.center.name });
      setStep(2);
      // The password is not needed any more: do not keep it in the form's memory.
      form.reset(SETUP_DEFAULTS);
    },
    onError: (error) => {
      applyServerIssues(form, error);
      const centerFailed = CENTER_FIELDS.some((name) => form.getFieldState(name).error);
      if (centerFailed) setStep(0);
    },
  });

  async function next() {
    if (await form.trigger([...CENTER_FIELDS])) setStep(1);
  }

  const submitToCore = form.handleSubmit(({ center, admin }) => create.mutate({ center, admin }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void (step === 0 ? next() : submitToCore(event));
  }

  return (
    <Paper maw={720} mx="auto" p="lg" withBorder>
      <Stack>
        <Title order={2}>{t('setup:title')}</Title>
        <Text>{t('setup:intro')}</Text>
        <Stepper active={step} allowNextStepsSelect={false} size="sm">
          <Stepper.Step label={t('setup:steps.center')} />
          <Stepper.Step label={t('setup:steps.admin')} />
          <Stepper.Step label={t('setup:steps.recovery')} />
        </Stepper>
        {created !== null ? (
          <RecoveryCodeStep recoveryCode={created.recoveryCode} centerName={created.centerName} onFinished={onFinished} />
        ) : (
          <FormProvider {...form}>
            <form onSubmit={onSubmit} noValidate>
              <Stack>
                {step === 0 ? <CenterFields /> : <AdminStep />}
                <ErrorAlert error={create.error} />
                <Group justify="space-between">
                  {step === 1 ? (
                    <Button variant="default" onClick={() => setStep(0)}>
                      {t('common:actions.back')}
                    </Button>
                  ) : (
                    <span />
                  )}
                  <Button type="submit" loading={create.isPending}>
                    {step === 0 ? t('common:actions.next') : t('setup:createCenter')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </FormProvider>
        )}
      </Stack>
    </Paper>
  );
}

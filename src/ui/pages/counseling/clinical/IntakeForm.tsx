import { Button, Fieldset, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { NEED_AREAS, NEED_LEVELS } from '../../../../core/counseling/counseling.schema';
import { useApiMutation } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { DateField } from '../../../forms/DateField';
import { fieldError } from '../../../forms/field-error';
import { fieldIssuesOf } from '../../../i18n/issues';
import { todayLocal } from '../../clients/client-format';
import { intakeFieldPath, intakeResolver, type IntakeFormValues, type IntakeInput } from './intake-form';
import { placeServerIssues } from './schema-resolver';

type IntakeForm = UseFormReturn<IntakeFormValues, unknown, IntakeInput>;
type TextName = 'presentingProblem' | 'background' | 'livingSituation' | 'currentRisks';

function IntakeText({ form, name, withAsterisk = false }: { readonly form: IntakeForm; readonly name: TextName; readonly withAsterisk?: boolean }) {
  const { t } = useTranslation();
  return (
    <Textarea
      label={t(`counseling:intakeField.${name}`)}
      {...form.register(name)}
      error={fieldError(t, form.formState.errors[name])}
      withAsterisk={withAsterisk}
      autosize
      minRows={2}
      maxRows={6}
    />
  );
}

/** Needs by area (safety, health, psychosocial, legal, material): how pressing, and a note. */
function NeedsFields({ form }: { readonly form: IntakeForm }) {
  const { t } = useTranslation();
  const errors = form.formState.errors.needs;
  return (
    <Fieldset legend={t('counseling:intakeField.needs')} variant="unstyled">
      <Stack gap="xs">
        {NEED_AREAS.map((area) => (
          <Group key={area} align="flex-start" gap="xs" wrap="nowrap">
            <NativeSelect
              label={t('clinical:intake.needLevel', { area: t(`counseling:needArea.${area}`) })}
              {...form.register(`needs.${area}.level`)}
              data={NEED_LEVELS.map((level) => ({ value: level, label: t(`counseling:needLevel.${level}`) }))}
              error={fieldError(t, errors?.[area]?.level)}
              style={{ flex: 1 }}
            />
            <Textarea
              label={t('clinical:intake.needNote', { area: t(`counseling:needArea.${area}`) })}
              {...form.register(`needs.${area}.note`)}
              error={fieldError(t, errors?.[area]?.note)}
              autosize
              minRows={1}
              maxRows={4}
              style={{ flex: 2 }}
            />
          </Group>
        ))}
      </Stack>
    </Fieldset>
  );
}

/**
 * The survivor intake assessment (rehabilitation centers), as in Primero's survivor assessment:
 * the presenting problem in the client's own words, background and living situation, current
 * risks, and needs by area. Each save is a new record; the latest is the one shown.
 */
export function IntakeForm({ clientId, initial, onDone }: { readonly clientId: string; readonly initial: IntakeFormValues; readonly onDone?: () => void }) {
  const { t } = useTranslation();
  const resolver = useMemo(() => intakeResolver(clientId), [clientId]);
  const form = useForm<IntakeFormValues, unknown, IntakeInput>({ defaultValues: initial, resolver, reValidateMode: 'onChange' });
  const save = useApiMutation('counseling.recordIntake', {
    onSuccess: () => onDone?.(),
    onError: (error) => placeServerIssues(form, error, intakeFieldPath),
  });
  return (
    <form onSubmit={form.handleSubmit((input) => save.mutate(input))} noValidate aria-label={t('clinical:intake.formTitle')}>
      <Stack gap="sm">
        <DateField control={form.control} name="assessedOn" label={t('clinical:intake.assessedOn')} maxDate={todayLocal()} error={fieldError(t, form.formState.errors.assessedOn)} withAsterisk />
        <IntakeText form={form} name="presentingProblem" withAsterisk />
        <IntakeText form={form} name="background" />
        <IntakeText form={form} name="livingSituation" />
        <IntakeText form={form} name="currentRisks" />
        <NeedsFields form={form} />
        <ErrorAlert error={save.error} focus={fieldIssuesOf(save.error).length === 0} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('clinical:intake.save')}
        </Button>
      </Stack>
    </form>
  );
}

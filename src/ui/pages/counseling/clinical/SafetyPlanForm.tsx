import { Button, Checkbox, SimpleGrid, Stack, Textarea } from '@mantine/core';
import { useMemo } from 'react';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../forms/DateField';
import { fieldError } from '../../../forms/field-error';
import { useApiMutation } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { todayLocal } from '../../clients/client-format';
import { EmergencyContactsFields } from './EmergencyContactsFields';
import { fieldIssuesOf } from '../../../i18n/issues';
import { LIST_FIELDS, safetyPlanFieldPath, safetyPlanResolver, type SafetyPlanFormValues, type SafetyPlanInput } from './safety-plan-form';
import { placeServerIssues } from './schema-resolver';

type TextFieldName = 'mainConcern' | 'codeWordOrSignal' | 'stepsWhenViolenceHappens' | 'stepsAfterLeaving';

/** One free-text field of the plan, labelled as Primero names it. */
function TextField({ form, name, minRows = 2 }: { readonly form: UseFormReturn<SafetyPlanFormValues, unknown, SafetyPlanInput>; readonly name: TextFieldName; readonly minRows?: number }) {
  const { t } = useTranslation();
  return <Textarea label={t(`counseling:safetyPlanField.${name}`)} {...form.register(name)} error={fieldError(t, form.formState.errors[name])} autosize minRows={minRows} maxRows={6} />;
}

interface SafetyPlanFormProps {
  readonly clientId: string;
  /** The form's starting values: the current plan when revising it. */
  readonly initial: SafetyPlanFormValues;
  readonly onDone?: () => void;
}

/**
 * The safety plan, fields as Primero's: whether one is needed and was made with the client, the
 * main concern in her words, warning signs, safe places and people, a code word or signal,
 * documents to keep ready, emergency contacts, steps when violence happens and after leaving, and
 * the review date. Saving writes a new revision; the latest is the client's plan.
 */
export function SafetyPlanForm({ clientId, initial, onDone }: SafetyPlanFormProps) {
  const { t } = useTranslation();
  const resolver = useMemo(() => safetyPlanResolver(clientId), [clientId]);
  const form = useForm<SafetyPlanFormValues, unknown, SafetyPlanInput>({ defaultValues: initial, resolver, reValidateMode: 'onChange' });
  const save = useApiMutation('counseling.recordSafetyPlan', {
    onSuccess: () => onDone?.(),
    onError: (error) => placeServerIssues(form, error, safetyPlanFieldPath),
  });
  const isNeeded = useWatch({ control: form.control, name: 'isNeeded' });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => save.mutate(input))} noValidate aria-label={t('clinical:safetyPlan.formTitle')}>
      <Stack gap="sm">
        <Checkbox label={t('counseling:safetyPlanField.isNeeded')} {...form.register('isNeeded')} />
        <Checkbox label={t('counseling:safetyPlanField.isMadeWithClient')} {...form.register('isMadeWithClient')} />
        {isNeeded && (
          <>
            <TextField form={form} name="mainConcern" />
            <SimpleGrid cols={2} spacing="sm">
              {LIST_FIELDS.map((name) => (
                <Textarea
                  key={name}
                  label={t(`counseling:safetyPlanField.${name}`)}
                  description={t('clinical:safetyPlan.onePerLine')}
                  {...form.register(name)}
                  error={fieldError(t, errors[name])}
                  autosize
                  minRows={3}
                  maxRows={8}
                />
              ))}
            </SimpleGrid>
            <TextField form={form} name="codeWordOrSignal" minRows={1} />
            <EmergencyContactsFields control={form.control} register={form.register} errors={errors} />
            <TextField form={form} name="stepsWhenViolenceHappens" />
            <TextField form={form} name="stepsAfterLeaving" />
          </>
        )}
        <DateField control={form.control} name="reviewOn" label={t('counseling:safetyPlanField.reviewOn')} minDate={todayLocal()} error={fieldError(t, errors.reviewOn)} />
        <ErrorAlert error={save.error} focus={fieldIssuesOf(save.error).length === 0} />
        <Button type="submit" loading={save.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('clinical:safetyPlan.save')}
        </Button>
      </Stack>
    </form>
  );
}

import { MultiSelect, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONCERN_CODES, INTERVENTION_CODES, RISK_LEVELS, SENSITIVITY_TIERS, SESSION_FORMS, SESSION_KINDS } from '../../../core/counseling/counseling.schema';
import { DateField } from '../../forms/DateField';
import { todayLocal } from '../clients/client-format';
import { OtherClientsField } from './OtherClientsField';
import type { SessionFormOutput, SessionFormValues } from './session-form';
import { sessionFieldError } from './session-field-error';

type SessionForm = UseFormReturn<SessionFormValues, unknown, SessionFormOutput>;

/** The session's facts: when, what kind, how, how long, with whom; concerns and interventions as coded lists. */
export function SessionFactsFields({ form, clientId }: { readonly form: SessionForm; readonly clientId: string }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const kind = form.watch('kind');
  const codes = (list: 'concern' | 'intervention', values: readonly string[]) => values.map((code) => ({ value: code, label: t(`counseling:${list}.${code}`) }));
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <DateField control={form.control} name="startedOn" label={t('counselingSessions:field.startedOn')} maxDate={todayLocal()} withAsterisk error={sessionFieldError(t, errors.startedOn)} />
        <TextInput label={t('counselingSessions:field.startedTime')} placeholder="14:30" withAsterisk autoComplete="off" {...form.register('startedTime')} error={sessionFieldError(t, errors.startedTime)} />
        <NativeSelect label={t('counselingSessions:field.kind')} {...form.register('kind')} data={SESSION_KINDS.map((code) => ({ value: code, label: t(`counseling:kind.${code}`) }))} />
        <NativeSelect label={t('counselingSessions:field.form')} {...form.register('form')} data={SESSION_FORMS.map((code) => ({ value: code, label: t(`counseling:form.${code}`) }))} />
        <TextInput label={t('counselingSessions:field.durationMinutes')} inputMode="numeric" withAsterisk autoComplete="off" {...form.register('durationMinutes')} error={sessionFieldError(t, errors.durationMinutes)} />
        <NativeSelect
          label={t('counselingSessions:field.riskLevel')}
          {...form.register('riskLevel')}
          data={[{ value: '', label: t('counselingSessions:riskNotRated') }, ...RISK_LEVELS.map((code) => ({ value: code, label: t(`counseling:riskLevel.${code}`) }))]}
        />
        <NativeSelect
          label={t('counselingSessions:field.sensitivity')}
          description={t('counselingSessions:field.sensitivityHelp')}
          {...form.register('sensitivity')}
          data={SENSITIVITY_TIERS.map((code) => ({ value: code, label: t(`counseling:sensitivity.${code}`) }))}
        />
      </SimpleGrid>
      {(kind === 'family' || kind === 'group') && (
        <Controller control={form.control} name="otherClientIds" render={({ field }) => <OtherClientsField clientId={clientId} value={field.value} onChange={field.onChange} />} />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Controller
          control={form.control}
          name="concerns"
          render={({ field }) => (
            <MultiSelect label={t('counselingSessions:field.concerns')} data={codes('concern', CONCERN_CODES)} value={field.value} onChange={field.onChange} onBlur={field.onBlur} ref={field.ref} searchable clearable comboboxProps={{ withinPortal: true }} />
          )}
        />
        <Controller
          control={form.control}
          name="interventions"
          render={({ field }) => (
            <MultiSelect label={t('counselingSessions:field.interventions')} data={codes('intervention', INTERVENTION_CODES)} value={field.value} onChange={field.onChange} onBlur={field.onBlur} ref={field.ref} searchable clearable />
          )}
        />
      </SimpleGrid>
    </>
  );
}

/** What was said and what comes next: the note (confidential), progress, the next appointment. */
export function SessionNoteFields({ form }: { readonly form: SessionForm }) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  return (
    <>
      <Textarea
        label={t('counselingSessions:field.note')}
        description={t('counselingSessions:field.noteHelp')}
        autosize
        minRows={5}
        maxRows={12}
        {...form.register('note')}
        error={sessionFieldError(t, errors.note)}
      />
      <Textarea label={t('counselingSessions:field.progress')} autosize minRows={2} maxRows={6} {...form.register('progress')} error={sessionFieldError(t, errors.progress)} />
      <SimpleGrid cols={{ base: 1, sm: 4 }} spacing="sm">
        <DateField control={form.control} name="nextOn" label={t('counselingSessions:field.nextOn')} minDate={todayLocal()} error={sessionFieldError(t, errors.nextOn)} />
        <TextInput label={t('counselingSessions:field.nextTime')} placeholder="09:00" autoComplete="off" {...form.register('nextTime')} error={sessionFieldError(t, errors.nextTime)} />
      </SimpleGrid>
    </>
  );
}

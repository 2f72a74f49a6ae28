import { Button, Checkbox, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CATALOG_LANGUAGES } from '../../../core/services/services.schema';
import { ACCESSIBILITY_FEATURES, COURSE_KINDS, createCourseInput, DEFAULT_MIN_ATTENDANCE_PERCENT, MAX_COURSE_HOURS, TARGET_GROUPS, type CreateCourseInput } from '../../../core/training/training.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { currentLanguage } from '../../i18n/i18n';
import { LANGUAGE_AUTONYMS } from '../../i18n/languages';
import { alertError } from '../clients/client-form';
import { tradeName } from './training-format';
import { WholeNumberField } from './WholeNumberField';

const EMPTY: CreateCourseInput = {
  names: { 'uz-Latn': '', 'uz-Cyrl': '', ru: '', en: '' },
  kind: 'computerLiteracy',
  trade: null,
  hours: 36,
  minAttendancePercent: DEFAULT_MIN_ATTENDANCE_PERCENT,
  passMark: null,
  targetGroups: [],
  accessibility: [],
};

/** A new course: its name in the four languages, kind (and trade), hours and the completion rule. */
export function CourseForm({ onDone }: { readonly onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const trades = useApiQuery('training.listTrades', {});
  const form = useZodForm(createCourseInput, { defaultValues: EMPTY });
  const create = useApiMutation('training.createCourse', {
    onSuccess: () => {
      notifyDone(t('training:courses.created'), t('common:actions.close'));
      form.reset(EMPTY);
      onDone?.();
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  const kind = form.watch('kind');
  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate(input))} noValidate aria-label={t('training:courses.add')}>
      <Stack gap="sm">
        {CATALOG_LANGUAGES.map((lang, index) => (
          <TextInput
            key={lang}
            label={t('training:courses.nameIn', { language: LANGUAGE_AUTONYMS[lang] })}
            withAsterisk
            data-autofocus={index === 0 ? true : undefined}
            {...form.register(`names.${lang}`)}
            error={fieldError(t, errors.names?.[lang])}
          />
        ))}
        <NativeSelect
          label={t('training:courses.kind')}
          {...form.register('kind', { onChange: (event: { target: { value: string } }) => form.setValue('trade', event.target.value === 'vocational' ? 'sewing' : null) })}
          data={COURSE_KINDS.map((code) => ({ value: code, label: t(`training:kinds.${code}`) }))}
        />
        {kind === 'vocational' && (
          <Controller
            control={form.control}
            name="trade"
            render={({ field, fieldState }) => (
              <NativeSelect
                label={t('training:courses.trade')}
                value={field.value ?? ''}
                onChange={(event) => field.onChange(event.currentTarget.value === '' ? null : event.currentTarget.value)}
                error={fieldError(t, fieldState.error)}
                data={(trades.data?.items ?? []).map((trade) => ({ value: trade.code, label: tradeName(trade, trade.code, language, t) }))}
              />
            )}
          />
        )}
        <Group grow align="flex-start">
          <WholeNumberField control={form.control} name="hours" label={t('training:courses.hours')} min={1} max={MAX_COURSE_HOURS} />
          <WholeNumberField control={form.control} name="minAttendancePercent" label={t('training:courses.minAttendance')} min={1} max={100} />
          <WholeNumberField control={form.control} name="passMark" label={t('training:courses.passMark')} description={t('training:courses.passMarkHint')} min={0} max={100} isOptional />
        </Group>
        <Controller
          control={form.control}
          name="targetGroups"
          render={({ field }) => (
            <Checkbox.Group label={t('training:courses.targetGroups')} value={field.value ?? []} onChange={field.onChange}>
              <Group gap="sm" mt={4}>
                {TARGET_GROUPS.map((code) => (
                  <Checkbox key={code} value={code} label={t(`training:targetGroups.${code}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        <Controller
          control={form.control}
          name="accessibility"
          render={({ field }) => (
            <Checkbox.Group label={t('training:courses.accessibility')} value={field.value ?? []} onChange={field.onChange}>
              <Group gap="sm" mt={4}>
                {ACCESSIBILITY_FEATURES.map((code) => (
                  <Checkbox key={code} value={code} label={t(`training:accessibility.${code}`)} />
                ))}
              </Group>
            </Checkbox.Group>
          )}
        />
        <ErrorAlert error={alertError(create.error, ['names', 'kind', 'trade', 'hours', 'minAttendancePercent', 'passMark'])} />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('training:courses.save')}
        </Button>
      </Stack>
    </form>
  );
}

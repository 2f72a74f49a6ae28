import { Button, Chip, Group, NativeSelect, Stack, Text, TextInput } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { createCohortInput, MAX_COHORT_CAPACITY, MAX_SESSION_MINUTES, WEEKDAYS, type Course, type CreateCohortInput } from '../../../core/training/training.schema';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { useSession } from '../../session/session';
import { DateField } from '../../forms/DateField';
import { fieldError } from '../../forms/field-error';
import { applyServerIssues, useZodForm } from '../../forms/zod-form';
import { currentLanguage } from '../../i18n/i18n';
import { alertError } from '../clients/client-form';
import { todayLocal } from '../clients/client-format';
import { localName } from './training-format';
import { WholeNumberField } from './WholeNumberField';

/**
 * A course run at the center: its trainer (the one signed in), place, places and the weekly
 * rule the core turns into sessions (holidays skipped) until the course's hours are covered.
 */
export function CohortForm({ courses, onDone }: { readonly courses: readonly Course[]; readonly onDone?: () => void }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const session = useSession();
  const navigate = useNavigate();
  const defaults: CreateCohortInput = {
    courseId: courses[0]?.id ?? '',
    trainerIds: session.user?.role === 'trainer' ? [session.user.id] : [],
    place: '',
    capacity: 15,
    schedule: { startsOn: todayLocal(), weekdays: [1, 3, 5], startTime: '10:00', durationMinutes: 120 },
  };
  const form = useZodForm(createCohortInput, { defaultValues: defaults });
  const create = useApiMutation('training.createCohort', {
    onSuccess: (cohort) => {
      notifyDone(t('training:cohorts.created', { count: cohort.sessions.length }), t('common:actions.close'));
      onDone?.();
      void navigate(`/training/cohorts/${cohort.id}`);
    },
    onError: (error) => applyServerIssues(form, error),
  });
  const { errors } = form.formState;
  return (
    <form onSubmit={form.handleSubmit((input) => create.mutate(input))} noValidate aria-label={t('training:cohorts.add')}>
      <Stack gap="sm">
        <NativeSelect
          label={t('training:cohorts.course')}
          data-autofocus
          {...form.register('courseId')}
          error={fieldError(t, errors.courseId)}
          data={courses.map((course) => ({ value: course.id, label: `${localName(course.names, language)} (${t('training:courses.hoursShort', { hours: course.hours })})` }))}
        />
        <TextInput label={t('training:cohorts.place')} withAsterisk {...form.register('place')} error={fieldError(t, errors.place)} />
        <WholeNumberField control={form.control} name="capacity" label={t('training:cohorts.capacity')} min={1} max={MAX_COHORT_CAPACITY} />
        <DateField control={form.control} name="schedule.startsOn" label={t('training:cohorts.startsOn')} withAsterisk error={fieldError(t, errors.schedule?.startsOn)} />
        <Controller
          control={form.control}
          name="schedule.weekdays"
          render={({ field, fieldState }) => (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="cohort-weekdays">
                {t('training:cohorts.weekdays')}
              </Text>
              <Chip.Group multiple value={(field.value ?? []).map(String)} onChange={(values) => field.onChange(values.map(Number).sort())}>
                <Group gap={6} role="group" aria-labelledby="cohort-weekdays">
                  {WEEKDAYS.map((day) => (
                    <Chip key={day} value={String(day)} size="sm">
                      {t(`training:weekdays.${day}`)}
                    </Chip>
                  ))}
                </Group>
              </Chip.Group>
              {fieldState.error && (
                <Text size="xs" c="red" role="alert">
                  {fieldError(t, fieldState.error)}
                </Text>
              )}
            </Stack>
          )}
        />
        <Group grow align="flex-start">
          <TextInput label={t('training:cohorts.startTime')} description="HH:MM" {...form.register('schedule.startTime')} error={fieldError(t, errors.schedule?.startTime)} />
          <WholeNumberField control={form.control} name="schedule.durationMinutes" label={t('training:cohorts.duration')} min={15} max={MAX_SESSION_MINUTES} />
        </Group>
        <ErrorAlert error={alertError(create.error, ['courseId', 'place', 'capacity', 'schedule'])} />
        <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('training:cohorts.save')}
        </Button>
      </Stack>
    </form>
  );
}

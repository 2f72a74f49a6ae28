import { Alert, Button, Group, Loader, Radio, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../core/client';
import type { RiskInstrument, RiskLevel } from '../../../../core/counseling/counseling.schema';
import { riskRank, scoreRisk } from '../../../../core/counseling/risk-scoring.policy';
import { useApiMutation, useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { fieldError } from '../../../forms/field-error';
import { currentLanguage } from '../../../i18n/i18n';
import { RiskLevelBadge } from './RiskLevelBadge';

interface RiskFormValues {
  readonly answers: Record<string, string>;
}

/** The latest version of each instrument: new assessments never use an old one. */
function latestVersions(instruments: readonly RiskInstrument[]): RiskInstrument[] {
  const latest = new Map<string, RiskInstrument>();
  for (const instrument of instruments) {
    const seen = latest.get(instrument.id);
    if (!seen || seen.version < instrument.version) latest.set(instrument.id, instrument);
  }
  return [...latest.values()];
}

/** Every item must be answered: an unanswered one is refused under its question (the first one focused). */
function answersResolver(instrument: RiskInstrument): Resolver<RiskFormValues> {
  return (values) => {
    const missing = instrument.items.filter((item) => !item.options.some((option) => option.id === values.answers[item.id]));
    if (missing.length === 0) return { values, errors: {} };
    const answers = Object.fromEntries(missing.map((item) => [item.id, { type: 'invalid_value', message: '' }]));
    return { values: {}, errors: { answers } as never };
  };
}

/** Whether an answer's minimum level, not the total, gave the level (the form says so: the score alone would not explain it). */
function isRaisedByAnswer(instrument: RiskInstrument, scored: { readonly score: number; readonly level: RiskLevel }): boolean {
  const band = [...instrument.bands].reverse().find((candidate) => scored.score >= candidate.minScore);
  return band !== undefined && riskRank(band.level) < riskRank(scored.level);
}

interface RiskAssessmentFormProps {
  readonly clientId: string;
  /** The session the assessment belongs to, if it was made in one. */
  readonly sessionId?: string | null;
  /** Called with what the core recorded (the level, and the review date when the client went on the supervisors' list). */
  readonly onDone?: (recorded: OutputOf<'counseling.recordRiskAssessment'>) => void;
}

/** Loads the instruments (data from the core) and shows the form for the current one. */
export function RiskAssessmentForm(props: RiskAssessmentFormProps) {
  const { t } = useTranslation();
  const instruments = useApiQuery('counseling.riskInstruments', {});
  const [instrument] = useMemo(() => latestVersions(instruments.data?.items ?? []), [instruments.data]);
  if (instruments.isPending) return <Loader size="sm" aria-label={t('common:loading')} />;
  if (!instrument) return <ErrorAlert error={instruments.error} />;
  return <InstrumentForm key={`${instrument.id}@${instrument.version}`} instrument={instrument} {...props} />;
}

/**
 * One risk assessment with a versioned instrument: a question per item, the options with their
 * texts in the interface's language, and the level the answers give, computed as the core will
 * store it (`scoreRisk`). A rise to high or severe puts the client on the supervisors' list.
 */
function InstrumentForm({ instrument, clientId, sessionId = null, onDone }: RiskAssessmentFormProps & { readonly instrument: RiskInstrument }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const resolver = useMemo(() => answersResolver(instrument), [instrument]);
  const form = useForm<RiskFormValues>({ defaultValues: { answers: {} }, resolver, reValidateMode: 'onChange' });
  const answers = useWatch({ control: form.control, name: 'answers' });
  const answered = instrument.items.filter((item) => answers[item.id] !== undefined).length;
  const scored = scoreRisk(instrument, answers);
  const record = useApiMutation('counseling.recordRiskAssessment', { onSuccess: (recorded) => onDone?.(recorded) });
  const submit = form.handleSubmit((values) =>
    record.mutate({ clientId, sessionId, assessedAt: new Date().toISOString(), instrumentId: instrument.id, instrumentVersion: instrument.version, answers: values.answers }),
  );
  return (
    <form onSubmit={submit} noValidate aria-label={t('clinical:risk.formTitle')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('clinical:risk.instrument', { name: instrument.name[language], version: instrument.version })}
        </Text>
        {instrument.items.map((item, itemIndex) => (
          <Controller
            key={item.id}
            control={form.control}
            name={`answers.${item.id}`}
            render={({ field, fieldState }) => (
              <Radio.Group
                label={`${itemIndex + 1}. ${item.text[language]}`}
                value={field.value ?? null}
                onChange={field.onChange}
                error={fieldError(t, fieldState.error)}
                withAsterisk
              >
                <Group gap="lg" mt={4}>
                  {item.options.map((option, index) => (
                    <Radio key={option.id} value={option.id} label={option.text[language]} ref={index === 0 ? field.ref : undefined} onBlur={field.onBlur} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          />
        ))}
        <Alert color={scored ? 'blue' : 'gray'} role="status" title={t('clinical:risk.computedTitle')}>
          {scored ? (
            <Group gap="xs">
              <RiskLevelBadge level={scored.level} />
              <Text size="sm">{t('clinical:risk.score', { score: scored.score })}</Text>
              {isRaisedByAnswer(instrument, scored) && <Text size="sm">{t('clinical:risk.raisedByAnswer')}</Text>}
            </Group>
          ) : (
            <Text size="sm">{t('clinical:risk.answeredOf', { answered, total: instrument.items.length })}</Text>
          )}
        </Alert>
        <ErrorAlert error={record.error} />
        <Button type="submit" loading={record.isPending} style={{ alignSelf: 'flex-start' }}>
          {t('clinical:risk.record')}
        </Button>
      </Stack>
    </form>
  );
}

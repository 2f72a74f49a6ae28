import { Badge, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../core/client';
import { NEED_AREAS, type NeedLevel } from '../../../../core/counseling/counseling.schema';
import { formatDay } from './clinical-format';
import { ViewField } from './SafetyPlanView';

type Intake = NonNullable<OutputOf<'counseling.getIntake'>['intake']>;

const NEED_COLORS: Readonly<Record<NeedLevel, string>> = { none: 'gray', some: 'yellow', urgent: 'red' };

/** The client's latest survivor intake assessment, read-only. */
export function IntakeView({ intake, count }: { readonly intake: Intake; readonly count: number }) {
  const { t } = useTranslation();
  const { content } = intake;
  const text = (value: string) => (value === '' ? t('clinical:view.none') : value);
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('clinical:intake.assessedOnText', { day: formatDay(intake.assessedOn), number: count })}
      </Text>
      <ViewField label={t('counseling:intakeField.presentingProblem')}>{content.presentingProblem}</ViewField>
      <SimpleGrid cols={3} spacing="xs">
        <ViewField label={t('counseling:intakeField.background')}>{text(content.background)}</ViewField>
        <ViewField label={t('counseling:intakeField.livingSituation')}>{text(content.livingSituation)}</ViewField>
        <ViewField label={t('counseling:intakeField.currentRisks')}>{text(content.currentRisks)}</ViewField>
      </SimpleGrid>
      <ViewField label={t('counseling:intakeField.needs')}>
        <Stack gap={4}>
          {NEED_AREAS.map((area) => (
            <Group key={area} gap="xs" wrap="nowrap" align="flex-start">
              <Text size="sm" w={190} style={{ flexShrink: 0 }}>
                {t(`counseling:needArea.${area}`)}
              </Text>
              <Badge color={NEED_COLORS[content.needs[area].level]} variant="light" style={{ flexShrink: 0 }}>
                {t(`counseling:needLevel.${content.needs[area].level}`)}
              </Badge>
              {content.needs[area].note !== '' && <Text size="sm">{content.needs[area].note}</Text>}
            </Group>
          ))}
        </Stack>
      </ViewField>
    </Stack>
  );
}

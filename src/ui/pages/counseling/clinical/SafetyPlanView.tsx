import { List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutputOf } from '../../../../core/client';
import { formatDay, formatInstant } from './clinical-format';

type SafetyPlan = NonNullable<OutputOf<'counseling.getSafetyPlan'>['plan']>;

/** One labelled part of a record view (grids of these would break a definition list's structure, so plain blocks). */
export function ViewField({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      <Text component="div" size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function ItemList({ items }: { readonly items: readonly string[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <>{t('clinical:view.none')}</>;
  return (
    <List size="sm">
      {items.map((item, index) => (
        <List.Item key={`${index}-${item}`}>{item}</List.Item>
      ))}
    </List>
  );
}

/** The client's current safety plan, read-only (reading it was audited by the core). */
export function SafetyPlanView({ plan, revisions }: { readonly plan: SafetyPlan; readonly revisions: number }) {
  const { t } = useTranslation();
  const { content } = plan;
  const text = (value: string) => (value === '' ? t('clinical:view.none') : value);
  const yesNo = (value: boolean) => (value ? t('clinical:view.yes') : t('clinical:view.no'));
  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('clinical:safetyPlan.recordedAt', { at: formatInstant(plan.createdAt), number: revisions })}
      </Text>
      <Stack gap="xs">
        <SimpleGrid cols={3} spacing="xs">
          <ViewField label={t('counseling:safetyPlanField.isNeeded')}>{yesNo(content.isNeeded)}</ViewField>
          <ViewField label={t('counseling:safetyPlanField.isMadeWithClient')}>{yesNo(content.isMadeWithClient)}</ViewField>
          <ViewField label={t('counseling:safetyPlanField.reviewOn')}>{plan.reviewOn === null ? t('clinical:view.none') : formatDay(plan.reviewOn)}</ViewField>
        </SimpleGrid>
        <ViewField label={t('counseling:safetyPlanField.mainConcern')}>{text(content.mainConcern)}</ViewField>
        <SimpleGrid cols={2} spacing="xs">
          <ViewField label={t('counseling:safetyPlanField.warningSigns')}>
            <ItemList items={content.warningSigns} />
          </ViewField>
          <ViewField label={t('counseling:safetyPlanField.safePlaces')}>
            <ItemList items={content.safePlaces} />
          </ViewField>
          <ViewField label={t('counseling:safetyPlanField.safePeople')}>
            <ItemList items={content.safePeople} />
          </ViewField>
          <ViewField label={t('counseling:safetyPlanField.documentsToKeepReady')}>
            <ItemList items={content.documentsToKeepReady} />
          </ViewField>
        </SimpleGrid>
        <ViewField label={t('counseling:safetyPlanField.codeWordOrSignal')}>{text(content.codeWordOrSignal)}</ViewField>
        <ViewField label={t('counseling:safetyPlanField.emergencyContacts')}>
          <ItemList items={content.emergencyContacts.map((contact) => [contact.name, contact.phone, contact.relation].filter((part) => part !== '').join(', '))} />
        </ViewField>
        <ViewField label={t('counseling:safetyPlanField.stepsWhenViolenceHappens')}>{text(content.stepsWhenViolenceHappens)}</ViewField>
        <ViewField label={t('counseling:safetyPlanField.stepsAfterLeaving')}>{text(content.stepsAfterLeaving)}</ViewField>
      </Stack>
    </Stack>
  );
}

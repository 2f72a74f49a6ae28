import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session';
import { useGeoNames } from '../../components/geo-names';
import { useReaderNames } from '../../components/reader-names';
import type { ClientView } from '../../../core/clients/clients.policy';
import { formatPhone } from '../../../core/uz/uz.schema';
import { birthOrAgeLabel, birthOrAgeText, formatDay, todayLocal } from './client-format';

function Field({ label, value }: { readonly label: string; readonly value: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {/* Text, never markup: whatever was typed is shown exactly as typed. */}
      <Text style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{value === '' ? '—' : value}</Text>
    </Stack>
  );
}

/** One labelled field, or nothing at all when the role's view does not give it (no empty label). */
function Shown({ label, value }: { readonly label: string; readonly value: string | undefined }) {
  return value === undefined ? null : <Field label={label} value={value} />;
}

/**
 * The client's record as the signed-in role may see it (the core leaves out what the role's view
 * does not hold: clients.policy.ts), with what the core derives (age, youth).
 */
export function ClientIdentityCard({ client }: { readonly client: ClientView }) {
  const { t } = useTranslation();
  const session = useSession();
  const geo = useGeoNames();
  // The card is the record: the name as typed, whatever script the reader sees it in elsewhere.
  const { script } = useReaderNames();
  const document =
    client.identityDocument === undefined
      ? undefined
      : client.identityDocument === null
        ? ''
        : `${t(`clients:document.${client.identityDocument.type}`)} ${client.identityDocument.number}`;
  const disabilityGroup = client.disabilityGroup;
  const categories = client.categories?.map((category) =>
    category === 'personWithDisability' && disabilityGroup !== undefined && disabilityGroup !== null
      ? `${t('clients:category.personWithDisability')} (${t(`clients:disabilityGroup.${disabilityGroup}`)})`
      : t(`clients:category.${category}`),
  );
  // Without categories in the view, the disability group is shown on its own.
  const disabilityAlone =
    categories === undefined && disabilityGroup !== undefined ? (disabilityGroup === null ? '' : t(`clients:disabilityGroup.${disabilityGroup}`)) : undefined;
  const address =
    client.address === undefined
      ? undefined
      : [geo.region(client.address.regionCode ?? null), geo.district(client.address.districtCode ?? null), client.address.mahalla ?? '', client.address.street ?? '']
          .filter((part) => part !== '')
          .join(', ');
  const birth = birthOrAgeText(t, client);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="identity-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={3} size="h4" id="identity-title">
            {t('clients:page.identity')}
          </Title>
          {session.can('clients.write') && (
            <Button component={Link} to={`/clients/${encodeURIComponent(client.id)}/registration-card`} variant="default" size="xs">
              {t('consentForm:card.action')}
            </Button>
          )}
        </Group>
        {script !== null && client.lastName !== undefined && (
          <Text size="sm" c="dimmed">
            {t('clients:page.nameAsTyped')}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" verticalSpacing="xs">
          <Shown label={t('clients:field.lastName')} value={client.lastName} />
          <Shown label={t('clients:field.firstName')} value={client.firstName} />
          <Shown label={t('clients:field.patronymic')} value={client.lastName === undefined ? undefined : (client.patronymic ?? '')} />
          <Shown label={birthOrAgeLabel(t, client)} value={birth === '' ? undefined : birth} />
          <Shown label={t('clients:field.sex')} value={client.sex === undefined ? undefined : t(`clients:sex.${client.sex}`)} />
          <Shown label={t('clients:field.pinfl')} value={client.pinfl === undefined ? undefined : (client.pinfl ?? '')} />
          <Shown label={t('clients:page.document')} value={document} />
          <Shown label={t('clients:field.phone')} value={client.phone === undefined ? undefined : client.phone === null ? '' : formatPhone(client.phone)} />
          <Shown label={t('clients:page.address')} value={address} />
          <Shown label={t('clients:field.categories')} value={categories?.join(', ')} />
          <Shown label={t('clients:field.disabilityGroup')} value={disabilityAlone} />
          <Shown label={t('clients:field.languages')} value={client.languages?.map((language) => t(`clients:language.${language}`)).join(', ')} />
          <Field label={t('clients:page.registeredOn')} value={formatDay(todayLocal(new Date(client.createdAt)))} />
        </SimpleGrid>
        <Shown label={t('clients:field.remarks')} value={client.remarks === undefined ? undefined : (client.remarks ?? '')} />
        {client.pinflWarnings !== undefined && client.pinflWarnings.length > 0 && (
          <Text size="sm" c="orange">
            {t('clients:page.confirmedWarnings', { warnings: client.pinflWarnings.map((warning) => t(`clients:warning.${warning}`)).join(' ') })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

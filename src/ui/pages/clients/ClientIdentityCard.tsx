import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../session/session';
import { useGeoNames } from '../../components/geo-names';
import type { ClientRecord } from '../../../core/clients/clients.schema';
import { birthText, formatDay, todayLocal } from './client-format';


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

/** The client's record as stored, with what the core derives (age, youth). */
export function ClientIdentityCard({ client }: { readonly client: ClientRecord }) {
  const { t } = useTranslation();
  const session = useSession();
  const geo = useGeoNames();
  const document = client.identityDocument ? `${t(`clients:document.${client.identityDocument.type}`)} ${client.identityDocument.number}` : '';
  const categories = client.categories.map((category) =>
    category === 'personWithDisability' && client.disabilityGroup !== null
      ? `${t('clients:category.personWithDisability')} (${t(`clients:disabilityGroup.${client.disabilityGroup}`)})`
      : t(`clients:category.${category}`),
  );
  const address = [geo.region(client.address.regionCode), geo.district(client.address.districtCode), client.address.mahalla ?? '', client.address.street ?? '']
    .filter((part) => part !== '')
    .join(', ');
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
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Field label={t('clients:field.lastName')} value={client.lastName} />
          <Field label={t('clients:field.firstName')} value={client.firstName} />
          <Field label={t('clients:field.patronymic')} value={client.patronymic ?? ''} />
          <Field label={t('clients:field.birthDate')} value={`${birthText(t, client)} · ${t('clients:page.age', { count: client.ageYears })}`} />
          <Field label={t('clients:field.sex')} value={t(`clients:sex.${client.sex}`)} />
          <Field label={t('clients:field.pinfl')} value={client.pinfl ?? ''} />
          <Field label={t('clients:page.document')} value={document} />
          <Field label={t('clients:field.phone')} value={client.phone ?? ''} />
          <Field label={t('clients:page.address')} value={address} />
          <Field label={t('clients:field.categories')} value={categories.join(', ')} />
          <Field label={t('clients:field.languages')} value={client.languages.map((language) => t(`clients:language.${language}`)).join(', ')} />
          <Field label={t('clients:page.registeredOn')} value={formatDay(todayLocal(new Date(client.createdAt)))} />
        </SimpleGrid>
        <Field label={t('clients:field.remarks')} value={client.remarks ?? ''} />
        {client.pinflWarnings.length > 0 && (
          <Text size="sm" c="orange">
            {t('clients:page.confirmedWarnings', { warnings: client.pinflWarnings.map((warning) => t(`clients:warning.${warning}`)).join(' ') })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useGeoNames } from '../../../components/geo-names';
import { useSession } from '../../../session/session';
import { birthText, formatDay, fullName, todayLocal } from '../client-format';
import { formatPhone } from '../../../../core/uz/uz.schema';
import type { PrintLanguage } from './print-language';
import { PrintScreen, type PrintedCenter, type PrintedClient } from './PrintScreen';

/**
 * The client's registration card for the paper file: who registered where and when, and how to
 * reach them. It leaves out PINFL, documents, categories (a survivor of violence is not written on
 * a card others may see) and remarks.
 */
export function RegistrationCardPage() {
  return (
    <PrintScreen
      titleKey="consentForm:card.screenTitle"
      introKey="consentForm:card.intro"
      sheet={({ language, client, center }) => <RegistrationCard language={language} client={client} center={center} />}
    />
  );
}

function RegistrationCard({ language, client, center }: { readonly language: PrintLanguage; readonly client: PrintedClient; readonly center: PrintedCenter }) {
  const { i18n } = useTranslation();
  const session = useSession();
  const geo = useGeoNames();
  const t = i18n.getFixedT(language);
  const address = [client.address.regionCode !== null ? geo.place(client.address.regionCode, client.address.districtCode, language) : '', client.address.mahalla ?? '', client.address.street ?? '']
    .filter((part) => part !== '')
    .join(', ');
  const rows: readonly (readonly [string, string])[] = [
    [t('consentForm:card.name'), fullName(client)],
    [t('consentForm:card.birth'), birthText(t, client)],
    [t('consentForm:card.sex'), t(`clients:sex.${client.sex}`)],
    [t('consentForm:card.address'), address],
    [t('consentForm:card.phone'), client.phone === null ? '' : formatPhone(client.phone)],
    [t('consentForm:card.registeredOn'), formatDay(todayLocal(new Date(client.createdAt)))],
  ];
  return (
    <section className="print-area consent-sheet" lang={language} aria-label={t('consentForm:card.title')}>
      <Stack gap="sm">
        <Text fw={700} size="lg" ta="center">
          {t('consentForm:card.title')}
        </Text>
        <Text size="sm">{t('consentForm:sheet.center', { name: center.name, type: t(`setup:centerTypes.${center.type}`) })}</Text>
        <Text size="sm">{t('consentForm:sheet.centerPlace', { place: geo.place(center.regionCode, center.districtCode, language) })}</Text>
        <Table className="card-table" aria-label={t('consentForm:card.title')}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th scope="row" w="35%">
                  {label}
                </Table.Th>
                <Table.Td>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <div className="consent-sheet-signatures">
          <Text size="sm">{t('consentForm:sheet.staffSignature', { name: session.user?.displayName ?? '' })}</Text>
          <Text size="sm">{t('consentForm:sheet.date', { date: formatDay(todayLocal()) })}</Text>
        </div>
      </Stack>
    </section>
  );
}

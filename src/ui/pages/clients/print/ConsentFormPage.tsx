import { Alert, Button, Group, Loader, NativeSelect, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { OutputOf } from '../../../../core/client';
import { CONSENT_PURPOSES } from '../../../../core/consents/consents.schema';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useGeoNames } from '../../../components/geo-names';
import { currentLanguage } from '../../../i18n/i18n';
import { LANGUAGE_AUTONYMS } from '../../../i18n/languages';
import { useSession } from '../../../session/session';
import { birthText, formatDay, fullName, todayLocal } from '../client-format';
import { defaultPrintLanguage, PRINT_LANGUAGES, type PrintLanguage } from './print-language';

/**
 * The consent form for the client to sign, printed in the client's language: the center's
 * details, the client, each purpose with what it means, the choices already recorded (ticked) or
 * boxes to tick by hand, and lines for both signatures. Only the sheet prints.
 */
export function ConsentFormPage() {
  const { t, i18n } = useTranslation();
  const { clientId = '' } = useParams();
  const client = useApiQuery('clients.get', { id: clientId });
  const consents = useApiQuery('consents.list', { clientId });
  const center = useApiQuery('center.get', {});
  const [chosen, setChosen] = useState<PrintLanguage | null>(null);
  const uiLanguage = currentLanguage(i18n);
  const error = client.error ?? consents.error ?? center.error;

  if (error) return <ErrorAlert error={error} />;
  if (!client.data || !consents.data || !center.data) return <Loader size="sm" aria-label={t('common:loading')} />;
  const language = chosen ?? defaultPrintLanguage(client.data.languages, uiLanguage);

  return (
    <Stack maw={820}>
      <Title order={2}>{t('consentForm:screen.title')}</Title>
      <Text size="sm">{t('consentForm:screen.intro')}</Text>
      <Group align="flex-end">
        <NativeSelect
          label={t('consentForm:screen.language')}
          value={language}
          onChange={(event) => setChosen(event.currentTarget.value as PrintLanguage)}
          data={PRINT_LANGUAGES.map((value) => ({ value, label: LANGUAGE_AUTONYMS[value] }))}
        />
        <Button onClick={() => window.print()}>{t('consentForm:screen.print')}</Button>
        <Button component={Link} to={`/clients/${encodeURIComponent(clientId)}`} variant="default">
          {t('consentForm:screen.back')}
        </Button>
      </Group>
      {client.data.status === 'merged' && <Alert color="yellow">{t('consentForm:screen.merged')}</Alert>}
      <ConsentSheet language={language} client={client.data} consents={consents.data} center={center.data} />
    </Stack>
  );
}

type Client = OutputOf<'clients.get'>;
type Consents = OutputOf<'consents.list'>;
type Center = OutputOf<'center.get'>;

/** The sheet itself, every word in the print language (not the interface's). */
function ConsentSheet({ language, client, consents, center }: { readonly language: PrintLanguage; readonly client: Client; readonly consents: Consents; readonly center: Center }) {
  const { i18n } = useTranslation();
  const session = useSession();
  const geo = useGeoNames();
  const t = i18n.getFixedT(language);
  const region = geo.regions.find((candidate) => candidate.code === center.regionCode);
  const district = region?.districts.find((candidate) => candidate.code === center.districtCode);
  const clientRegion = geo.regions.find((candidate) => candidate.code === client.address.regionCode);
  const clientDistrict = clientRegion?.districts.find((candidate) => candidate.code === client.address.districtCode);
  const mark = (ticked: boolean) => (ticked ? '☒' : '☐');

  return (
    <section className="print-area consent-sheet" lang={language} aria-label={t('consentForm:sheet.title')}>
      <Stack gap="sm">
        <Text fw={700} size="lg" ta="center">
          {t('consentForm:sheet.title')}
        </Text>
        <Text size="sm">{t('consentForm:sheet.center', { name: center.name, type: t(`setup:centerTypes.${center.type}`) })}</Text>
        <Text size="sm">{t('consentForm:sheet.centerPlace', { district: district?.name[language] ?? center.districtCode, region: region?.name[language] ?? center.regionCode })}</Text>
        <Text size="sm">{t('consentForm:sheet.client', { name: fullName(client), birth: birthText(t, client) })}</Text>
        {clientRegion && <Text size="sm">{t('consentForm:sheet.clientPlace', { district: clientDistrict?.name[language] ?? '', region: clientRegion.name[language] })}</Text>}
        <Text size="sm">{t('consentForm:sheet.intro')}</Text>
        <table className="consent-sheet-purposes">
          <thead>
            <tr>
              <th scope="col">{t('consentForm:sheet.purpose')}</th>
              <th scope="col">{t('consentForm:sheet.agree')}</th>
              <th scope="col">{t('consentForm:sheet.disagree')}</th>
            </tr>
          </thead>
          <tbody>
            {CONSENT_PURPOSES.map((purpose) => {
              const state = consents.current[purpose]?.state;
              return (
                <tr key={purpose}>
                  <th scope="row">
                    <Text size="sm" fw={600}>
                      {t(`care:consents.purpose.${purpose}`)}
                    </Text>
                    <Text size="xs">{t(`consentForm:explain.${purpose}`)}</Text>
                  </th>
                  <td aria-label={t('consentForm:sheet.agree')}>{mark(state === 'given')}</td>
                  <td aria-label={t('consentForm:sheet.disagree')}>{mark(state === 'refused' || state === 'withdrawn')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <Text size="sm">{t('consentForm:sheet.withdraw')}</Text>
        <div className="consent-sheet-signatures">
          <Text size="sm">{t('consentForm:sheet.clientSignature')}</Text>
          <Text size="sm">{t('consentForm:sheet.staffSignature', { name: session.user?.displayName ?? '' })}</Text>
          <Text size="sm">{t('consentForm:sheet.date', { date: formatDay(todayLocal()) })}</Text>
        </div>
      </Stack>
    </section>
  );
}

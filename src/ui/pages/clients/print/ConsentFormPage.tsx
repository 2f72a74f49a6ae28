import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { OutputOf } from '../../../../core/client';
import { CONSENT_PURPOSES } from '../../../../core/consents/consents.schema';
import { useApiQuery } from '../../../api/api';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { useGeoNames } from '../../../components/geo-names';
import { useSession } from '../../../session/session';
import { birthText, formatDay, fullName, todayLocal } from '../client-format';
import type { PrintLanguage } from './print-language';
import { PrintScreen, type PrintedCenter, type PrintedClient } from './PrintScreen';

/**
 * The consent form for the client to sign, printed in the client's language: the center's
 * details, the client, each purpose with what it means, the choices already recorded (ticked) or
 * boxes to tick by hand, and lines for both signatures.
 */
export function ConsentFormPage() {
  const { clientId = '' } = useParams();
  const consents = useApiQuery('consents.list', { clientId });
  if (consents.error) return <ErrorAlert error={consents.error} />;
  const overview = consents.data;
  return (
    <PrintScreen
      titleKey="consentForm:screen.title"
      introKey="consentForm:screen.intro"
      sheet={({ language, client, center }) => overview && <ConsentSheet language={language} client={client} consents={overview} center={center} />}
    />
  );
}

type Consents = OutputOf<'consents.list'>;

/** The sheet itself, every word in the print language (not the interface's). */
function ConsentSheet({ language, client, consents, center }: { readonly language: PrintLanguage; readonly client: PrintedClient; readonly consents: Consents; readonly center: PrintedCenter }) {
  const { i18n } = useTranslation();
  const session = useSession();
  const geo = useGeoNames();
  const t = i18n.getFixedT(language);
  const mark = (ticked: boolean) => (ticked ? '☒' : '☐');

  return (
    <section className="print-area consent-sheet" lang={language} aria-label={t('consentForm:sheet.title')}>
      <Stack gap="sm">
        <Text fw={700} size="lg" ta="center">
          {t('consentForm:sheet.title')}
        </Text>
        <Text size="sm">{t('consentForm:sheet.center', { name: center.name, type: t(`setup:centerTypes.${center.type}`) })}</Text>
        <Text size="sm">{t('consentForm:sheet.centerPlace', { place: geo.place(center.regionCode, center.districtCode, language) })}</Text>
        <Text size="sm">{t('consentForm:sheet.client', { name: fullName(client), birth: birthText(t, client) })}</Text>
        {client.address.regionCode !== null && (
          <Text size="sm">{t('consentForm:sheet.clientPlace', { place: geo.place(client.address.regionCode, client.address.districtCode, language) })}</Text>
        )}
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

import { Alert, Button, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateCheck } from '../../../core/training/certificates.service';
import { useApi } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDay } from '../clients/client-format';

/** What the certificate says, as it was signed: number, learner, course, hours, day, center. */
function CertificateFacts({ payload }: { readonly payload: Extract<CertificateCheck, { status: 'valid' }>['payload'] }) {
  const { t } = useTranslation();
  const rows: readonly [string, string][] = [
    [t('training:verify.number'), payload.n],
    [t('training:verify.learner'), payload.nm],
    [t('training:verify.course'), payload.c],
    [t('training:verify.hours'), String(payload.h)],
    [t('training:verify.issuedOn'), formatDay(payload.d)],
    [t('training:verify.center'), payload.ctr],
  ];
  return (
    <Table variant="vertical" layout="fixed" withTableBorder maw={720}>
      <Table.Tbody>
        {rows.map(([term, value]) => (
          <Table.Tr key={term}>
            <Table.Th scope="row" w="35%">
              {term}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Verdict({ check }: { readonly check: CertificateCheck }) {
  const { t } = useTranslation();
  if (check.status === 'valid') {
    return (
      <Stack role="status" data-verdict="valid">
        <Alert color="teal" title={t('training:verify.valid')} maw={720}>
          {t(check.isIssuedHere ? 'training:verify.issuedHere' : check.vouchedBy === 'registry' ? 'training:verify.vouchedByRegistry' : 'training:verify.signedHere')}
        </Alert>
        <CertificateFacts payload={check.payload} />
      </Stack>
    );
  }
  return (
    <Alert color={check.status === 'forged' ? 'red' : 'orange'} role="alert" title={t(`training:verify.${check.status}Title`)} data-verdict={check.status} maw={720}>
      {t(`training:verify.${check.status}`)}
    </Alert>
  );
}

/**
 * Checking a certificate someone brings (an employer, a learner): a USB scanner types the QR code
 * into the field, or the code is pasted. The check needs no connection: this center's keys, or the
 * registry's root key pinned at enrollment for a certificate from another center.
 */
export function VerifyCertificatePage() {
  const { t } = useTranslation();
  const api = useApi();
  const [code, setCode] = useState('');
  const [check, setCheck] = useState<CertificateCheck | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [isChecking, setIsChecking] = useState(false);

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    if (code.trim() === '') return;
    setIsChecking(true);
    setError(null);
    api
      .invoke('training.verifyCertificate', { qrText: code.trim() })
      .then(setCheck, (failure: unknown) => {
        setCheck(null);
        setError(failure);
      })
      .finally(() => setIsChecking(false));
  };

  return (
    <Stack>
      <Stack gap={4}>
        <Title order={2}>{t('training:verify.title')}</Title>
        <Text c="dimmed" size="sm" maw={900}>
          {t('training:verify.intro')}
        </Text>
      </Stack>
      <form onSubmit={submit}>
        <Stack maw={720}>
          <Textarea
            label={t('training:verify.code')}
            description={t('training:verify.codeHint')}
            value={code}
            onChange={(event) => {
              setCode(event.currentTarget.value);
              setCheck(null);
            }}
            onKeyDown={(event) => {
              // A scanner ends the code with Enter: that checks it (Shift+Enter is a new line).
              if (event.key === 'Enter' && !event.shiftKey) submit(event);
            }}
            autosize
            minRows={3}
            maxRows={8}
            autoFocus
            spellCheck={false}
            autoComplete="off"
            styles={{ input: { fontFamily: 'monospace' } }}
          />
          <Group>
            <Button type="submit" loading={isChecking} disabled={code.trim() === ''}>
              {t('training:verify.check')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ErrorAlert error={error} />
      {check !== null && <Verdict check={check} />}
    </Stack>
  );
}

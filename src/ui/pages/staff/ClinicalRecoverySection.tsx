import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { formatDay } from '../clients/client-format';
import { ActorPasswordDialog } from './ActorPasswordDialog';

/**
 * Who holds the key to notes, and the clinical recovery code (issue 10 item 8). Says plainly when
 * nobody holds the key and no printed code can give it again: the existing notes cannot be read.
 * A supervisor who holds the key makes the code here (her password again) and prints it once.
 */
export function ConfidentialKeyNotice() {
  const { t } = useTranslation();
  const status = useApiQuery('staff.confidentialKeyStatus', {});
  // Only where someone could hold it: a center without psychologists has no notes to lose.
  if (!status.data || status.data.holders > 0 || status.data.eligible === 0) return null;
  const canBeRecovered = status.data.clinicalRecoveryCreatedAt !== null || status.data.administratorCodeOpensNotes;
  return (
    <Alert color={canBeRecovered ? 'yellow' : 'red'} role="status" title={t('staff:confidential.status.nobodyTitle')}>
      {t(canBeRecovered ? 'staff:confidential.status.nobodyRecoverable' : 'staff:confidential.status.nobodyLost')}
    </Alert>
  );
}

export function ClinicalRecoverySection({ isSupervisorHolder }: { readonly isSupervisorHolder: boolean }) {
  const { t } = useTranslation();
  const status = useApiQuery('staff.confidentialKeyStatus', {});
  const [isAsking, setAsking] = useState(false);
  const [code, setCode] = useState<string | null>(null);
  const create = useApiMutation('staff.createClinicalRecoveryCode', {
    onSuccess: (result) => {
      setAsking(false);
      setCode(result.recoveryCode);
    },
  });
  const createdAt = status.data?.clinicalRecoveryCreatedAt ?? null;
  return (
    <Stack gap="xs" mt="lg">
      <Title order={3} size="h4">
        {t('staff:confidential.clinical.title')}
      </Title>
      <Text size="sm">{t('staff:confidential.clinical.intro')}</Text>
      {status.data && (
        <Text size="sm" fw={500}>
          {createdAt ? t('staff:confidential.clinical.exists', { date: formatDay(createdAt.slice(0, 10)) }) : t('staff:confidential.clinical.none')}
        </Text>
      )}
      {code && (
        <Alert color="teal" role="status" title={t('staff:confidential.clinical.shownOnce')}>
          <Stack gap="xs" className="print-area">
            <Text fw={600}>{t('staff:confidential.clinical.sheet', { date: formatDay(new Date().toISOString().slice(0, 10)) })}</Text>
            <Code block fz="lg" aria-label={t('staff:confidential.clinical.codeLabel')}>
              {code}
            </Code>
            <Group>
              <Button variant="default" onClick={() => window.print()}>
                {t('staff:confidential.clinical.print')}
              </Button>
              <Button variant="light" onClick={() => setCode(null)}>
                {t('staff:temporary.done')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {isSupervisorHolder && (
        <Button variant="default" onClick={() => setAsking(true)} style={{ alignSelf: 'flex-start' }}>
          {t(createdAt ? 'staff:confidential.clinical.replace' : 'staff:confidential.clinical.create')}
        </Button>
      )}
      {isAsking && (
        <ActorPasswordDialog
          title={t('staff:confidential.clinical.title')}
          explanation={t('staff:confidential.clinical.explanation')}
          submitLabel={t('staff:confidential.clinical.create')}
          isPending={create.isPending}
          error={create.error}
          onSubmit={(actorPassword) => create.mutate({ actorPassword })}
          onCancel={() => setAsking(false)}
        />
      )}
    </Stack>
  );
}

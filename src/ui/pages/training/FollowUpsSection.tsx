import { Badge, Button, Group, NativeSelect, Radio, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMPLOYER_TYPES, OUTCOME_STATUSES, type EmployerType, type FollowUpDue, type OutcomeStatus } from '../../../core/training/training.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { formatDay } from '../clients/client-format';
import { useReaderNames } from '../../components/reader-names';

/** One follow-up: what the graduate does now, and for the employed, the employer's kind and whether there is a contract. */
function OutcomeForm({ due, name, onDone }: { readonly due: FollowUpDue; readonly name: string; readonly onDone: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OutcomeStatus>('employed');
  const [employerType, setEmployerType] = useState<EmployerType>('private');
  const [contract, setContract] = useState<'yes' | 'no'>('yes');
  const record = useApiMutation('training.recordOutcome', {
    onSuccess: () => {
      notifyDone(t('training:followUps.recorded'), t('common:actions.close'));
      onDone();
    },
  });
  const isEmployed = status === 'employed';
  return (
    <form
      aria-label={t('training:followUps.formFor', { name })}
      onSubmit={(event) => {
        event.preventDefault();
        record.mutate({ enrollmentId: due.enrollmentId, checkpointMonths: due.checkpointMonths, status, employerType: isEmployed ? employerType : null, hasFormalContract: isEmployed ? contract === 'yes' : null });
      }}
    >
      <Stack gap="xs">
        <NativeSelect
          label={t('training:followUps.status')}
          data-autofocus
          value={status}
          onChange={(event) => setStatus(event.currentTarget.value as OutcomeStatus)}
          data={OUTCOME_STATUSES.map((code) => ({ value: code, label: t(`training:outcomes.${code}`) }))}
        />
        {isEmployed && (
          <Group grow align="flex-start">
            <NativeSelect
              label={t('training:followUps.employerType')}
              value={employerType}
              onChange={(event) => setEmployerType(event.currentTarget.value as EmployerType)}
              data={EMPLOYER_TYPES.map((code) => ({ value: code, label: t(`training:employers.${code}`) }))}
            />
            <Radio.Group label={t('training:followUps.contract')} value={contract} onChange={(value) => setContract(value === 'no' ? 'no' : 'yes')}>
              <Group gap="sm" mt={6}>
                <Radio value="yes" label={t('training:followUps.contractYes')} />
                <Radio value="no" label={t('training:followUps.contractNo')} />
              </Group>
            </Radio.Group>
          </Group>
        )}
        <ErrorAlert error={record.error} />
        <Group gap="xs">
          <Button type="submit" size="xs" loading={record.isPending}>
            {t('training:followUps.save')}
          </Button>
          <Button size="xs" variant="default" onClick={onDone}>
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Graduates whose 3, 6 or 12-month employment follow-up is due (from two weeks before its date), oldest first. */
export function FollowUpsSection() {
  const { t } = useTranslation();
  const names = useReaderNames();
  const due = useApiQuery('training.followUpsDue', {});
  const [open, setOpen] = useState<string | null>(null);
  const items = due.data?.items ?? [];
  return (
    <Stack gap="xs" component="section" aria-labelledby="training-followups">
      <Title order={3} id="training-followups">
        {t('training:followUps.title')}
      </Title>
      <ErrorAlert error={due.error} />
      {items.length === 0 ? (
        <Text c="dimmed">{t('training:followUps.none')}</Text>
      ) : (
        <Table withTableBorder aria-labelledby="training-followups">
          <Table.Tbody>
            {items.map((item) => {
              const key = `${item.enrollmentId}:${item.checkpointMonths}`;
              return (
                <Table.Tr key={key}>
                  <Table.Th scope="row">{names.name(item.learnerName)}</Table.Th>
                  <Table.Td>
                    <Group gap={4}>
                      {t('training:followUps.checkpoint', { months: item.checkpointMonths, date: formatDay(item.dueOn) })}
                      {item.isOverdue && (
                        <Badge color="orange" variant="light">
                          {t('training:followUps.overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {open === key ? (
                      <OutcomeForm due={item} name={names.name(item.learnerName)} onDone={() => setOpen(null)} />
                    ) : (
                      <Button size="xs" variant="light" onClick={() => setOpen(key)} aria-label={t('training:followUps.recordFor', { name: names.name(item.learnerName) })}>
                        {t('training:followUps.record')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

import { Button, Group, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { DAY_FORMAT, parseDayText } from '../../forms/day-text';
import { formatDay } from '../clients/client-format';

/**
 * The days the schedules skip: Uzbekistan's fixed public holidays (switchable) and the days the
 * center adds (the Hayit days move every year). New cohorts use the list; existing ones keep their dates.
 */
export function HolidaysSection() {
  const { t } = useTranslation();
  const holidays = useApiQuery('training.listHolidays', {});
  const [date, setDate] = useState<string | null>(null);
  const [name, setName] = useState('');
  const setActive = useApiMutation('training.setHolidayActive');
  const add = useApiMutation('training.addHoliday', {
    onSuccess: () => {
      notifyDone(t('training:holidays.added'), t('common:actions.close'));
      setDate(null);
      setName('');
    },
  });
  return (
    <Stack gap="xs" component="section" aria-labelledby="training-holidays">
      <Title order={3} id="training-holidays">
        {t('training:holidays.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('training:holidays.intro')}
      </Text>
      <ErrorAlert error={holidays.error ?? setActive.error} />
      <Table withTableBorder aria-labelledby="training-holidays">
        <Table.Tbody>
          {(holidays.data?.items ?? []).map((holiday) => {
            const label = holiday.code !== null ? t(`training:holidays.names.${holiday.code}`) : (holiday.name ?? '');
            const when = holiday.monthDay !== null ? t('training:holidays.everyYear', { day: `${holiday.monthDay.slice(3)}.${holiday.monthDay.slice(0, 2)}` }) : formatDay(holiday.date);
            return (
              <Table.Tr key={holiday.id}>
                <Table.Th scope="row">{label}</Table.Th>
                <Table.Td>{when}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={holiday.isActive}
                    onChange={(event) => setActive.mutate({ id: holiday.id, isActive: event.currentTarget.checked })}
                    label={t('training:holidays.skipped')}
                    aria-label={t('training:holidays.skippedFor', { name: label })}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group align="flex-end" gap="sm">
        <DateInput label={t('training:holidays.date')} valueFormat={DAY_FORMAT} placeholder="dd.mm.yyyy" dateParser={parseDayText} value={date} onChange={setDate} />
        <TextInput label={t('training:holidays.name')} value={name} onChange={(event) => setName(event.currentTarget.value)} />
        <Button variant="light" loading={add.isPending} disabled={date === null || name.trim() === ''} onClick={() => date !== null && add.mutate({ date, monthDay: null, name })}>
          {t('training:holidays.add')}
        </Button>
      </Group>
      <ErrorAlert error={add.error} />
    </Stack>
  );
}

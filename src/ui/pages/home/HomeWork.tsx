import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TrainerHomeSection, TrainingTargetsSection } from '../training/TrainingHome';
import { Link } from 'react-router';
import type { CenterCounts, HomeOverview, MyOpenCase, StaffAwaiting, TodaysVisitor } from '../../../core/home/home.schema';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/session';
import { formatDay } from '../clients/client-format';
import { useReaderNames } from '../../components/reader-names';

function Section({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <Title order={3} size="h4" id={id}>
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function ClientLink({ client }: { readonly client: { readonly clientId: string; readonly lastName: string; readonly firstName: string; readonly patronymic: string | null } }) {
  const names = useReaderNames();
  return (
    <Anchor component={Link} to={`/clients/${encodeURIComponent(client.clientId)}`}>
      {names.fullName(client)}
    </Anchor>
  );
}

function TodaysVisitors({ visitors }: { readonly visitors: readonly TodaysVisitor[] }) {
  const { t } = useTranslation();
  return (
    <Section id="home-visitors" title={t('common:home.visitors.title')}>
      {visitors.length === 0 ? (
        <Text c="dimmed">{t('common:home.visitors.none')}</Text>
      ) : (
        <Table aria-labelledby="home-visitors">
          <Table.Tbody>
            {visitors.map((visitor) => (
              <Table.Tr key={visitor.clientId}>
                <Table.Td>
                  <ClientLink client={visitor} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    {visitor.isRegisteredToday && <Badge variant="light" style={{ whiteSpace: 'normal', height: 'auto' }}>{t('common:home.visitors.registered')}</Badge>}
                    {visitor.isServedToday && <Badge variant="light" color="teal" style={{ whiteSpace: 'normal', height: 'auto' }}>{t('common:home.visitors.served')}</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function MyOpenCases({ cases }: { readonly cases: readonly MyOpenCase[] }) {
  const { t } = useTranslation();
  return (
    <Section id="home-cases" title={t('common:home.cases.title')}>
      {cases.length === 0 ? (
        <Text c="dimmed">{t('common:home.cases.none')}</Text>
      ) : (
        <Table aria-labelledby="home-cases">
          <Table.Tbody>
            {cases.map((item) => (
              <Table.Tr key={item.caseId}>
                <Table.Td>
                  <ClientLink client={item} />
                </Table.Td>
                <Table.Td>{t(`care:cases.priorityLevel.${item.priority}`)}</Table.Td>
                <Table.Td>{t('common:home.cases.openedOn', { date: formatDay(item.openedOn) })}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

function Count({ label, value }: { readonly label: string; readonly value: number }) {
  return (
    <Paper withBorder p="sm">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
    </Paper>
  );
}

function CenterCountsSection({ counts }: { readonly counts: CenterCounts }) {
  const { t } = useTranslation();
  return (
    <Section id="home-counts" title={t('common:home.counts.title')}>
      <Text size="sm">{t('common:home.counts.preliminary')}</Text>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Count label={t('common:home.counts.registeredToday')} value={counts.clientsRegistered.today} />
        <Count label={t('common:home.counts.registeredMonth')} value={counts.clientsRegistered.thisMonth} />
        <Count label={t('common:home.counts.servicesToday')} value={counts.servicesDelivered.today} />
        <Count label={t('common:home.counts.servicesMonth')} value={counts.servicesDelivered.thisMonth} />
      </SimpleGrid>
    </Section>
  );
}

function StaffAwaitingSection({ staff }: { readonly staff: readonly StaffAwaiting[] }) {
  const { t } = useTranslation();
  return (
    <Section id="home-staff" title={t('common:home.staff.title')}>
      {staff.length === 0 ? (
        <Text c="dimmed">{t('common:home.staff.none')}</Text>
      ) : (
        <Table aria-labelledby="home-staff">
          <Table.Tbody>
            {staff.map((member) => (
              <Table.Tr key={member.id}>
                <Table.Th scope="row">{member.displayName}</Table.Th>
                <Table.Td>{t(`common:roles.${member.role}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="wrap">
                    {member.mustChangePassword && <Badge variant="light" color="orange" style={{ whiteSpace: 'normal', height: 'auto' }}>{t('common:home.staff.password')}</Badge>}
                    {member.needsConfidentialGrant && <Badge variant="light" color="grape" style={{ whiteSpace: 'normal', height: 'auto' }}>{t('common:home.staff.key')}</Badge>}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Section>
  );
}

/** The parts of `home.overview` the signed-in role receives, each in its own labelled section. */
export function HomeWork() {
  const session = useSession();
  const overview = useApiQuery('home.overview', {});
  const data: HomeOverview | undefined = overview.data;
  return (
    <>
      <ErrorAlert error={overview.error} />
      {data?.todaysVisitors && <TodaysVisitors visitors={data.todaysVisitors} />}
      {data?.myOpenCases && <MyOpenCases cases={data.myOpenCases} />}
      {data?.centerCounts && <CenterCountsSection counts={data.centerCounts} />}
      {data?.staffAwaiting && <StaffAwaitingSection staff={data.staffAwaiting} />}
      {session.can('training.attendance') && <TrainerHomeSection />}
      {session.can('training.viewTargets') && session.user?.role !== 'trainer' && <TrainingTargetsSection />}
    </>
  );
}

import { Anchor, Badge, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n/i18n';
import { formatDay } from '../clients/client-format';
import { localName } from './training-format';
import { useReaderNames } from '../../components/reader-names';

function Section({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-labelledby={id}>
      <Title order={3} id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

/** The trainer's home: today's sessions, her cohorts, learners at risk and follow-ups due. */
export function TrainerHomeSection() {
  const { t, i18n } = useTranslation();
  const names = useReaderNames();
  const language = currentLanguage(i18n);
  const home = useApiQuery('training.trainerHome', {});
  const data = home.data;
  return (
    <>
      <ErrorAlert error={home.error} />
      {data && (
        <>
          <Section id="home-training-today" title={t('training:home.today')}>
            {data.todaySessions.length === 0 ? (
              <Text c="dimmed">{t('training:home.noSessionToday')}</Text>
            ) : (
              <Stack gap={4}>
                {data.todaySessions.map((item) => (
                  <Group key={item.session.id} gap="xs">
                    <Text fw={500}>{item.session.startTime}</Text>
                    <Anchor component={Link} to={`/training/sessions/${item.session.id}`}>
                      {t('training:home.sessionOf', { course: localName(item.courseNames, language), seq: item.session.seq })}
                    </Anchor>
                  </Group>
                ))}
              </Stack>
            )}
          </Section>
          <Section id="home-training-cohorts" title={t('training:home.cohorts')}>
            {data.cohorts.length === 0 ? (
              <Text c="dimmed">
                {t('training:home.noCohorts')}{' '}
                <Anchor component={Link} to="/training" underline="always">
                  {t('training:home.openTraining')}
                </Anchor>
              </Text>
            ) : (
              <Stack gap={4}>
                {data.cohorts.map((cohort) => (
                  <Anchor key={cohort.id} component={Link} to={`/training/cohorts/${cohort.id}`}>
                    {cohort.place}: {formatDay(cohort.startsOn)} – {formatDay(cohort.endsOn)}
                  </Anchor>
                ))}
              </Stack>
            )}
          </Section>
          <Section id="home-training-risk" title={t('training:home.atRisk')}>
            {data.atRisk.length === 0 ? (
              <Text c="dimmed">{t('training:home.nobodyAtRisk')}</Text>
            ) : (
              <Stack gap={4}>
                {data.atRisk.map((learner) => (
                  <Group key={learner.enrollmentId} gap="xs">
                    <Anchor component={Link} to={`/training/cohorts/${learner.cohortId}`}>
                      {names.name(learner.learnerName)}
                    </Anchor>
                    <Badge color="red" variant="light">
                      {learner.currentAbsenceRun >= 3 ? t('training:home.absentInARow', { count: learner.currentAbsenceRun }) : t('training:home.attendance', { percent: learner.percent ?? 0 })}
                    </Badge>
                  </Group>
                ))}
              </Stack>
            )}
          </Section>
          <Section id="home-training-followups" title={t('training:followUps.title')}>
            {data.followUpsDue.length === 0 ? (
              <Text c="dimmed">{t('training:followUps.none')}</Text>
            ) : (
              <Anchor component={Link} to="/training">
                {t('training:home.followUpsDue', { count: data.followUpsDue.length })}
              </Anchor>
            )}
          </Section>
        </>
      )}
    </>
  );
}

/** The manager's counts toward the program's targets: persons with disabilities trained, completed and employed, by sex, and the share aged 15–24. */
export function TrainingTargetsSection() {
  const { t } = useTranslation();
  const targets = useApiQuery('training.targets', {});
  const data = targets.data;
  return (
    <Section id="home-training-targets" title={t('training:targets.title')}>
      <ErrorAlert error={targets.error} />
      {data && (
        <>
          <Table withTableBorder aria-labelledby="home-training-targets">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training:targets.withDisability')}</Table.Th>
                <Table.Th scope="col">{t('training:targets.women')}</Table.Th>
                <Table.Th scope="col">{t('training:targets.men')}</Table.Th>
                <Table.Th scope="col">{t('training:targets.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(['trained', 'completed', 'employed'] as const).map((measure) => (
                <Table.Tr key={measure} data-measure={measure}>
                  <Table.Th scope="row">{t(`training:targets.${measure}`)}</Table.Th>
                  <Table.Td>{data.withDisability[measure].female}</Table.Td>
                  <Table.Td>{data.withDisability[measure].male}</Table.Td>
                  <Table.Td>{data.withDisability[measure].total}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Text size="sm">
              {data.withDisability.youthSharePercent === null
                ? t('training:targets.youthShareNone')
                : t('training:targets.youthShare', { percent: data.withDisability.youthSharePercent, count: data.withDisability.trainedYouth, target: data.targets.youthShareMinPercent })}
            </Text>
            <Text size="sm">{t('training:targets.program', { target: data.targets.trainedAndEmployedWithDisability, employed: data.withDisability.employed.total })}</Text>
          </SimpleGrid>
        </>
      )}
    </Section>
  );
}

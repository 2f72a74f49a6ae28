import { Anchor, Badge, Button, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TrainingSession } from '../../../core/training/training.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WrappingBadge } from '../../components/WrappingBadge';
import { currentLanguage } from '../../i18n/i18n';
import { useSession } from '../../session/session';
import { FormDrawer } from '../clients/FormDrawer';
import { formatDay, todayLocal } from '../clients/client-format';
import { CompletionPanel } from './CompletionPanel';
import { EnrollForm } from './EnrollForm';
import { LearnerActions } from './LearnerActions';
import { MoveSessionDialog } from './MoveSessionDialog';
import { localName } from './training-format';
import { useReaderNames } from '../../components/reader-names';

const STATUS_COLOR = { planned: 'blue', cancelled: 'gray', notHeld: 'orange' } as const;

function SessionRow({ session, canMark }: { readonly session: TrainingSession; readonly canMark: boolean }) {
  const { t } = useTranslation();
  const setStatus = useApiMutation('training.setSessionStatus');
  const [isMoving, setMoving] = useState(false);
  const isPast = session.date <= todayLocal();
  const label = t('training:sessions.number', { seq: session.seq });
  return (
    <Table.Tr>
      <Table.Th scope="row">{label}</Table.Th>
      <Table.Td>
        {formatDay(session.date)} {session.startTime}
        {session.originalDate !== null && (
          <Text span size="xs" c="dimmed">
            {' '}
            ({t('training:sessions.movedFrom', { date: formatDay(session.originalDate) })})
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <WrappingBadge color={STATUS_COLOR[session.status]} variant="light">
          {session.status === 'planned' ? (session.markedCount > 0 ? t('training:sessions.marked', { count: session.markedCount }) : isPast ? t('training:sessions.notMarked') : t('training:sessions.upcoming')) : t(`training:sessions.status.${session.status}`)}
        </WrappingBadge>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {canMark && session.status === 'planned' && isPast && (
            <Button component={Link} to={`/training/sessions/${session.id}`} size="xs" aria-label={t('training:sessions.takeAttendanceFor', { session: label })}>
              {t('training:sessions.takeAttendance')}
            </Button>
          )}
          {canMark && session.markedCount === 0 && (
            <Menu>
              <Menu.Target>
                <Button size="xs" variant="default" aria-label={t('training:sessions.changeFor', { session: label })}>
                  {t('training:sessions.change')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {session.status === 'planned' && <Menu.Item onClick={() => setMoving(true)}>{t('training:sessions.move')}</Menu.Item>}
                {session.status !== 'planned' && <Menu.Item onClick={() => setStatus.mutate({ sessionId: session.id, status: 'planned' })}>{t('training:sessions.toPlanned')}</Menu.Item>}
                {session.status !== 'cancelled' && <Menu.Item onClick={() => setStatus.mutate({ sessionId: session.id, status: 'cancelled' })}>{t('training:sessions.toCancelled')}</Menu.Item>}
                {session.status !== 'notHeld' && isPast && <Menu.Item onClick={() => setStatus.mutate({ sessionId: session.id, status: 'notHeld' })}>{t('training:sessions.toNotHeld')}</Menu.Item>}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <ErrorAlert error={setStatus.error} />
        {isMoving && <MoveSessionDialog session={session} label={label} onClose={() => setMoving(false)} />}
      </Table.Td>
    </Table.Tr>
  );
}

/** One cohort: its sessions (take attendance, move, cancel), its learners (enroll, waitlist) and, at its end, completion. */
export function CohortPage() {
  const { t, i18n } = useTranslation();
  const names = useReaderNames();
  const language = currentLanguage(i18n);
  const { cohortId = '' } = useParams();
  const session = useSession();
  const cohort = useApiQuery('training.getCohort', { id: cohortId });
  const data = cohort.data;
  const canMark = session.can('training.attendance') && data !== undefined && data.trainerIds.includes(session.user?.id ?? '');
  const canManage = session.can('training.manageCohorts');
  const placed = (data?.enrollments ?? []).filter((enrollment) => ['enrolled', 'active', 'completed', 'incomplete'].includes(enrollment.stage)).length;
  return (
    <Stack>
      <Anchor component={Link} to="/training" size="sm">
        {t('training:backToTraining')}
      </Anchor>
      <ErrorAlert error={cohort.error} />
      {data && (
        <>
          <Stack gap={2}>
            <Title order={2}>{localName(data.course.names, language)}</Title>
            <Text c="dimmed">
              {formatDay(data.startsOn)} – {formatDay(data.endsOn)} · {data.place} · {t('training:cohorts.placesTaken', { taken: placed, capacity: data.capacity })}
            </Text>
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="cohort-learners">
            <Group justify="space-between">
              <Title order={3} id="cohort-learners">
                {t('training:learners.title')}
              </Title>
              {session.can('training.enroll') && <FormDrawer label={t('training:learners.enroll')}>{(close) => <EnrollForm cohortId={data.id} startsOn={data.startsOn} onDone={close} />}</FormDrawer>}
            </Group>
            {data.enrollments.length === 0 ? (
              <Text c="dimmed">{t('training:learners.none')}</Text>
            ) : (
              <Table striped withTableBorder aria-labelledby="cohort-learners">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('training:learners.name')}</Table.Th>
                    <Table.Th scope="col">{t('training:learners.stage')}</Table.Th>
                    <Table.Th scope="col">{t('training:learners.joinedOn')}</Table.Th>
                    <Table.Th scope="col">{t('training:learners.age')}</Table.Th>
                    {canManage && <Table.Th scope="col">{t('training:sessions.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.enrollments.map((enrollment) => (
                    <Table.Tr key={enrollment.id}>
                      <Table.Th scope="row">
                        <Anchor component={Link} to={`/clients/${enrollment.clientId}`}>
                          {names.name(enrollment.learnerName)}
                        </Anchor>
                      </Table.Th>
                      <Table.Td>
                        <Badge variant="light" color={enrollment.stage === 'withdrawn' ? 'gray' : enrollment.stage === 'waitlisted' ? 'orange' : 'blue'}>
                          {t(`training:stages.${enrollment.stage}`)}
                        </Badge>
                      </Table.Td>
                      <Table.Td>{formatDay(enrollment.joinedOn)}</Table.Td>
                      <Table.Td>{enrollment.ageAtEnrollment}</Table.Td>
                      {canManage && (
                        <Table.Td>
                          <LearnerActions enrollment={enrollment} />
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="cohort-sessions">
            <Title order={3} id="cohort-sessions">
              {t('training:sessions.title', { count: data.sessions.length })}
            </Title>
            <Table striped withTableBorder aria-labelledby="cohort-sessions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('training:sessions.session')}</Table.Th>
                  <Table.Th scope="col">{t('training:sessions.when')}</Table.Th>
                  <Table.Th scope="col">{t('training:sessions.state')}</Table.Th>
                  <Table.Th scope="col">{t('training:sessions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.sessions.map((item) => (
                  <SessionRow key={item.id} session={item} canMark={canMark} />
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
          {canMark && <CompletionPanel cohort={data} />}
        </>
      )}
    </Stack>
  );
}

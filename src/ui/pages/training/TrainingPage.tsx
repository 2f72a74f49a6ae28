import { Anchor, Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { WrappingBadge } from '../../components/WrappingBadge';
import { currentLanguage } from '../../i18n/i18n';
import { FormDrawer } from '../clients/FormDrawer';
import { formatDay } from '../clients/client-format';
import { CohortForm } from './CohortForm';
import { CourseForm } from './CourseForm';
import { FollowUpsSection } from './FollowUpsSection';
import { HolidaysSection } from './HolidaysSection';
import { localName, tradeName } from './training-format';

/**
 * The trainer's and manager's training desk: the center's courses, its cohorts (each opens its
 * sessions, learners and completion), and the graduates whose employment follow-up is due.
 */
export function TrainingPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const courses = useApiQuery('training.listCourses', { includeInactive: false });
  const cohorts = useApiQuery('training.listCohorts', { mine: false });
  const trades = useApiQuery('training.listTrades', {});
  const courseById = new Map((courses.data?.items ?? []).map((course) => [course.id, course]));
  const tradeByCode = new Map((trades.data?.items ?? []).map((trade) => [trade.code, trade]));

  return (
    <Stack>
      <Title order={2}>{t('training:title')}</Title>
      <ErrorAlert error={courses.error ?? cohorts.error} />

      <Stack gap="xs" component="section" aria-labelledby="training-courses">
        <Group justify="space-between">
          <Title order={3} id="training-courses">
            {t('training:courses.title')}
          </Title>
          <FormDrawer label={t('training:courses.add')}>{(close) => <CourseForm onDone={close} />}</FormDrawer>
        </Group>
        {(courses.data?.items ?? []).length === 0 ? (
          <Text c="dimmed">{t('training:courses.none')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="training-courses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training:courses.name')}</Table.Th>
                <Table.Th scope="col">{t('training:courses.kind')}</Table.Th>
                <Table.Th scope="col">{t('training:courses.hours')}</Table.Th>
                <Table.Th scope="col">{t('training:courses.rule')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(courses.data?.items ?? []).map((course) => (
                <Table.Tr key={course.id}>
                  <Table.Th scope="row">{localName(course.names, language)}</Table.Th>
                  <Table.Td>
                    <Group gap={4}>
                      <WrappingBadge variant="light">{t(`training:kinds.${course.kind}`)}</WrappingBadge>
                      {course.trade !== null && <WrappingBadge variant="outline">{tradeName(tradeByCode.get(course.trade), course.trade, language, t)}</WrappingBadge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{course.hours}</Table.Td>
                  <Table.Td>
                    {t('training:courses.ruleText', { percent: course.minAttendancePercent })}
                    {course.passMark !== null && ` · ${t('training:courses.passMarkText', { mark: course.passMark })}`}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="training-cohorts">
        <Group justify="space-between">
          <Title order={3} id="training-cohorts">
            {t('training:cohorts.title')}
          </Title>
          {(courses.data?.items ?? []).length > 0 && (
            <FormDrawer label={t('training:cohorts.add')}>{(close) => <CohortForm courses={courses.data?.items ?? []} onDone={close} />}</FormDrawer>
          )}
        </Group>
        {(cohorts.data?.items ?? []).length === 0 ? (
          <Text c="dimmed">{t('training:cohorts.none')}</Text>
        ) : (
          <Table striped withTableBorder aria-labelledby="training-cohorts">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training:cohorts.course')}</Table.Th>
                <Table.Th scope="col">{t('training:cohorts.dates')}</Table.Th>
                <Table.Th scope="col">{t('training:cohorts.place')}</Table.Th>
                <Table.Th scope="col">{t('training:cohorts.capacity')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {(cohorts.data?.items ?? []).map((cohort) => (
                <Table.Tr key={cohort.id}>
                  <Table.Th scope="row">
                    <Anchor component={Link} to={`/training/cohorts/${cohort.id}`}>
                      {localName(courseById.get(cohort.courseId)?.names, language) || t('training:cohorts.retiredCourse')}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>
                    {formatDay(cohort.startsOn)} – {formatDay(cohort.endsOn)}
                  </Table.Td>
                  <Table.Td>{cohort.place}</Table.Td>
                  <Table.Td>
                    <Badge variant="light">{cohort.capacity}</Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>

      <FollowUpsSection />
      <HolidaysSection />
    </Stack>
  );
}

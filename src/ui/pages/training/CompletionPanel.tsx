import { Button, Group, NativeSelect, NumberInput, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { certificateLanguageSchema, INCOMPLETE_REASONS, type CertificateLanguage, type CohortDetail, type IncompleteReason } from '../../../core/training/training.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';
import { LANGUAGE_AUTONYMS } from '../../i18n/languages';
import { todayLocal } from '../clients/client-format';
import { downloadCertificates } from './certificate-download';
import { useReaderNames } from '../../components/reader-names';

type Decision = { readonly outcome: 'completed' } | { readonly outcome: 'incomplete'; readonly reason: IncompleteReason };

/**
 * The cohort's end: the application proposes who completed (the course's rule met), the trainer
 * confirms, records final assessment scores, or marks incomplete with a reason; then the
 * certificates, as PDFs in Uzbek (Latin or Cyrillic) or Russian.
 */
export function CompletionPanel({ cohort }: { readonly cohort: CohortDetail }) {
  const { t, i18n } = useTranslation();
  const names = useReaderNames();
  const proposal = useApiQuery('training.completionProposal', { id: cohort.id });
  const certificates = useApiQuery('training.listCertificates', { id: cohort.id });
  const center = useApiQuery('center.get', {});
  const [decisions, setDecisions] = useState<ReadonlyMap<string, Decision>>(new Map());
  const [language, setLanguage] = useState<CertificateLanguage>('uz-Latn');
  const [printError, setPrintError] = useState<unknown>(null);
  const assess = useApiMutation('training.recordAssessment');
  const complete = useApiMutation('training.complete', {
    onSuccess: (result) => notifyDone(t('training:completion.done', { completed: result.completed.length, incomplete: result.incomplete.length }), t('common:actions.close')),
  });
  const lastPlanned = cohort.sessions.filter((session) => session.status === 'planned').at(-1);
  const hasEnded = lastPlanned === undefined || lastPlanned.date <= todayLocal();
  const open = (proposal.data?.items ?? []).filter((row) => row.stage === 'enrolled' || row.stage === 'active');
  const decisionOf = (row: (typeof open)[number]): Decision => decisions.get(row.enrollmentId) ?? (row.meetsRule ? { outcome: 'completed' } : { outcome: 'incomplete', reason: row.proposedReason ?? 'other' });
  const download = (list: NonNullable<typeof certificates.data>['items'], name: string) => {
    setPrintError(null);
    downloadCertificates(list, language, i18n, center.data?.name ?? '', name).catch((error: unknown) => setPrintError(error));
  };

  return (
    <Stack gap="xs" component="section" aria-labelledby="cohort-completion">
      <Title order={3} id="cohort-completion">
        {t('training:completion.title')}
      </Title>
      <ErrorAlert error={proposal.error ?? complete.error ?? assess.error} />
      {!hasEnded && <Text c="dimmed">{t('training:completion.notYet', { date: lastPlanned?.date.split('-').reverse().join('.') ?? '' })}</Text>}
      {hasEnded && open.length > 0 && (
        <>
          <Table withTableBorder aria-labelledby="cohort-completion">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('training:learners.name')}</Table.Th>
                <Table.Th scope="col">{t('training:completion.attendance')}</Table.Th>
                {cohort.course.passMark !== null && <Table.Th scope="col">{t('training:completion.score', { mark: cohort.course.passMark })}</Table.Th>}
                <Table.Th scope="col">{t('training:completion.decision')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {open.map((row) => {
                const decision = decisionOf(row);
                const name = names.name(cohort.enrollments.find((enrollment) => enrollment.id === row.enrollmentId)?.learnerName ?? '');
                return (
                  <Table.Tr key={row.enrollmentId}>
                    <Table.Th scope="row">{name}</Table.Th>
                    <Table.Td>{t('training:completion.attended', { attended: row.attendedSessions, counted: row.countedSessions, percent: row.percent ?? 0 })}</Table.Td>
                    {cohort.course.passMark !== null && (
                      <Table.Td>
                        <NumberInput
                          size="xs"
                          w={90}
                          min={0}
                          max={100}
                          clampBehavior="none"
                          allowDecimal={false}
                          aria-label={t('training:completion.scoreFor', { name })}
                          defaultValue={row.assessmentScore ?? ''}
                          onBlur={(event) => {
                            const value = event.currentTarget.value.trim();
                            const score = value === '' ? null : Number(value);
                            if (score === null || (Number.isInteger(score) && score >= 0 && score <= 100)) assess.mutate({ enrollmentId: row.enrollmentId, score });
                          }}
                        />
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Group gap="xs">
                        <NativeSelect
                          size="xs"
                          aria-label={t('training:completion.decisionFor', { name })}
                          value={decision.outcome}
                          onChange={(event) =>
                            setDecisions(new Map(decisions).set(row.enrollmentId, event.currentTarget.value === 'completed' ? { outcome: 'completed' } : { outcome: 'incomplete', reason: row.proposedReason ?? 'other' }))
                          }
                          data={[
                            ...(row.meetsRule ? [{ value: 'completed', label: t('training:completion.completed') }] : []),
                            { value: 'incomplete', label: t('training:completion.incomplete') },
                          ]}
                        />
                        {decision.outcome === 'incomplete' && (
                          <NativeSelect
                            size="xs"
                            aria-label={t('training:completion.reasonFor', { name })}
                            value={decision.reason}
                            onChange={(event) => setDecisions(new Map(decisions).set(row.enrollmentId, { outcome: 'incomplete', reason: event.currentTarget.value as IncompleteReason }))}
                            data={INCOMPLETE_REASONS.map((reason) => ({ value: reason, label: t(`training:incompleteReasons.${reason}`) }))}
                          />
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Button style={{ alignSelf: 'flex-start' }} loading={complete.isPending} onClick={() => complete.mutate({ cohortId: cohort.id, decisions: open.map((row) => ({ enrollmentId: row.enrollmentId, ...decisionOf(row) })) })}>
            {t('training:completion.confirm', { count: open.length })}
          </Button>
        </>
      )}
      {(certificates.data?.items.length ?? 0) > 0 && (
        <Stack gap="xs">
          <Group gap="sm" align="flex-end">
            <Title order={4} id="cohort-certificates">
              {t('training:certificates.title')}
            </Title>
            <NativeSelect
              size="xs"
              label={t('training:certificates.language')}
              value={language}
              onChange={(event) => setLanguage(certificateLanguageSchema.parse(event.currentTarget.value))}
              data={certificateLanguageSchema.options.map((code) => ({ value: code, label: LANGUAGE_AUTONYMS[code] }))}
            />
            <Button size="xs" variant="light" onClick={() => download(certificates.data?.items ?? [], `certificates-${language}.pdf`)}>
              {t('training:certificates.downloadAll')}
            </Button>
          </Group>
          <ErrorAlert error={printError} />
          <Table withTableBorder aria-labelledby="cohort-certificates">
            <Table.Tbody>
              {certificates.data?.items.map((certificate) => (
                <Table.Tr key={certificate.number}>
                  <Table.Th scope="row">{names.name(certificate.learnerName)}</Table.Th>
                  <Table.Td>{certificate.number}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => download([certificate], `certificate-${certificate.number}.pdf`)} aria-label={t('training:certificates.downloadFor', { name: names.name(certificate.learnerName) })}>
                      {t('training:certificates.download')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Stack>
  );
}

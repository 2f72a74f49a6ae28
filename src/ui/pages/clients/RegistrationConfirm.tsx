import { Alert, Button, Checkbox, Group, List, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientWarning, PossibleDuplicate } from '../../../core/clients/clients.schema';
import { DuplicateCompare, type TypedRecord } from './DuplicateCompare';

export interface PendingConfirmation {
  readonly warnings: readonly ClientWarning[];
  readonly possibleDuplicates: readonly PossibleDuplicate[];
}

/**
 * What the core asked to confirm before saving: PINFL warnings (confirmed by ticking "I have
 * checked the document") and possible duplicates shown side by side ("open existing" or
 * "register anyway").
 */
export function RegistrationConfirm({
  pending,
  typed,
  isSaving,
  onConfirm,
  onOpen,
  onCancel,
}: {
  readonly pending: PendingConfirmation;
  readonly typed: TypedRecord;
  readonly isSaving: boolean;
  readonly onConfirm: (warnings: readonly ClientWarning[]) => void;
  readonly onOpen: (id: string) => void;
  readonly onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [isChecked, setChecked] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  // The question appears below a long form: bring it into view where the receptionist is looking.
  useEffect(() => {
    // A block body: newer browsers return a promise from scrollIntoView, which must not become React's cleanup.
    ref.current?.scrollIntoView({ block: 'center' });
  }, [pending]);
  const documentWarnings = pending.warnings.filter((warning) => warning !== 'possibleDuplicate');
  const hasDuplicates = pending.warnings.includes('possibleDuplicate') && pending.possibleDuplicates.length > 0;
  const canConfirm = documentWarnings.length === 0 || isChecked;
  return (
    <Alert ref={ref} color="yellow" title={t('clients:confirm.title')} role="alert" data-confirmation>
      <Stack gap="sm">
        {documentWarnings.length > 0 && (
          <>
            <List size="sm">
              {documentWarnings.map((warning) => (
                <List.Item key={warning}>{t(`clients:warning.${warning}`)}</List.Item>
              ))}
            </List>
            <Checkbox label={t('clients:confirm.checkedDocument')} checked={isChecked} onChange={(event) => setChecked(event.currentTarget.checked)} />
          </>
        )}
        {hasDuplicates && (
          <>
            <Text size="sm">{t('clients:duplicates.intro', { count: pending.possibleDuplicates.length })}</Text>
            <DuplicateCompare typed={typed} candidates={pending.possibleDuplicates} onOpen={onOpen} />
          </>
        )}
        <Group>
          <Button color="yellow" disabled={!canConfirm} loading={isSaving} onClick={() => onConfirm(pending.warnings)}>
            {hasDuplicates ? t('clients:confirm.registerAnyway') : t('clients:confirm.save')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('clients:confirm.backToForm')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

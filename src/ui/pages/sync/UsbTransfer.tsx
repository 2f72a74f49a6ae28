import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../../api/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notifyDone } from '../../components/notify';

/** Codes and paths are read character by character: a monospace input (its label stays in the body font). */
const MONOSPACE_INPUT = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;

/**
 * Where a USB stick usually is on this kind of computer, for the suggested file names: the
 * browser harness and the desktop window have no file dialog to ask, and the core needs an
 * absolute path.
 */
function usbFolder(): { readonly folder: string; readonly separator: string } {
  const platform = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  if (/Windows/i.test(platform)) return { folder: 'E:', separator: '\\' };
  if (/Mac OS/i.test(platform)) return { folder: '/Volumes/USB', separator: '/' };
  return { folder: '/media/usb', separator: '/' };
}

/** The suggested paths: the day in the name, so two trips do not overwrite each other. */
export function suggestedPaths(now: Date = new Date()): { readonly exportPath: string; readonly receiptsPath: string } {
  const { folder, separator } = usbFolder();
  const day = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return { exportPath: `${folder}${separator}inson-batches-${day}.json`, receiptsPath: `${folder}${separator}inson-receipts.json` };
}

/** One path and one button; the result confirmed by a notification, a refusal shown beside it. */
function PathAction({
  id,
  label,
  hint,
  action,
  initial,
  pending,
  error,
  onSubmit,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly action: string;
  readonly initial: string;
  readonly pending: boolean;
  readonly error: unknown;
  readonly onSubmit: (path: string) => void;
}) {
  const [path, setPath] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(path);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="xs">
        <Group align="flex-end" wrap="nowrap">
          <TextInput id={id} label={label} description={hint} value={path} onChange={(event) => setPath(event.currentTarget.value)} spellCheck={false} autoComplete="off" style={{ flex: 1 }} styles={MONOSPACE_INPUT} />
          <Button type="submit" loading={pending} variant="default">
            {action}
          </Button>
        </Group>
        <ErrorAlert error={error} />
      </Stack>
    </form>
  );
}

/** USB transfer (issue 12, item 5): every unacknowledged batch to a file, and the registry's receipts back. */
export function UsbTransfer() {
  const { t } = useTranslation();
  const close = t('common:actions.close');
  const [initial] = useState(() => suggestedPaths());
  const exportFile = useApiMutation('sync.exportFile', {
    onSuccess: (result) => notifyDone(t('sync:usb.exported', { batches: result.batches, records: result.records }), close),
  });
  const importReceipts = useApiMutation('sync.importReceipts', {
    onSuccess: (result) => notifyDone(t('sync:usb.imported', { acknowledged: result.acknowledged, already: result.already, unknown: result.unknown }), close),
  });
  return (
    <Paper p="md" withBorder>
      <Stack>
        <Title order={3}>{t('sync:usb.title')}</Title>
        <Text size="sm">{t('sync:usb.intro')}</Text>
        <PathAction
          id="sync-export-path"
          label={t('sync:usb.exportPath')}
          hint={t('sync:usb.exportHint')}
          action={t('sync:usb.export')}
          initial={initial.exportPath}
          pending={exportFile.isPending}
          error={exportFile.error}
          onSubmit={(path) => exportFile.mutate({ path })}
        />
        <PathAction
          id="sync-receipts-path"
          label={t('sync:usb.importPath')}
          hint={t('sync:usb.importHint')}
          action={t('sync:usb.import')}
          initial={initial.receiptsPath}
          pending={importReceipts.isPending}
          error={importReceipts.error}
          onSubmit={(path) => importReceipts.mutate({ path })}
        />
      </Stack>
    </Paper>
  );
}

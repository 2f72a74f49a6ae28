import { Alert, Badge, Button, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_CATEGORIES, type CatalogEntry } from '../../../core/services/services.schema';
import { useApiMutation, useApiQuery } from '../../api/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { currentLanguage } from '../../i18n/i18n';
import { CatalogEntryDialog } from './CatalogEntryDialog';

type Editing = { readonly kind: 'add' } | { readonly kind: 'rename'; readonly entry: CatalogEntry };

/**
 * The service catalog the center picks deliveries from: add a service, rename one in the four
 * languages, retire one that is no longer offered (old deliveries keep its name) or bring it back.
 * Codes never change and nothing is deleted.
 */
export function CatalogPage() {
  const { t, i18n } = useTranslation();
  const language = currentLanguage(i18n);
  const catalog = useApiQuery('services.catalog', { includeInactive: true });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [retiring, setRetiring] = useState<CatalogEntry | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const setActive = useApiMutation('services.updateCatalogEntry', {
    onSuccess: (entry) => {
      setRetiring(null);
      setDone(t(entry.isActive ? 'catalog:restored' : 'catalog:retired', { name: entry.names[language] }));
    },
  });
  const entries = useMemo(() => {
    const collator = new Intl.Collator(language);
    const order = (entry: CatalogEntry) => SERVICE_CATEGORIES.indexOf(entry.category);
    return (catalog.data?.items ?? [])
      .filter((entry) => showRetired || entry.isActive)
      .slice()
      .sort((a, b) => order(a) - order(b) || collator.compare(a.names[language], b.names[language]));
  }, [catalog.data, language, showRetired]);
  const retiredCount = (catalog.data?.items ?? []).filter((entry) => !entry.isActive).length;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Stack gap={4}>
          <Title order={2}>{t('catalog:title')}</Title>
          <Text c="dimmed" size="sm">
            {t('catalog:intro')}
          </Text>
        </Stack>
        <Button onClick={() => setEditing({ kind: 'add' })}>{t('catalog:add.action')}</Button>
      </Group>
      <ErrorAlert error={catalog.error ?? setActive.error} />
      {done !== null && (
        <Alert color="teal" role="status" withCloseButton onClose={() => setDone(null)} closeButtonLabel={t('common:actions.close')}>
          {done}
        </Alert>
      )}
      <Switch checked={showRetired} onChange={(event) => setShowRetired(event.currentTarget.checked)} label={t('catalog:showRetired', { count: retiredCount })} />
      <Table.ScrollContainer minWidth={760}>
        <Table striped highlightOnHover withTableBorder aria-label={t('catalog:title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('catalog:name')}</Table.Th>
              <Table.Th scope="col">{t('catalog:category')}</Table.Th>
              <Table.Th scope="col">{t('catalog:state')}</Table.Th>
              <Table.Th scope="col">{t('catalog:actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => {
              const name = entry.names[language];
              return (
                <Table.Tr key={entry.code}>
                  <Table.Th scope="row" fw={500}>
                    {name}
                  </Table.Th>
                  <Table.Td>{t(`catalog:categories.${entry.category}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge color={entry.isActive ? 'teal' : 'gray'}>{entry.isActive ? t('catalog:states.active') : t('catalog:states.retired')}</Badge>
                      {!entry.isBuiltIn && (
                        <Badge color="blue" variant="light">
                          {t('catalog:states.addedByCenter')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      <Button size="xs" variant="default" onClick={() => setEditing({ kind: 'rename', entry })} aria-label={t('catalog:rename.actionFor', { name })}>
                        {t('catalog:rename.action')}
                      </Button>
                      {entry.isActive ? (
                        <Button size="xs" variant="light" color="red" onClick={() => setRetiring(entry)} aria-label={t('catalog:retire.actionFor', { name })}>
                          {t('catalog:retire.action')}
                        </Button>
                      ) : (
                        <Button
                          size="xs"
                          variant="light"
                          loading={setActive.isPending && setActive.variables.code === entry.code}
                          onClick={() => setActive.mutate({ code: entry.code, isActive: true })}
                          aria-label={t('catalog:restore.actionFor', { name })}
                        >
                          {t('catalog:restore.action')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <CatalogEntryDialog
          entry={editing.kind === 'rename' ? editing.entry : null}
          onCancel={() => setEditing(null)}
          onDone={(entry) => {
            setDone(t(editing.kind === 'add' ? 'catalog:added' : 'catalog:renamed', { name: entry.names[language] }));
            setEditing(null);
          }}
        />
      )}
      {retiring && (
        <ConfirmDialog
          title={t('catalog:retire.title')}
          message={t('catalog:retire.message', { name: retiring.names[language] })}
          confirmLabel={t('catalog:retire.action')}
          isPending={setActive.isPending}
          onConfirm={() => setActive.mutate({ code: retiring.code, isActive: false })}
          onCancel={() => setRetiring(null)}
        />
      )}
    </Stack>
  );
}

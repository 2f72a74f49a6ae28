import { Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useGeoNames } from '../../components/geo-names';
import type { ClientSearchItemView } from '../../../core/clients/clients.policy';
import { birthOrAgeText, maskPinfl } from './client-format';
import { useReaderNames } from '../../components/reader-names';

/**
 * The search's answers, best match first, under how many there are and which of them are shown
 * (when `total` is given).
 * Each result is a button: Tab or the arrow keys move between them, Enter or a click opens the
 * client.
 */
export function ClientSearchResults({
  items,
  total,
  offset = 0,
  onOpen,
  onLeaveTop,
  listRef,
}: {
  readonly items: readonly ClientSearchItemView[];
  /** How many clients match in all: shown above the list when given. */
  readonly total?: number;
  /** Position of the first item among them. */
  readonly offset?: number;
  readonly onOpen: (id: string) => void;
  /** Arrow up on the first result goes back to the search box. */
  readonly onLeaveTop: () => void;
  readonly listRef?: React.RefObject<HTMLUListElement | null>;
}) {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const names = useReaderNames();
  const ownRef = useRef<HTMLUListElement>(null);
  const ref = listRef ?? ownRef;

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const buttons = ref.current?.querySelectorAll<HTMLButtonElement>('button[data-result]');
    if (!buttons) return;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      buttons[Math.min(index + 1, buttons.length - 1)]?.focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      if (index === 0) onLeaveTop();
      else buttons[index - 1]?.focus();
    }
  }

  return (
    <Stack gap={4}>
      {total !== undefined && (
        <Text size="sm" c="dimmed" role="status">
          {t('clients:search.found', { count: total })}
          {total > items.length && ` · ${t('clients:search.shown', { from: offset + 1, to: offset + items.length })}`}
        </Text>
      )}
      <ul ref={ref} aria-label={t('clients:search.results')} style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 4 }}>
        {items.map((item, index) => {
          const place = [geo.district(item.districtCode ?? null), geo.region(item.regionCode ?? null)].filter((part) => part !== '').join(', ');
          return (
            <li key={item.id}>
              <UnstyledButton
                data-result
                onClick={() => onOpen(item.id)}
                onKeyDown={(event) => onKeyDown(event, index)}
                className="client-result"
                w="100%"
                p="xs"
                style={{ borderRadius: 4, border: '1px solid var(--mantine-color-gray-3)' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="sm">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} truncate>
                      {names.fullName(item)}
                    </Text>
                    <Text size="sm" c="dimmed" truncate>
                      {[birthOrAgeText(t, item), item.sex === undefined ? '' : t(`clients:sex.${item.sex}`), place].filter((part) => part !== '').join(' · ')}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    {item.pinfl !== undefined && item.pinfl !== null && (
                      <Text size="sm" ff="monospace" aria-label={t('clients:search.pinflEnding', { digits: item.pinfl.slice(-4) })}>
                        {maskPinfl(item.pinfl)}
                      </Text>
                    )}
                    <Badge variant="light" color={item.matchedBy === 'similarName' ? 'gray' : 'teal'}>
                      {t(`clients:search.matchedBy.${item.matchedBy}`)}
                    </Badge>
                  </Group>
                </Group>
              </UnstyledButton>
            </li>
          );
        })}
      </ul>
    </Stack>
  );
}

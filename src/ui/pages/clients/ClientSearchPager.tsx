import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SEARCH_MAX_RESULTS } from '../../../core/clients/clients.schema';

/**
 * Previous and next page of the search's results, under the list. The search ranks at most
 * SEARCH_MAX_RESULTS; past them it asks for a narrower query rather than paging on.
 */
export function ClientSearchPager({
  total,
  offset,
  pageSize,
  onOffset,
}: {
  readonly total: number;
  readonly offset: number;
  readonly pageSize: number;
  readonly onOffset: (offset: number) => void;
}) {
  const { t } = useTranslation();
  const reachable = Math.min(total, SEARCH_MAX_RESULTS);
  const hasPrevious = offset > 0;
  const hasNext = offset + pageSize < reachable;
  const isCut = total > SEARCH_MAX_RESULTS && !hasNext;
  if (!hasPrevious && !hasNext && !isCut) return null;
  return (
    <Group gap="sm" role="group" aria-label={t('clients:search.pages')}>
      <Button variant="default" disabled={!hasPrevious} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('clients:search.previousPage')}
      </Button>
      <Button variant="default" disabled={!hasNext} onClick={() => onOffset(offset + pageSize)}>
        {t('clients:search.nextPage')}
      </Button>
      {isCut && (
        <Text size="sm" c="dimmed">
          {t('clients:search.narrow', { max: SEARCH_MAX_RESULTS })}
        </Text>
      )}
    </Group>
  );
}

import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Previous and next page of the search's results, under the list; nothing when one page holds them. */
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
  const hasPrevious = offset > 0;
  const hasNext = offset + pageSize < total;
  if (!hasPrevious && !hasNext) return null;
  return (
    <Group gap="sm" role="group" aria-label={t('clients:search.pages')}>
      <Button variant="default" disabled={!hasPrevious} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        {t('clients:search.previousPage')}
      </Button>
      <Button variant="default" disabled={!hasNext} onClick={() => onOffset(offset + pageSize)}>
        {t('clients:search.nextPage')}
      </Button>
    </Group>
  );
}

import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RiskLevel } from '../../../../core/counseling/counseling.schema';

const COLORS: Readonly<Record<RiskLevel, string>> = { low: 'teal', medium: 'yellow', high: 'orange', severe: 'red' };

/** A risk level as a coloured badge whose text says the level (the colour never carries it alone). */
export function RiskLevelBadge({ level }: { readonly level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[level]} variant={level === 'severe' ? 'filled' : 'light'}>
      {t(`counseling:riskLevel.${level}`)}
    </Badge>
  );
}

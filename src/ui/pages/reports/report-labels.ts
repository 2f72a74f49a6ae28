import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Dimension, IndicatorTable } from '../../../core/reports/reports.schema';
import { useGeoNames } from '../../components/geo-names';
import { useServiceNames } from '../clients/service-names';

/** Words for a table's rows and columns: districts and services from their name lists, months as mm.yyyy, the rest from reports.json. */
export interface CellLabels {
  readonly t: TFunction;
  key(dimension: Dimension, key: string): string;
  indicatorTitle(id: IndicatorTable['indicatorId']): string;
}

/** @example const labels = useCellLabels(); labels.key('sex', 'female') // 'Ayollar' */
export function useCellLabels(): CellLabels {
  const { t } = useTranslation();
  const geo = useGeoNames();
  const services = useServiceNames();
  return {
    t,
    key(dimension, key) {
      if (dimension === 'district') return key === 'unknown' ? t('reports:dimension.district.unknown') : geo.district(key);
      if (dimension === 'service') return services.name(key);
      if (dimension === 'month') return `${key.slice(5, 7)}.${key.slice(0, 4)}`;
      return t(`reports:dimension.${dimension}.${key}`);
    },
    indicatorTitle: (id) => t(`reports:indicator.${id}.title`),
  };
}

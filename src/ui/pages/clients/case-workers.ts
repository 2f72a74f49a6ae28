import { useTranslation } from 'react-i18next';
import type { CaseWorker } from '../../../core/cases/cases.schema';
import { useApiQuery } from '../../api/api';
import { useSession } from '../../session/session';

/** One option of a case-worker select: the colleague's name and role, the signed-in user marked. */
export interface CaseWorkerOption {
  readonly value: string;
  readonly label: string;
}

/**
 * The colleagues who may be named case worker (`cases.caseWorkers`, which needs `cases.write`),
 * as select options. The core decides who is eligible; the screen only shows its list.
 *
 * @example const workers = useCaseWorkers(session.can('cases.write'));
 */
export function useCaseWorkers(enabled = true) {
  const { t } = useTranslation();
  const session = useSession();
  const query = useApiQuery('cases.caseWorkers', {}, { enabled });
  const items: readonly CaseWorker[] = query.data?.items ?? [];
  const label = (worker: CaseWorker) => {
    const values = { name: worker.displayName, role: t(`common:roles.${worker.role}`) };
    return worker.id === session.user?.id ? t('care:cases.caseWorkerYou', values) : t('care:cases.caseWorkerOption', values);
  };
  const options: readonly CaseWorkerOption[] = items.map((worker) => ({ value: worker.id, label: label(worker) }));
  return {
    query,
    options,
    /** Whether `id` is in the list (active, in a role that may be case worker). */
    has: (id: string) => items.some((worker) => worker.id === id),
    /** The option label for `id`, or null when the list does not hold them (e.g. since deactivated). */
    labelOf: (id: string) => options.find((option) => option.value === id)?.label ?? null,
  };
}

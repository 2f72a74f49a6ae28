import { daysBetween } from '../calendar/calendar';
import { OPEN_PLAN_ITEM_STATUSES, type PlanItemStatus } from './cases.schema';

/**
 * An item is overdue when it still waits for work (planned or in progress) and its due date is
 * before today; an item due today is not overdue yet.
 *
 * @example isPlanItemOverdue({ status: 'planned', dueDate: '2026-11-24' }, '2026-11-25') // true
 */
export function isPlanItemOverdue(item: { readonly status: PlanItemStatus; readonly dueDate: string }, today: string): boolean {
  return OPEN_PLAN_ITEM_STATUSES.includes(item.status) && item.dueDate < today;
}

/**
 * Days past the due date (0 for items not overdue).
 *
 * @example daysOverdue({ status: 'inProgress', dueDate: '2026-11-20' }, '2026-11-25') // 5
 */
export function daysOverdue(item: { readonly status: PlanItemStatus; readonly dueDate: string }, today: string): number {
  return isPlanItemOverdue(item, today) ? daysBetween(item.dueDate, today) : 0;
}

/**
 * The case worker's list order: most overdue first, then by id for a stable order.
 *
 * @example sortOverdue(items) // [{ daysOverdue: 12 }, { daysOverdue: 3 }]
 */
export function sortOverdue<T extends { readonly daysOverdue: number; readonly id: string }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.daysOverdue - a.daysOverdue || a.id.localeCompare(b.id));
}

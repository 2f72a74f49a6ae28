import type { Locator } from 'playwright-core';

/**
 * A stored day (`YYYY-MM-DD`) as a person types it into a date field: day first, `dd.mm.yyyy`.
 *
 * @example dayAsTyped('1985-03-15') // '15.03.1985'
 */
export function dayAsTyped(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return match ? `${match[3]}.${match[2]}.${match[1]}` : day;
}

/** Types a day into a date field as a person does (day first), then Tabs on, which closes its picker. */
export async function fillDay(field: Locator, day: string): Promise<void> {
  await field.fill(dayAsTyped(day));
  await field.press('Tab');
}

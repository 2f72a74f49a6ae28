import { z } from 'zod';

/**
 * What each role's home page shows (issue 9, item 5). Pure: the UI imports these types.
 */
export const homeOverviewInput = z.object({});

/** A client who came in today: registered today, served today, or both. */
export interface TodaysVisitor {
  readonly clientId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
  readonly isRegisteredToday: boolean;
  readonly isServedToday: boolean;
}

/** One open case of the signed-in case worker. */
export interface MyOpenCase {
  readonly caseId: string;
  readonly clientId: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly patronymic: string | null;
  readonly priority: string;
  readonly openedOn: string;
}

/**
 * The center's counts for today and this month. Preliminary: the reports issue replaces them with
 * the project's indicators (by sex, age band, disability group, region, district).
 */
export interface CenterCounts {
  readonly clientsRegistered: { readonly today: number; readonly thisMonth: number };
  readonly servicesDelivered: { readonly today: number; readonly thisMonth: number };
}

/** An active staff account that still needs something before it is fully usable. */
export interface StaffAwaiting {
  readonly id: string;
  readonly displayName: string;
  readonly role: string;
  readonly mustChangePassword: boolean;
  readonly needsConfidentialGrant: boolean;
}

/** `home.overview`: each part present only for roles that may see it. */
export interface HomeOverview {
  readonly today: string;
  readonly todaysVisitors?: readonly TodaysVisitor[];
  readonly myOpenCases?: readonly MyOpenCase[];
  readonly centerCounts?: CenterCounts;
  readonly staffAwaiting?: readonly StaffAwaiting[];
}

/** How many of today's visitors the home page lists (the search finds the rest). */
export const TODAYS_VISITORS_LIMIT = 50;

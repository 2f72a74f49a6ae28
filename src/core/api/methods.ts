import { casesMethods } from '../cases/cases.api';
import { clientsMethods } from '../clients/clients.api';
import { consentsMethods } from '../consents/consents.api';
import { servicesMethods } from '../services/services.api';
import { timelineMethods } from '../timeline/timeline.api';
import { centerMethods, setupMethods } from '../center/center.api';
import { authMethods } from '../staff/auth.api';
import { staffMethods } from '../staff/staff.api';
import { systemMethods } from '../system/system.api';
import { uzMethods } from '../uz/uz.api';

/**
 * The whole API: every domain's methods. The router is built from this list, and the UI's
 * client derives its types from it (`import type` only).
 */
export const methods = [
  ...systemMethods,
  ...setupMethods,
  ...authMethods,
  ...centerMethods,
  ...staffMethods,
  ...clientsMethods,
  ...consentsMethods,
  ...casesMethods,
  ...servicesMethods,
  ...timelineMethods,
  ...uzMethods,
] as const;

type MethodUnion = (typeof methods)[number];
export type ApiMethods = { [M in MethodUnion as M['name']]: M };
export type MethodName = keyof ApiMethods & string;

import { clientsMethods } from '../clients/clients.api';
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
  ...uzMethods,
] as const;

type MethodUnion = (typeof methods)[number];
export type ApiMethods = { [M in MethodUnion as M['name']]: M };
export type MethodName = keyof ApiMethods & string;

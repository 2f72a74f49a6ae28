import type { TimelineSource } from '../timeline/timeline-source';
import type { OutboxTypeSpec } from '../sync/outbox.spec';
import type { ConfidentialColumnSpec } from '../crypto/confidential-columns';
import type { ErrorReasons } from './errors';
import type { AnyMethod } from './method';
import type { PermissionGrants } from './permissions';

/**
 * One domain's manifest: everything it adds to the application. The composition root
 * (`src/core/app.ts`) folds the manifests together; no shared list is kept by hand.
 */
export interface DomainModule {
  /** The domain's name: the prefix of its methods and permissions, and its folder. */
  readonly name: string;
  readonly methods: readonly AnyMethod[];
  /** The permissions this domain introduces, with the roles that hold them. */
  readonly permissions?: PermissionGrants;
  /** The record types it may send to the registry. */
  readonly outbox?: readonly OutboxTypeSpec[];
  /** What it contributes to a client's timeline. */
  readonly timeline?: readonly TimelineSource[];
  /** The reasons it gives with CONFLICT, NOT_FOUND and the other codes a user can cause. */
  readonly errors?: ErrorReasons;
  /** The columns that hold values under the confidential key (re-encrypted when that key rotates). */
  readonly confidentialColumns?: readonly ConfidentialColumnSpec[];
}

/**
 * Declares a domain's manifest; `const` keeps its method tuple typed, so the API's types are derived.
 *
 * @example export const consentsModule = defineModule({ name: 'consents', methods: [record, list], permissions: CONSENTS_PERMISSIONS, outbox: [CONSENT_OUTBOX] });
 */
export function defineModule<const M extends DomainModule>(module: M): M {
  return module;
}

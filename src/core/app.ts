import { ensurePrivateDataDir } from './db/data-dir';
import { anchorChainHead } from './audit/anchors';
import type { CoreServices } from './api/context';
import type { AnyMethod } from './api/method';
import type { DomainModule } from './api/module';
import { buildPermissionTable, type Permission } from './api/permissions';
import { createRouter, type Router } from './api/router';
import { AppError } from './api/errors';
import { MAX_LOCKED_SESSION_AGE_MS, SessionStore, type Session } from './api/session';
import { runWritePath } from './audit/run-write';
import { createReadAudit } from './audit/read-audit';
import { createBackgroundJobs } from './api/jobs';
import { newId } from './db/ids';
import { appointmentsModule } from './appointments/appointments.module';
import { authModule } from './auth/auth.module';
import { backupModule } from './backup/backup.module';
import { backUpIfDue } from './backup/backup.service';
import { stopConfidentialReencryption } from './auth/confidential-reencryption';
import type { ConfidentialColumnSpec } from './crypto/confidential-columns';
import { casesModule } from './cases/cases.module';
import { centerModule } from './center/center.module';
import { clientsModule } from './clients/clients.module';
import { consentsModule } from './consents/consents.module';
import { counselingModule } from './counseling/counseling.module';
import { nodeCryptoPrimitives, type CryptoPrimitives, type ScryptParams } from './crypto/primitives';
import { assertCryptoSelfTest } from './crypto/self-test';
import { createStoreHolder } from './db/store';
import { geoModule } from './geo/geo.module';
import { homeModule } from './home/home.module';
import { createConsoleLogger, type Logger } from './log';
import { reportsModule } from './reports/reports.module';
import { servicesModule } from './services/services.module';
import { createAuthServices } from './session/auth-state';
import { setupModule } from './setup/setup.module';
import { staffModule } from './staff/staff.module';
import { buildOutboxAllowList } from './sync/outbox.spec';
import { systemModule } from './system/system.module';
import { syncModule } from './sync/sync.module';
import { startSyncSchedule, stopSyncSchedule, type SyncSettings } from './sync/uploader';
import { trainingModule } from './training/training.module';
import { createTimelineModule } from './timeline/timeline.module';
import { auditModule } from './audit/audit.module';

/**
 * The composition root: the one place that lists the domains. Everything shared (the method
 * table, the permission table, the outbox allow-list, the timeline's sources) is folded from their
 * manifests here; nothing below imports this file. A new domain adds one line to `DOMAINS`.
 */
const DOMAINS = [
  systemModule,
  setupModule,
  auditModule,
  authModule,
  centerModule,
  staffModule,
  geoModule,
  clientsModule,
  consentsModule,
  casesModule,
  servicesModule,
  counselingModule,
  appointmentsModule,
  trainingModule,
  syncModule,
  homeModule,
  backupModule,
  reportsModule,
] as const;

type Domain = (typeof DOMAINS)[number];
type SourcesOf<M> = M extends { readonly timeline: readonly (infer S)[] } ? S : never;

// Typed as the union of the declared sources, so the timeline's event type is derived too.
const timelineModule = createTimelineModule(DOMAINS.flatMap((domain: DomainModule) => domain.timeline ?? []) as readonly SourcesOf<Domain>[]);

/** Every domain's manifest, the timeline's included. */
export const MODULES: readonly DomainModule[] = [...DOMAINS, timelineModule];

/** Every method of the API, in manifest order. */
export const API_METHODS: readonly AnyMethod[] = MODULES.flatMap((module) => module.methods);

/** What may leave the center, folded from every domain's record types: the place to review it. */
export const OUTBOX_ALLOWLIST = buildOutboxAllowList(MODULES.flatMap((module) => module.outbox ?? []));

/** Every column that holds a value under the confidential key, from every domain. */
export const CONFIDENTIAL_COLUMNS = MODULES.flatMap((module) => module.confidentialColumns ?? []);

/** Roles and what each may do, folded from every domain's grants. */
export const PERMISSION_TABLE = buildPermissionTable(MODULES.flatMap((module) => (module.permissions ? [module.permissions] : [])));

type MethodUnion = Domain['methods'][number] | (typeof timelineModule)['methods'][number];
/** The API as types: method name to its definition. The UI's client is typed from this. */
export type ApiMethods = { [M in MethodUnion as M['name']]: M };
export type MethodName = keyof ApiMethods & string;
type PermissionsOf<M> = M extends { readonly permissions: infer G } ? keyof G & Permission : never;
/** Every permission some domain declares. */
export type AppPermission = PermissionsOf<Domain>;
/** Every event the timeline can show. */
export type AppTimelineEvent = Awaited<ReturnType<ApiMethods['timeline.forClient']['handler']>>['events'][number];

export interface CoreOptions {
  /** The center's data folder: database, keyring, logs. */
  readonly dataDir: string;
  readonly appVersion: string;
  readonly now?: () => Date;
  readonly log?: Logger;
  /** Extra methods (the browser harness's test fixtures); never used by the desktop app. */
  readonly extraMethods?: readonly AnyMethod[];
  /** Confidential columns beyond the manifests' (tests of the re-encryption job over a table of their own). */
  readonly extraConfidentialColumns?: readonly ConfidentialColumnSpec[];
  /** The primitives to check and use; only the self-test's own test injects a broken one. */
  readonly crypto?: CryptoPrimitives;
  /** scrypt cost of new key slots; tests pass TEST_SCRYPT_PARAMS. Default: DEFAULT_SCRYPT_PARAMS. */
  readonly keySlotParams?: ScryptParams;
  /** When buffered reads are written (tests shorten or lengthen the window). */
  readonly readAudit?: { readonly flushEveryMs?: number; readonly flushAtEntries?: number };
  /** The upload's schedule and transport (tests shorten the backoff, inject faults, or turn the schedule off). */
  readonly sync?: SyncSettings;
}

export interface Core {
  readonly services: CoreServices;
  readonly router: Router;
  call(connectionId: string, method: string, input: unknown): ReturnType<Router['call']>;
  close(): Promise<void>;
}

/** Every method's declared access names a permission some domain declares; a typo stops start-up. */
function assertAccessDeclared(methods: readonly AnyMethod[]): void {
  const known = new Set<string>(PERMISSION_TABLE.permissions);
  for (const method of methods) {
    if (method.access !== 'public' && method.access !== 'signedIn' && !known.has(method.access)) {
      throw new Error(`API method ${method.name} requires an undeclared permission: ${method.access}`);
    }
  }
}

/** How often the audit chain head is written to the anchor file while the database is open. */
const ANCHOR_INTERVAL_MS = 10 * 60 * 1000;
/** How often the schedule looks whether a backup is due (the interval itself is a center setting, in hours). */
const BACKUP_CHECK_INTERVAL_MS = 5 * 60 * 1000;

/**
 * Starts the application core over one data folder.
 *
 * @example const core = await createCore({ dataDir, appVersion: '0.1.0' });
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  // Refuse to start (SELF_TEST_FAILED) before touching any key or file if a primitive is broken.
  const primitives = options.crypto ?? nodeCryptoPrimitives;
  await assertCryptoSelfTest(primitives);
  const now = options.now ?? (() => new Date());
  const sessions = new SessionStore();
  const log = options.log ?? createConsoleLogger();
  // A folder left 0755 by an older version or by hand is tightened before any key is read from it.
  ensurePrivateDataDir(options.dataDir, { create: false });
  const store = createStoreHolder({ dataDir: options.dataDir, log });
  const auth = createAuthServices({ dataDir: options.dataDir, primitives, keySlotParams: options.keySlotParams });
  auth.keyring.cleanUp();
  const writeOptions = (defaultAction?: string) => ({ allowList: OUTBOX_ALLOWLIST, now: now(), log, ...(defaultAction ? { defaultAction } : {}) });
  const readAudit = createReadAudit({ store, writeOptions: () => writeOptions(), log, ...(options.readAudit ?? {}) });
  const jobs = createBackgroundJobs({ log, now, newId: () => newId(now().getTime()) });
  const services: CoreServices = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    log,
    sessions,
    store,
    auth,
    outboxAllowList: OUTBOX_ALLOWLIST,
    permissions: PERMISSION_TABLE,
    readAudit,
    confidentialColumns: [...CONFIDENTIAL_COLUMNS, ...(options.extraConfidentialColumns ?? [])],
    jobs,
    now,
    expireIdleSession(connectionId, session: Session) {
      const nowMs = now().getTime();
      if (!session.isLocked && nowMs - session.lastActivityMs > auth.inactivityLockMs) {
        session.isLocked = true;
        auth.setConfidentialKey(session, null);
        // A locked screen's reads go to the audit log now, not at the next timer tick.
        void readAudit.flush(session.userId);
      }
      if (session.isLocked && nowMs - session.signedInAtMs > MAX_LOCKED_SESSION_AGE_MS) {
        sessions.delete(connectionId);
        auth.setConfidentialKey(session, null);
        throw new AppError('UNAUTHENTICATED');
      }
    },
    writeOptions,
    write: async (actorId, work) => runWritePath(store.require(), actorId, work, writeOptions()),
  };
  // The chain head is anchored on a schedule too, not only at sign-out (a PC left signed in).
  const anchorTimer = setInterval(() => {
    if (store.isOpen) anchorChainHead(store.require(), now(), log);
  }, ANCHOR_INTERVAL_MS);
  anchorTimer.unref();
  startSyncSchedule(services, { crypto: primitives, ...(options.sync ?? {}) });
  // Scheduled backups: while the database is open, a backup older than the center's interval is renewed.
  const backupTimer = setInterval(() => {
    void backUpIfDue(services);
  }, BACKUP_CHECK_INTERVAL_MS);
  backupTimer.unref();
  const methods = [...API_METHODS, ...(options.extraMethods ?? [])];
  assertAccessDeclared(methods);
  const router = createRouter(methods);
  return {
    services,
    router,
    call: (connectionId, method, input) => router.call(services, connectionId, method, input),
    close: async () => {
      for (const [connectionId] of [...sessions.all()]) sessions.delete(connectionId);
      clearInterval(anchorTimer);
      await stopSyncSchedule(services);
      clearInterval(backupTimer);
      // A job holding a write stops at its next step and rolls back before the database closes.
      await jobs.stopAll();
      await stopConfidentialReencryption(services);
      await readAudit.stop();
      if (store.isOpen) anchorChainHead(store.require(), now(), log);
      auth.forgetKeys();
      await store.close();
    },
  };
}

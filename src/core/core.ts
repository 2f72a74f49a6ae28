import { createRouter, type Router } from './api/router';
import { methods } from './api/methods';
import { SessionStore, type Session } from './api/session';
import { createConsoleLogger, type Logger } from './log';
import { createStoreHolder, type StoreHolder } from './db/store';
import type { AnyMethod } from './api/method';
import { nodeCryptoPrimitives, type CryptoPrimitives, type ScryptParams } from './crypto/primitives';
import { assertCryptoSelfTest } from './crypto/self-test';
import { createAuthServices, type AuthServices } from './staff/auth-state';

export interface CoreOptions {
  /** The center's data folder: database, keyring, logs. */
  readonly dataDir: string;
  readonly appVersion: string;
  readonly now?: () => Date;
  readonly log?: Logger;
  /** Extra methods (the browser harness's test fixtures); never used by the desktop app. */
  readonly extraMethods?: readonly AnyMethod[];
  /** The primitives to check and use; only the self-test's own test injects a broken one. */
  readonly crypto?: CryptoPrimitives;
  /** scrypt cost of new key slots; tests pass TEST_SCRYPT_PARAMS. Default: DEFAULT_SCRYPT_PARAMS. */
  readonly keySlotParams?: ScryptParams;
}

/** Everything a method handler may reach. One instance per running core; no module singletons. */
export interface CoreServices {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly log: Logger;
  readonly sessions: SessionStore;
  /** The center database: `store.require()` gives the open store or throws LOCKED / NOT_SET_UP. */
  readonly store: StoreHolder;
  /** Keyring, unwrapped keys, sign-in throttle, inactivity timeout. */
  readonly auth: AuthServices;
  now(): Date;
  /** Locks a session that has been idle longer than the center's inactivity timeout. */
  expireIdleSession(connectionId: string, session: Session): void;
}

export interface Core {
  readonly services: CoreServices;
  readonly router: Router;
  call(connectionId: string, method: string, input: unknown): ReturnType<Router['call']>;
  close(): Promise<void>;
}

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
  const store = createStoreHolder({ dataDir: options.dataDir, log });
  const auth = createAuthServices({ dataDir: options.dataDir, primitives, keySlotParams: options.keySlotParams });
  auth.keyring.cleanUp();
  const services: CoreServices = {
    dataDir: options.dataDir,
    appVersion: options.appVersion,
    log,
    sessions,
    store,
    auth,
    now,
    expireIdleSession(_connectionId, session) {
      if (!session.isLocked && now().getTime() - session.lastActivityMs > auth.inactivityLockMs) {
        session.isLocked = true;
      }
    },
  };
  const router = createRouter([...methods, ...(options.extraMethods ?? [])]);
  return {
    services,
    router,
    call: (connectionId, method, input) => router.call(services, connectionId, method, input),
    close: async () => {
      for (const [connectionId] of [...sessions.all()]) sessions.delete(connectionId);
      auth.forgetKeys();
      await store.close();
    },
  };
}

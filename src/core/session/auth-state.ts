import type { Session } from '../api/session';
import { DEFAULT_SCRYPT_PARAMS } from '../crypto/key-slots';
import { KeyringStore } from '../crypto/keyring-store';
import type { CryptoPrimitives, ScryptParams } from '../crypto/primitives';
import { SignInThrottle } from './sign-in-throttle';

export const DEFAULT_INACTIVITY_LOCK_MINUTES = 5;

/** An authentication event that happened while the database was still locked; written when it opens. */
export interface PendingAuthEvent {
  readonly at: Date;
  readonly actorId: string | null;
  readonly action: string;
  readonly entityId: string | null;
  /** Non-personal scalars only, as in every audit event. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/**
 * The key-holding part of one running core: the keyring file, the unwrapped database key while
 * the database is open, each session's confidential key, the sign-in throttle and the center's
 * inactivity timeout. Lives on `CoreServices.auth`; nothing here is a module singleton.
 */
export interface AuthServices {
  readonly primitives: CryptoPrimitives;
  /** scrypt cost for new and rewrapped slots (tests pass a lower one explicitly). */
  readonly keySlotParams: ScryptParams;
  readonly keyring: KeyringStore;
  readonly attempts: SignInThrottle;
  readonly pendingEvents: PendingAuthEvent[];
  /** The raw database key, held from the first successful unlock until the core closes. */
  databaseKey: Buffer | null;
  inactivityLockMs: number;
  /** True while `setup.createCenter` runs, so a second request cannot race it onto the same files. */
  isSetupRunning: boolean;
  confidentialKeyOf(session: Session): Buffer | null;
  /** The confidential key being replaced, while its holder's session re-encrypts the notes (confidential-rotation.ts). */
  previousConfidentialKeyOf(session: Session): Buffer | null;
  /** Sets (or with null drops and zeroes) a session's confidential key and the previous one beside it. */
  setConfidentialKey(session: Session, key: Buffer | null, previous?: Buffer | null): void;
  /** The confidential re-encryption job while it runs (confidential-reencryption.ts). */
  reencryption: { readonly done: Promise<void>; stop(): void } | null;
  /** Forgets every key held in memory (core shutdown). */
  forgetKeys(): void;
}

/**
 * @example const auth = createAuthServices({ dataDir, primitives: nodeCryptoPrimitives });
 */
export function createAuthServices(options: {
  readonly dataDir: string;
  readonly primitives: CryptoPrimitives;
  readonly keySlotParams?: ScryptParams;
}): AuthServices {
  // Keyed by the Session object: when the session store drops a session, its key goes with it.
  // The set holds the same buffers, so forgetting every key can zero them (a WeakMap cannot be walked).
  let confidentialKeys = new WeakMap<Session, Buffer>();
  let previousConfidentialKeys = new WeakMap<Session, Buffer>();
  const heldConfidentialKeys = new Set<Buffer>();
  const replace = (map: WeakMap<Session, Buffer>, session: Session, key: Buffer | null): void => {
    const held = map.get(session);
    if (held && held !== key) {
      held.fill(0);
      heldConfidentialKeys.delete(held);
    }
    if (key) {
      map.set(session, key);
      heldConfidentialKeys.add(key);
    } else map.delete(session);
  };
  const auth: AuthServices = {
    primitives: options.primitives,
    keySlotParams: options.keySlotParams ?? DEFAULT_SCRYPT_PARAMS,
    keyring: new KeyringStore(options.dataDir, { primitives: options.primitives, databaseKey: () => auth.databaseKey }),
    attempts: new SignInThrottle({ dataDir: options.dataDir }),
    pendingEvents: [],
    databaseKey: null,
    inactivityLockMs: DEFAULT_INACTIVITY_LOCK_MINUTES * 60_000,
    isSetupRunning: false,
    reencryption: null,
    confidentialKeyOf: (session) => confidentialKeys.get(session) ?? null,
    previousConfidentialKeyOf: (session) => previousConfidentialKeys.get(session) ?? null,
    setConfidentialKey(session, key, previous = null) {
      replace(confidentialKeys, session, key);
      replace(previousConfidentialKeys, session, key ? previous : null);
    },
    forgetKeys() {
      auth.databaseKey?.fill(0);
      auth.databaseKey = null;
      for (const key of heldConfidentialKeys) key.fill(0);
      heldConfidentialKeys.clear();
      confidentialKeys = new WeakMap();
      previousConfidentialKeys = new WeakMap();
    },
  };
  return auth;
}

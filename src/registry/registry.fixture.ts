import type { Server } from 'node:http';
import type { Kysely } from 'kysely';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { issueEnrollmentCode } from './centers';
import { openRegistryStore, type RegistryStore } from './database';
import { migrateRegistry } from './migrations';
import { ensureRegistryKeys, registryIdentity } from './registry-keys';
import type { RegistryDatabase } from './registry.tables';
import { startRegistryServer, type RegistryServerOptions } from './server';

/**
 * For tests and benchmarks: a real registry (embedded PostgreSQL in memory, or the server named
 * by DATABASE_URL, emptied first) behind the real HTTP service on a loopback port.
 */
export interface TestRegistry {
  readonly url: string;
  readonly port: number;
  readonly db: Kysely<RegistryDatabase>;
  readonly store: RegistryStore;
  readonly fingerprint: string;
  issueCode(centerName?: string): Promise<string>;
  /** Another HTTP instance on the same database (the registry keeps no state of its own). */
  secondInstance(options?: Partial<RegistryServerOptions>): Promise<{ readonly url: string; close(): Promise<void> }>;
  close(): Promise<void>;
}

const TABLES = ['alerts', 'records', 'batches', 'center_keys', 'centers', 'enrollment_codes', 'registry_secrets', 'registry_keys'];

export async function startTestRegistry(options: Partial<Omit<RegistryServerOptions, 'db' | 'crypto'>> & { readonly usePostgres?: boolean } = {}): Promise<TestRegistry> {
  const databaseUrl = options.usePostgres === false ? undefined : process.env.DATABASE_URL;
  const store = await openRegistryStore(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' });
  await migrateRegistry(store.db as never);
  if (databaseUrl) {
    for (const table of TABLES) await store.db.deleteFrom(table as never).execute();
  }
  await ensureRegistryKeys(store.db, nodeCryptoPrimitives, new Date());
  const servers: Server[] = [];
  const start = async (extra: Partial<RegistryServerOptions> = {}) => {
    const { server, port } = await startRegistryServer({ db: store.db, crypto: nodeCryptoPrimitives, ...options, ...extra }, 0);
    servers.push(server);
    return { server, port, url: `http://127.0.0.1:${port}` };
  };
  const first = await start();
  const identity = await registryIdentity(store.db);
  return {
    url: first.url,
    port: first.port,
    db: store.db,
    store,
    fingerprint: identity.fingerprint,
    issueCode: async (centerName = 'Test markazi') => (await issueEnrollmentCode(store.db, centerName, new Date())).code,
    async secondInstance(extra = {}) {
      const second = await start(extra);
      return { url: second.url, close: () => new Promise<void>((resolve) => second.server.close(() => resolve())) };
    },
    async close() {
      for (const server of servers) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await store.close();
    },
  };
}

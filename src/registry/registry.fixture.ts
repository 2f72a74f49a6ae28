import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { issueEnrollmentCode } from './centers';
import { openRegistryStore, type RegistryStore } from './database';
import { migrateRegistry } from './migrations';
import { ensureRegistryKeys, registryIdentity } from './registry-keys';
import type { RegistryDatabase } from './registry.tables';
import { startRegistryServer, type RegistryServerOptions } from './server';

/**
 * For tests and benchmarks: a real registry (embedded PostgreSQL in memory, or a new database on
 * the server named by DATABASE_URL) behind the real HTTP service on a loopback port.
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

/** A database of its own on the server DATABASE_URL names (test files run in parallel), dropped at close. */
async function freshDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `inson_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export async function startTestRegistry(options: Partial<Omit<RegistryServerOptions, 'db' | 'crypto'>> & { readonly usePostgres?: boolean } = {}): Promise<TestRegistry> {
  const serverUrl = options.usePostgres === false ? undefined : process.env.DATABASE_URL || undefined;
  const database = serverUrl ? await freshDatabase(serverUrl) : null;
  const store = await openRegistryStore(database ? { databaseUrl: database.url } : { dataDir: 'memory://' });
  await migrateRegistry(store.db as never);
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
      await database?.drop();
    },
  };
}

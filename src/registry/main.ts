import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nodeCryptoPrimitives } from '../core/crypto/primitives';
import { exportReceipts, importTransferFile, issueEnrollmentCode } from './centers';
import { openRegistryStore, type RegistryStore } from './database';
import { migrateRegistry } from './migrations';
import { exportNational, NATIONAL_FORMATS, type NationalFormat } from './national-export';
import { ensureRegistryKeys, registryIdentity, rotateRegistryKeys } from './registry-keys';
import { cursors, DEFAULT_HOLD_MS, startRegistryServer } from './server';

/**
 * The reference registry's command line (`npm run registry -- <command>`), on the database named
 * by `--data DIR` (PGlite) or `DATABASE_URL` (PostgreSQL):
 *   serve --port P [--hold-hours H] [--updates DIR]   the HTTP service (DIR: the update feed, update-files.ts)
 *   issue-code --center-name N           prints {"code": …, "fingerprint": …}
 *   import FILE                          a transfer file from a center's USB stick
 *   export-receipts --center ID --out F  the signed receipts file for that center
 *   cursor [--center ID]                 each center's last contiguous seq
 *   rotate-keys                          new signing and encryption keys, endorsed by the old
 *   national --from D --to D --out F     the national indicators, small cells suppressed (CSV, or XLSX
 *     [--format csv|xlsx] [--threshold N] [--by NAME]   when F ends in .xlsx); logged as asked for by NAME
 *                                        (default: the operating system's user name)
 * With PGlite only one process may own the data folder: while `serve` runs, the other commands
 * go through its loopback operator endpoint (token and port in DIR/operator.json, mode 0600).
 */

const OPERATOR_FILE = 'operator.json';

interface OperatorInfo {
  readonly port: number;
  readonly token: string;
  readonly pid: number;
}

function readOperator(dataDir: string | undefined): OperatorInfo | null {
  if (!dataDir) return null;
  const path = join(dataDir, OPERATOR_FILE);
  if (!existsSync(path)) return null;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as OperatorInfo;
    process.kill(info.pid, 0);
    return info;
  } catch {
    return null;
  }
}

async function operatorCall(info: OperatorInfo, method: string, path: string, body?: Buffer): Promise<Buffer> {
  const response = await fetch(`http://127.0.0.1:${info.port}${path}`, { method, headers: { 'x-operator-token': info.token, 'content-type': 'application/octet-stream' }, ...(body ? { body: new Uint8Array(body) } : {}) });
  const bytes = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`registry answered ${response.status}: ${bytes.toString('utf8').slice(0, 200)}`);
  return bytes;
}

async function openDirect(dataDir: string | undefined): Promise<RegistryStore> {
  const store = await openRegistryStore({ dataDir, databaseUrl: process.env.DATABASE_URL });
  await migrateRegistry(store.db as never);
  await ensureRegistryKeys(store.db, nodeCryptoPrimitives, new Date());
  return store;
}

async function withStore<T>(dataDir: string | undefined, work: (store: RegistryStore) => Promise<T>): Promise<T> {
  const store = await openDirect(dataDir);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

async function main(argv: readonly string[]): Promise<void> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: [...rest],
    allowPositionals: true,
    options: { data: { type: 'string' }, port: { type: 'string' }, 'center-name': { type: 'string' }, center: { type: 'string' }, out: { type: 'string' }, 'hold-hours': { type: 'string' }, 'max-ingests': { type: 'string' }, updates: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string' }, threshold: { type: 'string' }, by: { type: 'string' } },
  });
  const dataDir = values.data;
  if (!dataDir && !process.env.DATABASE_URL) throw new Error('Name the database: --data DIR (embedded PostgreSQL) or DATABASE_URL');
  const operator = process.env.DATABASE_URL ? null : readOperator(dataDir);
  const crypto = nodeCryptoPrimitives;
  const print = (value: unknown): void => {
    process.stdout.write(`${JSON.stringify(value)}\n`);
  };

  switch (command) {
    case 'serve': {
      const store = await openDirect(dataDir);
      const token = randomBytes(24).toString('hex');
      const holdMs = values['hold-hours'] ? Number(values['hold-hours']) * 3600_000 : DEFAULT_HOLD_MS;
      const { server, port } = await startRegistryServer({ db: store.db, crypto, operatorToken: token, holdMs, maxConcurrentIngests: values['max-ingests'] ? Number(values['max-ingests']) : 8, updatesDir: values.updates }, Number(values.port ?? 8740));
      const operatorPath = dataDir ? join(dataDir, OPERATOR_FILE) : null;
      if (operatorPath) writeFileSync(operatorPath, JSON.stringify({ port, token, pid: process.pid }), { mode: 0o600 });
      const identity = await registryIdentity(store.db);
      print({ listening: port, fingerprint: identity.fingerprint, database: store.kind });
      const stop = () => {
        if (operatorPath) rmSync(operatorPath, { force: true });
        server.close();
        void store.close().then(() => process.exit(0));
      };
      process.on('SIGTERM', stop);
      process.on('SIGINT', stop);
      return;
    }
    case 'issue-code': {
      const centerName = values['center-name'];
      if (!centerName) throw new Error('issue-code needs --center-name');
      if (operator) return print(JSON.parse((await operatorCall(operator, 'POST', '/operator/issue-code', Buffer.from(JSON.stringify({ centerName })))).toString()));
      return print(await withStore(dataDir, async (store) => ({ ...(await issueEnrollmentCode(store.db, centerName, new Date())), fingerprint: (await registryIdentity(store.db)).fingerprint })));
    }
    case 'import': {
      const file = positionals[0];
      if (!file) throw new Error('import needs a FILE');
      const bytes = readFileSync(file);
      if (operator) return print(JSON.parse((await operatorCall(operator, 'POST', '/operator/import', bytes)).toString()));
      return print(await withStore(dataDir, (store) => importTransferFile(store.db, crypto, bytes, { now: new Date(), holdMs: DEFAULT_HOLD_MS })));
    }
    case 'export-receipts': {
      if (!values.center || !values.out) throw new Error('export-receipts needs --center ID and --out FILE');
      const bytes = operator
        ? await operatorCall(operator, 'GET', `/operator/receipts?center=${encodeURIComponent(values.center)}`)
        : await withStore(dataDir, (store) => exportReceipts(store.db, crypto, values.center ?? '', new Date()));
      writeFileSync(values.out, bytes);
      return print({ out: values.out, bytes: bytes.length });
    }
    case 'cursor': {
      const query = values.center ? `?center=${encodeURIComponent(values.center)}` : '';
      if (operator) return print(JSON.parse((await operatorCall(operator, 'GET', `/operator/cursor${query}`)).toString()));
      return print(await withStore(dataDir, (store) => cursors(store.db, values.center ?? null)));
    }
    case 'rotate-keys': {
      if (operator) throw new Error('Stop the server before rotating keys');
      return print(await withStore(dataDir, (store) => rotateRegistryKeys(store.db, crypto, new Date())));
    }
    case 'national': {
      const { from, to, out } = values;
      if (!from || !to || !out) throw new Error('national needs --from YYYY-MM-DD --to YYYY-MM-DD --out FILE');
      const format = values.format ?? (out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
      if (!NATIONAL_FORMATS.includes(format as NationalFormat)) throw new Error('--format is csv or xlsx');
      const by = values.by ?? userInfo().username;
      const threshold = values.threshold === undefined ? undefined : Number(values.threshold);
      const bytes = operator
        ? await operatorCall(operator, 'GET', `/operator/national?${new URLSearchParams({ from, to, format, by, ...(values.threshold === undefined ? {} : { threshold: values.threshold }) }).toString()}`)
        : (await withStore(dataDir, (store) => exportNational(store.db, { period: { from, to }, format: format as NationalFormat, operator: by, via: 'cli', now: new Date(), ...(threshold === undefined ? {} : { threshold }) }))).bytes;
      writeFileSync(out, bytes);
      return print({ out, format, bytes: bytes.length });
    }
    default:
      throw new Error(`Unknown command: ${command ?? '(none)'}. Commands: serve, issue-code, import, export-receipts, cursor, rotate-keys, national`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

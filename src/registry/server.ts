import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import type { CryptoPrimitives } from '../core/crypto/primitives';
import { enrollRequestSchema } from '../core/sync/protocol/hello';
import { publishedKeySchema } from '../core/sync/protocol/keys';
import { ProtocolError } from '../core/sync/protocol/protocol-error';
import { enrollCenter, exportReceipts, hello, importTransferFile, issueEnrollmentCode, MAX_BATCH_BYTES, registerCenterKey } from './centers';
import { cursorOf, ingestBatch } from './ingest';
import { exportNational, NATIONAL_FORMATS, NationalExportRequestError, type NationalFormat } from './national-export';
import { registryIdentity } from './registry-keys';
import type { RegistryDatabase } from './registry.tables';
import { serveUpdateFile } from './update-files';

/**
 * The registry's HTTP service (DESIGN.md, "Batch protocol"). It keeps no state of its own: every
 * answer comes from the database, so two instances on one PostgreSQL serve the same centers.
 * `/operator/*` is for the operator's commands, on loopback only and with the token the server
 * was started with (with PGlite, one process owns the database, so the CLI goes through here).
 */

export interface RegistryServerOptions {
  readonly db: Kysely<RegistryDatabase>;
  readonly crypto: CryptoPrimitives;
  readonly now?: () => Date;
  /** How long a batch above a gap is held before the gap is skipped. Default: 7 days. */
  readonly holdMs?: number;
  /** Batches ingested at once; more get 503 with Retry-After. Default: 8. */
  readonly maxConcurrentIngests?: number;
  /** The Retry-After of a 503 when busy. Default: 2 s. */
  readonly busyRetryAfterSeconds?: number;
  /** The operator endpoint's token; without one, `/operator` is closed. */
  readonly operatorToken?: string;
  /** The update feed's folder (`serve --updates DIR`, update-files.ts); without one, `/updates` is 404. */
  readonly updatesDir?: string;
}

export const DEFAULT_HOLD_MS = 7 * 24 * 3600 * 1000;
const MAX_TRANSFER_BODY = 512 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
  ) {
    super(error);
  }
}

async function readBody(request: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new HttpError(413, 'tooLarge');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'tooLarge');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
  response.writeHead(status, { 'content-type': Buffer.isBuffer(body) ? 'application/octet-stream' : 'application/json', 'content-length': String(bytes.length), 'cache-control': 'no-store', ...headers });
  response.end(bytes);
}

function isLoopback(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

function hasToken(request: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return false;
  const given = Buffer.from(String(request.headers['x-operator-token'] ?? ''), 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function parseJson(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new HttpError(400, 'notJson');
  }
}

/** Builds the request handler (the server and tests share it). */
export function createRegistryHandler(options: RegistryServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const now = options.now ?? (() => new Date());
  const holdMs = options.holdMs ?? DEFAULT_HOLD_MS;
  const maxIngests = options.maxConcurrentIngests ?? 8;
  let ingesting = 0;
  const { db, crypto } = options;

  async function route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://registry.invalid');
    const parts = url.pathname.split('/').filter(Boolean).map((part) => decodeURIComponent(part));
    const method = request.method ?? 'GET';
    if (method === 'GET' && parts[0] === 'updates') return serveUpdateFile(response, options.updatesDir, parts.slice(1));
    if (method === 'GET' && url.pathname === '/v1/hello') return send(response, 200, await hello(db, now()));
    if (method === 'POST' && url.pathname === '/v1/centers/enroll') {
      const parsed = enrollRequestSchema.safeParse(parseJson(await readBody(request, 64 * 1024)));
      if (!parsed.success) throw new HttpError(400, 'badRequest');
      const outcome = await enrollCenter(db, crypto, parsed.data, now());
      return outcome.ok ? send(response, 201, outcome.response) : send(response, 422, { error: outcome.error });
    }
    if (parts[0] === 'v1' && parts[1] === 'centers' && parts.length >= 4) {
      const centerId = parts[2] ?? '';
      if (method === 'PUT' && parts[3] === 'batches' && parts.length === 5) {
        if (ingesting >= maxIngests) return send(response, 503, { error: 'busy' }, { 'retry-after': String(options.busyRetryAfterSeconds ?? 2) });
        ingesting += 1;
        try {
          const bytes = await readBody(request, MAX_BATCH_BYTES);
          const outcome = await ingestBatch(db, bytes, { crypto, now: now(), via: 'network', holdMs, expected: { centerId, batchId: parts[4] ?? '' } });
          return send(response, outcome.status, 'receipt' in outcome ? outcome.receipt : outcome);
        } finally {
          ingesting -= 1;
        }
      }
      if (method === 'GET' && parts[3] === 'batches' && parts[5] === 'receipt' && parts.length === 6) {
        const row = await db.selectFrom('batches').select(['state', 'receipt']).where('center_id', '=', centerId).where('batch_id', '=', parts[4] ?? '').executeTakeFirst();
        if (row === undefined) return send(response, 404, { error: 'unknownBatch' });
        return row.receipt === null ? send(response, 202, { error: 'held', cursor: await cursorOf(db, centerId) }) : send(response, 200, row.receipt);
      }
      if (method === 'GET' && parts[3] === 'cursor' && parts.length === 4) {
        const cursor = await cursorOf(db, centerId);
        return cursor === null ? send(response, 404, { error: 'unknownCenter' }) : send(response, 200, cursor);
      }
      if (method === 'POST' && parts[3] === 'keys' && parts.length === 4) {
        const parsed = publishedKeySchema.safeParse(parseJson(await readBody(request, 64 * 1024)));
        if (!parsed.success) throw new HttpError(400, 'badRequest');
        const centerKey = await registerCenterKey(db, crypto, centerId, parsed.data, now());
        return centerKey === null ? send(response, 422, { error: 'badEndorsement' }) : send(response, 201, { kid: parsed.data.kid, centerKey });
      }
    }
    if (parts[0] === 'operator') {
      if (!isLoopback(request) || !hasToken(request, options.operatorToken)) throw new HttpError(403, 'forbidden');
      if (method === 'POST' && parts[1] === 'issue-code') {
        const body = parseJson(await readBody(request, 64 * 1024)) as { centerName?: unknown };
        if (typeof body.centerName !== 'string' || body.centerName.trim() === '') throw new HttpError(400, 'badRequest');
        return send(response, 201, { ...(await issueEnrollmentCode(db, body.centerName.trim(), now())), fingerprint: (await registryIdentity(db)).fingerprint });
      }
      if (method === 'POST' && parts[1] === 'import') return send(response, 200, await importTransferFile(db, crypto, await readBody(request, MAX_TRANSFER_BODY), { now: now(), holdMs }));
      if (method === 'GET' && parts[1] === 'receipts') return send(response, 200, await exportReceipts(db, crypto, url.searchParams.get('center') ?? '', now()));
      if (method === 'GET' && parts[1] === 'cursor') return send(response, 200, await cursors(db, url.searchParams.get('center')));
      if (method === 'GET' && parts[1] === 'national') return send(response, 200, await nationalFile(db, url.searchParams, now()));
    }
    throw new HttpError(404, 'notFound');
  }

  return (request, response) => {
    route(request, response).catch((error: unknown) => {
      if (response.headersSent) return response.destroy();
      if (error instanceof HttpError) return send(response, error.status, { error: error.error });
      if (error instanceof ProtocolError) return send(response, 422, { error: error.code, message: error.message });
      // No batch content is ever logged: only that a request failed.
      console.error('registry: request failed', request.method, (request.url ?? '').split('?')[0], error instanceof Error ? error.message : 'error');
      send(response, 500, { error: 'internal' });
    });
  };
}

/** `GET /operator/national?from&to&format&by[&threshold]`: the national export's file, logged as asked for by `by`. */
async function nationalFile(db: Kysely<RegistryDatabase>, query: URLSearchParams, now: Date): Promise<Buffer> {
  const format = query.get('format') ?? 'csv';
  const operator = (query.get('by') ?? '').trim();
  const threshold = query.get('threshold');
  if (!NATIONAL_FORMATS.includes(format as NationalFormat) || operator === '' || (threshold !== null && !/^\d{1,2}$/.test(threshold))) throw new HttpError(400, 'badRequest');
  try {
    const { bytes } = await exportNational(db, { period: { from: query.get('from') ?? '', to: query.get('to') ?? '' }, format: format as NationalFormat, operator, via: 'endpoint', now, ...(threshold === null ? {} : { threshold: Number(threshold) }) });
    return bytes;
  } catch (error) {
    if (error instanceof NationalExportRequestError) throw new HttpError(400, 'badRequest');
    throw error;
  }
}

/** Every center's cursor (or one center's), as the `cursor` command prints it. */
export async function cursors(db: Kysely<RegistryDatabase>, centerId: string | null): Promise<unknown> {
  const ids = centerId ? [centerId] : (await db.selectFrom('centers').select('id').orderBy('id').execute()).map((row) => row.id);
  const result = [];
  for (const id of ids) {
    const cursor = await cursorOf(db, id);
    if (cursor !== null) result.push(cursor);
  }
  return { centers: result };
}

/**
 * Starts the service on a port of 127.0.0.1 (0: any free one).
 *
 * @example const { server, port } = await startRegistryServer({ db, crypto }, 0);
 */
export function startRegistryServer(options: RegistryServerOptions, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer(createRegistryHandler(options));
  server.requestTimeout = 60_000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve({ server, port: (server.address() as AddressInfo).port }));
  });
}

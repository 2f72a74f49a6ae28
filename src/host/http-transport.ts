import { MAX_REQUEST_BYTES } from './request-limits';
import { timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { Core } from '../core/app';

export const TOKEN_HEADER = 'x-inson-token';
export const CONNECTION_HEADER = 'x-inson-connection';

export interface HttpTransportOptions {
  readonly core: Core;
  /** The per-run secret every API request must carry. */
  readonly token: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /** The built renderer, served to the browser; omitted in API-only tests. */
  readonly staticDir?: string;
}

export interface RunningHttpTransport {
  readonly server: Server;
  readonly port: number;
  readonly origin: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

/** The same policy the Electron window sets in its meta tag, plus `connect-src 'self'` for the API. */
export const HARNESS_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Serves the API (`POST /api/<method>`) and the renderer on 127.0.0.1 only. Every API request
 * needs the per-run token; requests from another Origin or Host are refused, so a web page the
 * user happens to open cannot talk to the core (DNS rebinding included).
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<RunningHttpTransport> {
  let origin = '';
  let allowedOrigins: readonly string[] = [];
  let allowedHosts: readonly string[] = [];

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', messageKey: 'errors.INTERNAL' } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!allowedHosts.includes(req.headers.host ?? '')) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN' } });
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) {
      await handleApi(req, res, url.pathname.slice('/api/'.length));
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST' } });
      return;
    }
    serveStatic(res, url.pathname);
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const requestOrigin = req.headers.origin;
    if (requestOrigin !== undefined && !allowedOrigins.includes(requestOrigin)) {
      sendJson(res, 403, { ok: false, error: { code: 'FORBIDDEN', messageKey: 'errors.FORBIDDEN', details: { reason: 'origin' } } });
      return;
    }
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !sameSecret(token, options.token)) {
      sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', messageKey: 'errors.UNAUTHENTICATED', details: { reason: 'token' } } });
      return;
    }
    if (req.method !== 'POST') {
      sendJson(res, 405, { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST' } });
      return;
    }
    const connection = req.headers[CONNECTION_HEADER];
    if (typeof connection !== 'string' || !/^[A-Za-z0-9-]{8,64}$/.test(connection)) {
      sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST', details: { reason: 'connection' } } });
      return;
    }
    let input: unknown;
    try {
      const body = await readBody(req);
      input = body.length === 0 ? {} : (JSON.parse(body) as unknown);
    } catch {
      sendJson(res, 400, { ok: false, error: { code: 'BAD_REQUEST', messageKey: 'errors.BAD_REQUEST', details: { reason: 'body' } } });
      return;
    }
    const outcome = await options.core.call(`http:${connection}`, decodeURIComponent(method), input);
    sendJson(res, 200, outcome);
  }

  function serveStatic(res: ServerResponse, pathname: string): void {
    const root = options.staticDir;
    if (!root) {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND' } });
      return;
    }
    const rootPath = resolve(root);
    let filePath = resolve(join(rootPath, normalize(decodeURIComponent(pathname))));
    if (filePath !== rootPath && !filePath.startsWith(rootPath + sep)) {
      sendJson(res, 404, { ok: false, error: { code: 'NOT_FOUND', messageKey: 'errors.NOT_FOUND' } });
      return;
    }
    // The renderer is a single page: unknown paths get index.html.
    if (!existsSync(filePath) || statSync(filePath).isDirectory()) filePath = join(rootPath, 'index.html');
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(filePath)] ?? 'application/octet-stream',
      'content-security-policy': HARNESS_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    createReadStream(filePath).pipe(res);
  }

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  allowedOrigins = allowedHosts.map((host) => `http://${host}`);
  return {
    server,
    port,
    origin,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

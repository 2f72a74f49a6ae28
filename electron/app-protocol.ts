import { extname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The packaged window's pages come from `app://inson/…`, a privileged custom scheme served by
 * this handler, instead of `file://`: the page gets a real origin of its own (no other local file
 * shares it, so `file://` path comparisons are gone from the frame check), the CSP travels in a
 * response header as well as the page's meta, and the `GrantFileProtocolExtraPrivileges` fuse can
 * be off. Electron is not imported here, so tests drive the handler with fakes.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'inson';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** What `protocol.registerSchemesAsPrivileged` is told: a standard, secure origin that may fetch its own files. */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** The page's policy (the same as src/ui/index.html's meta; a test keeps them equal). */
export const APP_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * The file under `rendererDir` an `app://inson/…` address names, or null for another host, a
 * path that climbs out of the folder (`..`, encoded or not), or an unreadable address.
 *
 * @example resolveAppFile('app://inson/assets/index.js', '/opt/app/renderer') // '/opt/app/renderer/assets/index.js'
 */
export function resolveAppFile(url: string, rendererDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const file = join(rendererDir, wanted);
  const inside = relative(rendererDir, file);
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) return null;
  return file;
}

/** The request parts the handler reads (Electron's GlobalRequest in the app, a plain object in tests). */
export interface AppRequestLike {
  readonly url: string;
  readonly method: string;
}

function plain(status: number): Response {
  return new Response(null, { status, headers: { 'x-content-type-options': 'nosniff' } });
}

/**
 * The `protocol.handle('app', …)` handler: GET and HEAD of files in the renderer build only,
 * with their content type, the CSP and no-sniff; 404 for a missing file, 403 outside the build.
 *
 * @example protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir, (file) => readFile(file)));
 */
export function createAppProtocolHandler(rendererDir: string, readFile: (file: string) => Promise<Uint8Array>) {
  return async (request: AppRequestLike): Promise<Response> => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405);
    const file = resolveAppFile(request.url, rendererDir);
    if (file === null) return plain(403);
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      return plain(404);
    }
    const headers = {
      'content-type': CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-security-policy': APP_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}

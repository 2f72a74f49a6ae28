import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';

/**
 * The update feed, served from the folder given at `serve --updates DIR` (DIR/channels.json,
 * DIR/<channel>/latest.yml and the installers beside it), so a pilot needs one server. Names are
 * checked before any file is touched: a channel is a plain lowercase word, a file a plain name,
 * and the resolved path (symlinks followed) must stay inside DIR.
 */

const CHANNEL = /^[a-z0-9][a-z0-9-]{0,31}$/;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.json': 'application/json',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.zip': 'application/zip',
  '.dmg': 'application/x-apple-diskimage',
  '.deb': 'application/vnd.debian.binary-package',
};

function notFound(response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: 'notFound' }));
}

/**
 * Answers `GET /updates/<parts…>`: `['channels.json']` or `[channel, file]`; anything else is 404.
 *
 * @example if (parts[0] === 'updates') return serveUpdateFile(response, options.updatesDir, parts.slice(1));
 */
export async function serveUpdateFile(response: ServerResponse, updatesDir: string | undefined, parts: readonly string[]): Promise<void> {
  const isChannelMap = parts.length === 1 && parts[0] === 'channels.json';
  const isChannelFile = parts.length === 2 && CHANNEL.test(parts[0] ?? '') && FILE_NAME.test(parts[1] ?? '') && !(parts[1] ?? '').includes('..');
  if (updatesDir === undefined || (!isChannelMap && !isChannelFile)) return notFound(response);
  let root: string;
  let file: string;
  try {
    root = await realpath(updatesDir);
    file = await realpath(join(root, ...parts));
  } catch {
    return notFound(response);
  }
  if (!file.startsWith(root + sep)) return notFound(response);
  const info = await stat(file);
  if (!info.isFile()) return notFound(response);
  const extension = extname(file).toLowerCase();
  // The feed changes in place; an installer's name carries its version.
  const isFeed = extension === '.yml' || extension === '.json';
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': isFeed ? 'no-cache' : 'public, max-age=86400, immutable',
    'x-content-type-options': 'nosniff',
  });
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  stream.pipe(response);
}

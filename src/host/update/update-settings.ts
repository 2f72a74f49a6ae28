import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unquote } from './feed';
import { decodeAgencyKey } from './release-signature';
import { isChannelName } from './rollout';

/**
 * Where updates come from and whom to trust. First the packaged `resources/app-update.yml` (the
 * packaging hook writes it at build time from INSON_UPDATE_URL, INSON_UPDATE_CHANNEL and
 * INSON_PUBLISHER_NAME: `url: <registry>/updates/<channel>`, `publisherName`, and the agency's
 * public key as `insonUpdateKey` when the build names one), then the environment, which wins:
 *   INSON_UPDATE_URL        the registry's address; the feed is at <URL>/updates/<channel>/
 *   INSON_UPDATE_CHANNEL    the channel this PC follows when channels.json names none for it
 *   INSON_UPDATE_KEY        the agency's Ed25519 public key (base64, 32 bytes): the pinned key
 *   INSON_PUBLISHER_NAME    Windows: the installer's Authenticode subject (CN or full DN)
 *   INSON_UPDATE_GROUP      the center's group in channels.json (optional)
 *   INSON_CENTER_ID         the registry's id of this center, for staged rollouts (optional)
 * Nothing here is secret. Without a URL updates are off; without a valid key every update is refused.
 */

export interface UpdateSettings {
  /** The updates root, `<registry>/updates`. */
  readonly baseUrl: string;
  readonly buildChannel: string | null;
  readonly agencyPublicKey: Buffer | null;
  readonly publisherNames: readonly string[];
  readonly centerGroup: string | null;
  readonly centerId: string | null;
}

/** The fields of app-update.yml this module reads (top-level scalars and the publisherName list). */
export function readAppUpdateYml(text: string): { readonly url?: string; readonly publisherNames: readonly string[]; readonly insonUpdateKey?: string } {
  const scalars = new Map<string, string>();
  const publisherNames: string[] = [];
  let list: string | null = null;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    const item = /^ {2}- (.+)$/.exec(line);
    if (item?.[1] !== undefined) {
      if (list === 'publisherName') publisherNames.push(unquote(item[1]));
      continue;
    }
    const pair = /^([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/.exec(line);
    if (!pair?.[1]) continue;
    list = pair[2] === undefined || pair[2].trim() === '' ? pair[1] : null;
    if (list === null && pair[2] !== undefined) scalars.set(pair[1], unquote(pair[2]));
  }
  if (scalars.has('publisherName')) publisherNames.push(scalars.get('publisherName') ?? '');
  return { url: scalars.get('url'), publisherNames, insonUpdateKey: scalars.get('insonUpdateKey') };
}

function isAllowedUrl(url: URL): boolean {
  // Plain HTTP only to this machine (a pilot's registry on the same PC, tests).
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback);
}

function parseUrl(text: string): URL | null {
  try {
    const url = new URL(text);
    return isAllowedUrl(url) ? url : null;
  } catch {
    return null;
  }
}

const nonEmpty = (value: string | undefined): string | null => (value === undefined || value.trim() === '' ? null : value.trim());

/**
 * @example readUpdateSettings(process.env, readFileSync(join(process.resourcesPath, 'app-update.yml'), 'utf8'))
 */
export function readUpdateSettings(env: Readonly<Record<string, string | undefined>>, appUpdateYml: string | null): UpdateSettings | null {
  const packaged = appUpdateYml === null ? { publisherNames: [] } : readAppUpdateYml(appUpdateYml);
  let baseUrl: string | null = null;
  let buildChannel: string | null = null;
  const packagedUrl = packaged.url === undefined ? null : parseUrl(packaged.url);
  if (packagedUrl) {
    // `<registry>/updates/<channel>`: the root is the folder above the channel.
    const path = packagedUrl.pathname.replace(/\/+$/, '');
    const channel = path.split('/').at(-1) ?? '';
    if (isChannelName(channel)) {
      buildChannel = channel;
      baseUrl = `${packagedUrl.origin}${path.slice(0, -channel.length).replace(/\/+$/, '')}`;
    }
  }
  const envUrl = nonEmpty(env.INSON_UPDATE_URL);
  if (envUrl !== null) {
    const url = parseUrl(envUrl);
    if (url === null) return null;
    baseUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}/updates`;
  }
  if (baseUrl === null) return null;
  const envChannel = nonEmpty(env.INSON_UPDATE_CHANNEL);
  if (envChannel !== null) buildChannel = isChannelName(envChannel) ? envChannel : null;
  const envPublisher = nonEmpty(env.INSON_PUBLISHER_NAME);
  return {
    baseUrl,
    buildChannel,
    agencyPublicKey: decodeAgencyKey(nonEmpty(env.INSON_UPDATE_KEY) ?? packaged.insonUpdateKey ?? ''),
    publisherNames: envPublisher !== null ? [envPublisher] : packaged.publisherNames.filter((name) => name.trim() !== ''),
    centerGroup: nonEmpty(env.INSON_UPDATE_GROUP),
    centerId: nonEmpty(env.INSON_CENTER_ID),
  };
}

/** Reads the packaged app-update.yml (absent in a build without a feed) and the environment. */
export function loadUpdateSettings(env: Readonly<Record<string, string | undefined>>, resourcesDir: string): UpdateSettings | null {
  let text: string | null;
  try {
    text = readFileSync(join(resourcesDir, 'app-update.yml'), 'utf8');
  } catch {
    text = null;
  }
  return readUpdateSettings(env, text);
}

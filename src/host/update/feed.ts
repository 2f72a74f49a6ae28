/**
 * The update feed as electron-builder's generic provider writes it (`latest.yml`), plus the
 * agency's signature (`insonSignature`, added by sign-release.ts). electron-builder writes a small,
 * fixed shape of YAML (js-yaml `dump`): top-level `key: value` lines and one list, `files`, of
 * `url`/`sha512`/`size` maps. Only that shape is read; anything else is refused, so a feed the
 * app cannot fully understand is never acted on.
 */

export interface FeedFile {
  readonly url: string;
  /** Base64 SHA-512 of the file, as electron-builder writes it. */
  readonly sha512: string;
  readonly sizeBytes: number;
}

export interface UpdateFeed {
  readonly version: string;
  readonly files: readonly FeedFile[];
  readonly releaseDate: string | null;
  /** 0–100; null when the release is for everyone. */
  readonly stagingPercentage: number | null;
  /** Base64 Ed25519 signature by the agency (release-signature.ts); null when unsigned. */
  readonly signature: string | null;
}

export type FeedResult = { readonly ok: true; readonly feed: UpdateFeed } | { readonly ok: false; readonly reason: string };

/** The channel file electron-updater's generic provider reads on each platform. */
export function feedFileName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'latest-mac.yml';
  if (platform === 'linux') return 'latest-linux.yml';
  return 'latest.yml';
}

/** A YAML scalar as electron-builder (js-yaml) writes it: plain, single- or double-quoted. */
export function unquote(raw: string): string {
  const value = raw.trim();
  if (value.startsWith("'") && value.endsWith("'") && value.length >= 2) return value.slice(1, -1).replace(/''/g, "'");
  if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) return JSON.parse(value) as string;
  return value;
}

const KEY_VALUE = /^([A-Za-z][A-Za-z0-9_]*):(?: (.*))?$/;

/**
 * Reads electron-builder's `latest.yml` into plain records (values stay strings). Block scalars
 * (`releaseNotes: |`) are skipped; any other line that is not of the known shape is an error.
 *
 * @example readLatestYml('version: 1.2.0\nfiles:\n  - url: a.exe\n    sha512: x\n    size: 3\n')
 */
export function readLatestYml(text: string): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  let list: Record<string, string>[] | null = null;
  let skippingBlock = false;
  for (const line of text.replace(/\r\n/g, '\n').split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    if (skippingBlock && line.startsWith(' ')) continue;
    skippingBlock = false;
    const item = /^ {2}- (.*)$/.exec(line);
    const continued = /^ {4}(.*)$/.exec(line);
    if (item || continued) {
      const pair = KEY_VALUE.exec((item ?? continued)?.[1] ?? '');
      if (list === null || !pair?.[1] || pair[2] === undefined) throw new SyntaxError('latest.yml: unexpected list line');
      if (item) list.push({});
      const entry = list.at(-1);
      if (!entry) throw new SyntaxError('latest.yml: list entry without a dash');
      entry[pair[1]] = unquote(pair[2]);
      continue;
    }
    const pair = KEY_VALUE.exec(line);
    if (!pair?.[1]) throw new SyntaxError('latest.yml: unexpected line');
    const value = pair[2];
    if (value === undefined || value.trim() === '') {
      list = [];
      top[pair[1]] = list;
    } else if (/^[|>][-+]?$/.test(value.trim())) {
      list = null;
      skippingBlock = true;
    } else {
      list = null;
      top[pair[1]] = unquote(value);
    }
  }
  return top;
}

const BASE64_SHA512 = /^[A-Za-z0-9+/]{86}==$/;
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]{0,199}$/;

function asText(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return null;
}

/**
 * Checks a feed record (read from latest.yml here, or electron-updater's parsed UpdateInfo) and
 * returns the typed feed. File names must be plain names next to the feed: no paths, no URLs.
 *
 * @example const result = feedFromRecord(readLatestYml(text)); if (!result.ok) refuse(result.reason);
 */
export function feedFromRecord(record: Readonly<Record<string, unknown>>): FeedResult {
  const version = asText(record.version);
  if (version === null || version === '') return { ok: false, reason: 'noVersion' };
  const rawFiles = Array.isArray(record.files) ? (record.files as unknown[]) : [];
  const files: FeedFile[] = [];
  for (const raw of rawFiles) {
    if (typeof raw !== 'object' || raw === null) return { ok: false, reason: 'badFile' };
    const entry = raw as Record<string, unknown>;
    const url = asText(entry.url) ?? '';
    const sha512 = asText(entry.sha512) ?? '';
    const sizeBytes = Number(asText(entry.size));
    if (!SAFE_FILE_NAME.test(url) || url.includes('..')) return { ok: false, reason: 'badFileName' };
    if (!BASE64_SHA512.test(sha512)) return { ok: false, reason: 'badSha512' };
    if (!Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) return { ok: false, reason: 'badSize' };
    files.push({ url, sha512, sizeBytes });
  }
  if (files.length === 0) return { ok: false, reason: 'noFiles' };
  const rawStaging = record.stagingPercentage;
  let stagingPercentage: number | null = null;
  if (rawStaging !== undefined && rawStaging !== null) {
    const text = asText(rawStaging) ?? '';
    stagingPercentage = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
    if (!(stagingPercentage >= 0 && stagingPercentage <= 100)) return { ok: false, reason: 'badStagingPercentage' };
  }
  const signature = asText(record.insonSignature);
  return { ok: true, feed: { version, files, releaseDate: asText(record.releaseDate), stagingPercentage, signature: signature === '' ? null : signature } };
}

/** @example const result = parseFeed(await response.text()); */
export function parseFeed(text: string): FeedResult {
  try {
    return feedFromRecord(readLatestYml(text));
  } catch {
    return { ok: false, reason: 'notFeedYaml' };
  }
}

/**
 * What an installer build takes from its environment, and nowhere else: the publisher's name, the
 * update feed, and the code-signing credentials. Nothing here is committed; an absent variable
 * means an unsigned local build (or one with no update feed), said plainly in the build's output.
 * README.md "Building the installers" lists the variables.
 */

export type BuildEnvironment = Readonly<Record<string, string | undefined>>;

/** Windows: a certificate file (PFX) with its password, or a module that signs (an HSM, a cloud signer). */
export type WindowsSigning =
  | { readonly kind: 'certificate'; readonly certificateFile: string; readonly certificatePassword: string | null; readonly timestampUrl: string | null }
  | { readonly kind: 'hook'; readonly hookModulePath: string; readonly timestampUrl: string | null };

/** macOS: the signing identity in the keychain, and optionally notarization with an app-specific password. */
export interface MacSigning {
  readonly identity: string;
  readonly notarize: { readonly appleId: string; readonly appleIdPassword: string; readonly teamId: string } | null;
}

/** The agency's update feed: `<baseUrl>/updates/<channel>/latest.yml` (see Auto-update in README.md). */
export interface UpdateFeed {
  readonly baseUrl: string;
  readonly channel: string;
  /** The agency's Ed25519 public key (base64, 32 bytes) that every release must be signed with; null: every update is refused. */
  readonly agencyKey: string | null;
}

export interface ReleaseSettings {
  /** The organisation as named in the code-signing certificate (its subject CN); null for a local build. */
  readonly publisherName: string | null;
  /** The Debian maintainer: `Name <email>`. */
  readonly maintainer: string;
  readonly updateFeed: UpdateFeed | null;
  readonly windowsSigning: WindowsSigning | null;
  readonly macSigning: MacSigning | null;
}

/** The publisher shown by a build that names none: says what it is rather than borrowing a name. */
export const LOCAL_BUILD_PUBLISHER = 'INSON Center (local build)';
const LOCAL_BUILD_EMAIL = 'build@localhost';
const DEFAULT_CHANNEL = 'stable';

/** A setting the environment states inconsistently: the build stops instead of shipping half-signed. */
export class ReleaseSettingsError extends Error {
  override name = 'ReleaseSettingsError';
}

function read(env: BuildEnvironment, name: string): string | null {
  const value = env[name]?.trim();
  return value ? value : null;
}

function readUpdateFeed(env: BuildEnvironment): UpdateFeed | null {
  const url = read(env, 'INSON_UPDATE_URL');
  const channel = read(env, 'INSON_UPDATE_CHANNEL') ?? DEFAULT_CHANNEL;
  if (!/^[a-z0-9][a-z0-9-]{0,39}$/.test(channel)) {
    throw new ReleaseSettingsError(`INSON_UPDATE_CHANNEL must be lower-case letters, digits and dashes (got "${channel}")`);
  }
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ReleaseSettingsError(`INSON_UPDATE_URL is not a URL: "${url}"`);
  }
  // Plain HTTP only to this machine (a pilot on one PC); the signature check is no reason to drop TLS.
  const isLoopback = ['localhost', '127.0.0.1', '[::1]'].includes(parsed.hostname);
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && isLoopback)) {
    throw new ReleaseSettingsError(`INSON_UPDATE_URL must be https:// (http:// only for localhost), got "${url}"`);
  }
  if (parsed.search || parsed.hash || parsed.username || parsed.password) {
    throw new ReleaseSettingsError('INSON_UPDATE_URL must be a plain base address, without credentials, query or fragment');
  }
  const agencyKey = read(env, 'INSON_UPDATE_KEY');
  if (agencyKey !== null && (!/^[A-Za-z0-9+/]+={0,2}$/.test(agencyKey) || Buffer.from(agencyKey, 'base64').length !== 32)) {
    throw new ReleaseSettingsError('INSON_UPDATE_KEY must be the agency\'s Ed25519 public key, 32 bytes in base64 (`sign-release.ts new-key` prints it)');
  }
  return { baseUrl: parsed.href.replace(/\/+$/, ''), channel, agencyKey };
}

function readWindowsSigning(env: BuildEnvironment, publisherName: string | null): WindowsSigning | null {
  const certificateFile = read(env, 'INSON_WIN_CERTIFICATE_FILE');
  const hookModulePath = read(env, 'INSON_WIN_SIGN_HOOK');
  const certificatePassword = read(env, 'INSON_WIN_CERTIFICATE_PASSWORD');
  const timestampUrl = read(env, 'INSON_WIN_TIMESTAMP_URL');
  const signing: WindowsSigning | null =
    certificateFile !== null
      ? { kind: 'certificate', certificateFile, certificatePassword, timestampUrl }
      : hookModulePath !== null
        ? { kind: 'hook', hookModulePath, timestampUrl }
        : null;
  if (signing === null) {
    if (certificatePassword !== null) throw new ReleaseSettingsError('INSON_WIN_CERTIFICATE_PASSWORD is set but INSON_WIN_CERTIFICATE_FILE is not');
    return null;
  }
  if (certificateFile !== null && hookModulePath !== null) {
    throw new ReleaseSettingsError('set INSON_WIN_CERTIFICATE_FILE or INSON_WIN_SIGN_HOOK, not both');
  }
  // The updater checks an update's signature against this name: a signed build without it could not be updated safely.
  if (publisherName === null) throw new ReleaseSettingsError('Windows signing needs INSON_PUBLISHER_NAME: the certificate subject name the updater will check');
  return signing;
}

function readMacSigning(env: BuildEnvironment): MacSigning | null {
  const identity = read(env, 'INSON_MAC_SIGN_IDENTITY');
  const appleId = read(env, 'INSON_APPLE_ID');
  const appleIdPassword = read(env, 'INSON_APPLE_APP_PASSWORD');
  const teamId = read(env, 'INSON_APPLE_TEAM_ID');
  const notarizeParts = [appleId, appleIdPassword, teamId].filter((part) => part !== null).length;
  if (notarizeParts > 0 && notarizeParts < 3) {
    throw new ReleaseSettingsError('notarization needs all of INSON_APPLE_ID, INSON_APPLE_APP_PASSWORD and INSON_APPLE_TEAM_ID');
  }
  if (identity === null) {
    if (notarizeParts > 0) throw new ReleaseSettingsError('notarization needs a signed app: set INSON_MAC_SIGN_IDENTITY too');
    return null;
  }
  const notarize = appleId !== null && appleIdPassword !== null && teamId !== null ? { appleId, appleIdPassword, teamId } : null;
  return { identity, notarize };
}

/**
 * Reads the release settings from the environment (process.env in forge.config.ts).
 *
 * @example readReleaseSettings({ INSON_UPDATE_URL: 'https://registry.example.uz' }).updateFeed;
 *   // { baseUrl: 'https://registry.example.uz', channel: 'stable' }
 */
export function readReleaseSettings(env: BuildEnvironment): ReleaseSettings {
  const publisherName = read(env, 'INSON_PUBLISHER_NAME');
  const email = read(env, 'INSON_MAINTAINER_EMAIL') ?? LOCAL_BUILD_EMAIL;
  return {
    publisherName,
    maintainer: `${publisherName ?? LOCAL_BUILD_PUBLISHER} <${email}>`,
    updateFeed: readUpdateFeed(env),
    windowsSigning: readWindowsSigning(env, publisherName),
    macSigning: readMacSigning(env),
  };
}

/**
 * One line per concern for the build log: what is signed, what is not and which variable would change it.
 *
 * @example for (const line of describeReleaseSettings(settings)) console.log(line);
 */
export function describeReleaseSettings(settings: ReleaseSettings): readonly string[] {
  const { windowsSigning, macSigning, updateFeed, publisherName } = settings;
  return [
    windowsSigning === null
      ? 'Windows: UNSIGNED local build (set INSON_WIN_CERTIFICATE_FILE and INSON_WIN_CERTIFICATE_PASSWORD, or INSON_WIN_SIGN_HOOK, with INSON_PUBLISHER_NAME)'
      : `Windows: signed as "${publisherName ?? ''}" with ${windowsSigning.kind === 'certificate' ? 'a certificate file' : 'a signing hook'}`,
    macSigning === null
      ? 'macOS: UNSIGNED local build, not notarized (set INSON_MAC_SIGN_IDENTITY; INSON_APPLE_ID, INSON_APPLE_APP_PASSWORD, INSON_APPLE_TEAM_ID to notarize)'
      : `macOS: signed${macSigning.notarize === null ? ', NOT notarized (set INSON_APPLE_ID, INSON_APPLE_APP_PASSWORD, INSON_APPLE_TEAM_ID)' : ' and notarized'}`,
    updateFeed === null
      ? 'Updates: no feed (set INSON_UPDATE_URL): the app will not look for updates'
      : `Updates: ${updateFeed.baseUrl}/updates/${updateFeed.channel}/${publisherName === null ? ' (no INSON_PUBLISHER_NAME: Windows updates are not signature-checked)' : ''}`,
  ];
}

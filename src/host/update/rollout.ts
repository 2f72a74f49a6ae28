import { createHash } from 'node:crypto';

/**
 * Who gets a release first. A staged release (`stagingPercentage` in latest.yml) reaches the
 * centers whose id falls under the percentage. The position comes from a hash of the center id
 * (the registry's id for the center), not from a random id per installation: a center keeps its
 * place on reinstall or on a new PC, all PCs of one center update together, and the agency can
 * tell in advance which centers are in the first 10 %.
 */

/** The center's place in every rollout, in [0, 1). @example rolloutPosition('c-0042') // 0.37… */
export function rolloutPosition(centerId: string): number {
  const digest = createHash('sha256').update(`inson-rollout\n${centerId}`, 'utf8').digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}

/**
 * True when the center takes a release staged at `stagingPercentage` (null: everyone). Without a
 * center id (not yet enrolled) only a release for everyone is taken.
 *
 * @example isCenterWithinRollout('c-0042', 30)
 */
export function isCenterWithinRollout(centerId: string | null, stagingPercentage: number | null): boolean {
  if (stagingPercentage === null || stagingPercentage >= 100) return true;
  if (centerId === null || centerId === '' || !(stagingPercentage > 0)) return false;
  return rolloutPosition(centerId) * 100 < stagingPercentage;
}

/**
 * The agency's channel map (`<updates>/channels.json`): a center's own entry wins, then its
 * group's, then the channel the build follows (INSON_UPDATE_CHANNEL at build time), then the map's
 * default. Channel names are plain (`stable`, `pilot-2027`): they become a URL
 * path segment.
 */
export interface ChannelMap {
  readonly default?: string;
  readonly groups?: Readonly<Record<string, string>>;
  readonly centers?: Readonly<Record<string, string>>;
}

export const DEFAULT_CHANNEL = 'stable';
const CHANNEL_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function isChannelName(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL_NAME.test(value);
}

/** @example channelForCenter({ groups: { pilot: 'beta' } }, 'c-1', 'pilot', 'stable') // 'beta' */
export function channelForCenter(map: ChannelMap | null, centerId: string | null, centerGroup: string | null, buildChannel: string | null = null): string {
  const candidates = [centerId !== null ? map?.centers?.[centerId] : undefined, centerGroup !== null ? map?.groups?.[centerGroup] : undefined, buildChannel ?? undefined, map?.default];
  return candidates.find(isChannelName) ?? DEFAULT_CHANNEL;
}

/** Reads channels.json leniently: a map that is not an object of strings counts as none. */
export function parseChannelMap(text: string): ChannelMap | null {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    const record = value as Record<string, unknown>;
    const table = (raw: unknown): Record<string, string> | undefined =>
      typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? Object.fromEntries(Object.entries(raw).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : undefined;
    return { default: typeof record.default === 'string' ? record.default : undefined, groups: table(record.groups), centers: table(record.centers) };
  } catch {
    return null;
  }
}

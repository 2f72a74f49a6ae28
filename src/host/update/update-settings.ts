import { decodeAgencyKey } from './release-signature';

/**
 * Where updates come from and whom to trust, from the environment the agency's installer sets
 * (never hard-coded, never a secret: the key is public):
 *   INSON_UPDATE_URL        the updates root on the registry, e.g. https://registry.example.uz/updates
 *   INSON_UPDATE_KEY        the agency's Ed25519 public key (base64, 32 bytes)
 *   INSON_UPDATE_PUBLISHER  Windows: the installer's Authenticode subject (full DN), `|` between several
 *   INSON_UPDATE_GROUP      the center's group in channels.json (optional)
 *   INSON_CENTER_ID         the registry's id of this center, for staged rollouts (optional; without it
 *                           only releases for everyone are taken)
 * Without a URL updates are off; without a valid key every update is refused.
 */

export interface UpdateSettings {
  readonly baseUrl: string;
  readonly agencyPublicKey: Buffer | null;
  readonly publisherNames: readonly string[];
  readonly centerGroup: string | null;
  readonly centerId: string | null;
}

/** @example const settings = readUpdateSettings(process.env); if (settings) startUpdater(settings); */
export function readUpdateSettings(env: Readonly<Record<string, string | undefined>>): UpdateSettings | null {
  const raw = env.INSON_UPDATE_URL?.trim() ?? '';
  if (raw === '') return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  // Plain HTTP only to this machine (a pilot's registry on the same PC, tests).
  const isLoopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback)) return null;
  const group = env.INSON_UPDATE_GROUP?.trim() ?? '';
  const centerId = env.INSON_CENTER_ID?.trim() ?? '';
  return {
    baseUrl: url.toString().replace(/\/+$/, ''),
    agencyPublicKey: decodeAgencyKey(env.INSON_UPDATE_KEY ?? ''),
    publisherNames: (env.INSON_UPDATE_PUBLISHER ?? '').split('|').map((name) => name.trim()).filter((name) => name !== ''),
    centerGroup: group === '' ? null : group,
    centerId: centerId === '' ? null : centerId,
  };
}

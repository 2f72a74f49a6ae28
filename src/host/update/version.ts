/**
 * Semantic versions as electron-builder writes them into `latest.yml` (`1.4.0`, `1.5.0-beta.2`).
 * Only what the updater needs: parse strictly, and order two versions by SemVer 2.0 precedence
 * (build metadata ignored). A version that does not parse is never "newer".
 */

export interface SemanticVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Dot-separated pre-release identifiers (`['beta', '2']`); empty for a release. */
  readonly prerelease: readonly string[];
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

/** @example parseVersion('1.5.0-beta.2') // { major: 1, minor: 5, patch: 0, prerelease: ['beta', '2'] } */
export function parseVersion(text: string): SemanticVersion | null {
  const match = SEMVER.exec(text.trim());
  if (!match) return null;
  const [major, minor, patch] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (![major, minor, patch].every(Number.isSafeInteger)) return null;
  return { major, minor, patch, prerelease: match[4] ? match[4].split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const aNumeric = /^\d+$/.test(a);
  const bNumeric = /^\d+$/.test(b);
  if (aNumeric && bNumeric) return Math.sign(Number(a) - Number(b));
  if (aNumeric !== bNumeric) return aNumeric ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** -1, 0 or 1 by SemVer precedence. @example compareVersions(parseVersion('1.0.0-rc.1')!, parseVersion('1.0.0')!) // -1 */
export function compareVersions(a: SemanticVersion, b: SemanticVersion): number {
  for (const key of ['major', 'minor', 'patch'] as const) {
    if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  }
  if (a.prerelease.length === 0 || b.prerelease.length === 0) {
    return a.prerelease.length === b.prerelease.length ? 0 : a.prerelease.length === 0 ? 1 : -1;
  }
  const length = Math.max(a.prerelease.length, b.prerelease.length);
  for (let index = 0; index < length; index += 1) {
    const left = a.prerelease[index];
    const right = b.prerelease[index];
    if (left === undefined) return -1;
    if (right === undefined) return 1;
    const order = compareIdentifiers(left, right);
    if (order !== 0) return order;
  }
  return 0;
}

/** True only when both parse and `offered` is strictly newer. @example isNewerVersion('1.2.0', '1.1.9') // true */
export function isNewerVersion(offered: string, running: string): boolean {
  const a = parseVersion(offered);
  const b = parseVersion(running);
  return a !== null && b !== null && compareVersions(a, b) > 0;
}

/**
 * The largest API request either transport accepts (HTTP body, Electron IPC message): far above
 * any form the app sends (a client record is a few kilobytes), far below what would let a
 * runaway or hostile page make the core parse and hold hundreds of megabytes.
 */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/**
 * The size of an IPC request's input as the HTTP transport would have received it (its JSON in
 * UTF-8), or null when it is not JSON at all (cyclic, BigInt): such input is refused too.
 *
 * @example requestSizeBytes({ name: 'Ali' }) // 14
 */
export function requestSizeBytes(input: unknown): number | null {
  try {
    const json = JSON.stringify(input ?? {});
    return typeof json === 'string' ? Buffer.byteLength(json, 'utf8') : null;
  } catch {
    return null;
  }
}

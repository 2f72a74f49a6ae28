import { execFile } from 'node:child_process';
import { normalize } from 'node:path';

/**
 * The Windows installer's Authenticode check, failing closed. electron-updater's own check
 * (windowsExecutableCodeSignatureVerifier) lets an update through when PowerShell cannot run,
 * when its output does not parse, and when no publisher name is configured; here each of those
 * refuses the update. The verdict is a pure function of PowerShell's JSON, so it is tested
 * without Windows.
 */

/** Parses a distinguished name (`CN=Agency, O=Agency, C=UZ`) into its fields. */
function parseDistinguishedName(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const part of text.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    fields.set(part.slice(0, index).trim().toUpperCase(), part.slice(index + 1).trim().replace(/^"|"$/g, ''));
  }
  return fields;
}

/**
 * null when the installer at `filePath` carries a valid signature by one of `publisherNames`
 * (a full DN matches all its fields, a bare name the certificate's CN); otherwise why not.
 *
 * @example judgeAuthenticode(stdout, ['CN=National Agency for Social Protection, O=…, C=UZ'], file)
 */
export function judgeAuthenticode(powershellJson: string, publisherNames: readonly string[], filePath: string): string | null {
  const names = publisherNames.map((name) => name.trim()).filter((name) => name !== '');
  if (names.length === 0) return 'noPublisherConfigured';
  let data: { Status?: unknown; Path?: unknown; SignerCertificate?: { Subject?: unknown } | null };
  try {
    data = JSON.parse(powershellJson) as typeof data;
  } catch {
    return 'unreadableVerifierOutput';
  }
  if (data.Status !== 0) return `signatureStatus:${String(data.Status)}`;
  if (typeof data.Path !== 'string' || normalize(data.Path).toLowerCase() !== normalize(filePath).toLowerCase()) return 'pathMismatch';
  const subject = typeof data.SignerCertificate?.Subject === 'string' ? parseDistinguishedName(data.SignerCertificate.Subject) : null;
  if (subject === null) return 'noSigner';
  for (const name of names) {
    const wanted = parseDistinguishedName(name);
    const isMatch = wanted.size > 0 ? [...wanted].every(([key, value]) => subject.get(key) === value) : subject.get('CN') === name;
    if (isMatch) return null;
  }
  return 'otherPublisher';
}

/**
 * Runs Get-AuthenticodeSignature and judges it; any failure to run is a refusal. Matches
 * electron-updater's VerifyUpdateCodeSignature (null: verified; a string: why not).
 *
 * @example autoUpdater.verifyUpdateCodeSignature = verifyAuthenticode;
 */
export function verifyAuthenticode(publisherNames: readonly string[], filePath: string): Promise<string | null> {
  // Single quotes doubled: PowerShell's own escape inside a single-quoted literal.
  const literal = filePath.replace(/'/g, "''");
  const command = `Get-AuthenticodeSignature -LiteralPath '${literal}' | ConvertTo-Json -Compress -Depth 3`;
  return new Promise((resolve) => {
    execFile('powershell.exe', ['-NoProfile', '-NonInteractive', '-InputFormat', 'None', '-Command', command], { timeout: 20_000, windowsHide: true }, (error, stdout) => {
      resolve(error ? 'verifierFailed' : judgeAuthenticode(stdout, publisherNames, filePath));
    });
  });
}

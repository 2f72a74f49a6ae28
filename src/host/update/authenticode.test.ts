import { describe, expect, it } from 'vitest';
import { judgeAuthenticode } from './authenticode';

const FILE = 'C:\\Users\\Markaz\\AppData\\Local\\inson-center-updater\\pending\\INSON-Center-Setup-1.3.0.exe';
const AGENCY = 'CN=National Agency for Social Protection, O=National Agency for Social Protection, L=Tashkent, C=UZ';

function output(extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ Status: 0, Path: FILE, SignerCertificate: { Subject: AGENCY }, ...extra });
}

describe('judgeAuthenticode (fails closed)', () => {
  it('accepts a valid signature by the configured publisher (full DN or CN)', () => {
    expect(judgeAuthenticode(output(), [AGENCY], FILE)).toBeNull();
    expect(judgeAuthenticode(output(), ['National Agency for Social Protection'], FILE)).toBeNull();
  });

  it('refuses where electron-updater would warn and install', () => {
    expect(judgeAuthenticode(output(), [], FILE)).toBe('noPublisherConfigured');
    expect(judgeAuthenticode('', [AGENCY], FILE)).toBe('unreadableVerifierOutput');
    expect(judgeAuthenticode('Get-AuthenticodeSignature : not recognized', [AGENCY], FILE)).toBe('unreadableVerifierOutput');
    expect(judgeAuthenticode(output({ Path: undefined }), [AGENCY], FILE)).toBe('pathMismatch');
    expect(judgeAuthenticode(output({ Path: 'C:\\Temp\\other.exe' }), [AGENCY], FILE)).toBe('pathMismatch');
  });

  it('refuses an unsigned, invalid or foreign signature', () => {
    expect(judgeAuthenticode(output({ Status: 2, SignerCertificate: null }), [AGENCY], FILE)).toBe('signatureStatus:2');
    expect(judgeAuthenticode(output({ Status: 1 }), [AGENCY], FILE)).toBe('signatureStatus:1');
    expect(judgeAuthenticode(output({ SignerCertificate: null }), [AGENCY], FILE)).toBe('noSigner');
    expect(judgeAuthenticode(output({ SignerCertificate: { Subject: 'CN=Someone Else, O=Someone Else, C=UZ' } }), [AGENCY], FILE)).toBe('otherPublisher');
    // Same CN, other organisation: a full DN must match in every field.
    expect(judgeAuthenticode(output({ SignerCertificate: { Subject: 'CN=National Agency for Social Protection, O=Impostor LLC, L=Tashkent, C=UZ' } }), [AGENCY], FILE)).toBe('otherPublisher');
  });
});

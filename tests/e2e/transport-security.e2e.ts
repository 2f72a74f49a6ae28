import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './support/harness';

/**
 * Raw, untyped HTTP on purpose (not the typed `apiClient`): these are requests no client of ours
 * sends (no token, a wrong one, a foreign Origin, a Host header forged the way a DNS-rebinding
 * page would send it).
 */
function post(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown }> {
  return new Promise((resolveResponse, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      res.on('end', () => resolveResponse({ status: res.statusCode ?? 0, body: JSON.parse(body) as unknown }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('the harness refuses requests that are not from its own page', () => {
  let harness: Harness;
  const connection = { 'x-inson-connection': 'e2e-connection-1' };

  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('answers the right token from its own origin', async () => {
    const answer = await post(`${harness.origin}/api/system.info`, { ...connection, 'x-inson-token': harness.token, origin: harness.origin });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: true, result: { database: 'notSetUp' } });
  });

  it('refuses a request without the token', async () => {
    const answer = await post(`${harness.origin}/api/system.info`, connection);
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a wrong token', async () => {
    const wrong = harness.token.replace(/^./, (c) => (c === 'a' ? 'b' : 'a'));
    const answer = await post(`${harness.origin}/api/system.info`, { ...connection, 'x-inson-token': wrong });
    expect(answer.status).toBe(401);
  });

  it('refuses another Origin even with the right token', async () => {
    const answer = await post(`${harness.origin}/api/system.info`, { ...connection, 'x-inson-token': harness.token, origin: 'http://evil.example' });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const answer = await post(`${harness.origin}/api/system.info`, { ...connection, 'x-inson-token': harness.token, host: 'evil.example' });
    expect(answer.status).toBe(403);
  });

  it('serves the page without the token in any response header', async () => {
    const response = await fetch(`${harness.origin}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect([...response.headers.values()].join(' ')).not.toContain(harness.token);
  });
});

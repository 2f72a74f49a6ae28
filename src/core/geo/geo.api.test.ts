import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../app';
import { createApiClient } from '../client';
import { clientOf, rejection, startTestCore } from '../testing/test-center';

const opened: { core: Core; dir: string }[] = [];

/** A core before setup: the setup wizard asks for the regions before any center or staff exists. */
async function openCore(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'inson-uz-api-'));
  const core = await startTestCore(dir);
  opened.push({ core, dir });
  return core;
}

afterEach(async () => {
  for (const { core, dir } of opened.splice(0)) {
    await core.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('geo.regions', () => {
  it('answers before anyone signs in (the setup wizard needs it) with all regions and districts', async () => {
    const core = await openCore();
    // Typed, straight on the router (no JSON round trip on the way, so the last check means something).
    const { regions } = await createApiClient({ send: (method, input) => core.call('setup-page', method, input) }).invoke('geo.regions', {});
    expect(regions).toHaveLength(14);
    const tashkent = regions.find((r) => r.code === '1726');
    expect(tashkent?.name).toEqual({ 'uz-Latn': 'Toshkent shahri', 'uz-Cyrl': 'Тошкент шаҳри', ru: 'город Ташкент', en: 'Tashkent City' });
    expect(tashkent?.districts.map((d) => d.code)).toContain('1726262');
    expect(regions.flatMap((r) => r.districts)).toHaveLength(206);
    // Plain data: survives the JSON of the HTTP and IPC transports unchanged.
    expect(JSON.parse(JSON.stringify(regions))).toEqual(regions);
  });

  it('refuses unexpected input', async () => {
    // Untyped on purpose: the types allow no input field at all.
    const refused = await rejection(clientOf(await openCore(), 'setup-page').sendUntyped('geo.regions', { region: '1726' }));
    expect(refused).toMatchObject({ code: 'INVALID_INPUT' });
  });
});

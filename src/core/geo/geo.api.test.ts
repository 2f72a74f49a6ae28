import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../app';
import { silentLogger } from '../log';

const opened: { core: Core; dir: string }[] = [];

async function openCore(): Promise<Core> {
  const dir = mkdtempSync(join(tmpdir(), 'inson-uz-api-'));
  const core = await createCore({ dataDir: dir, appVersion: '0.0.0-test', log: silentLogger });
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
    const outcome = await core.call('setup-page', 'geo.regions', {});
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const { regions } = outcome.result as { regions: { code: string; name: Record<string, string>; districts: { code: string }[] }[] };
    expect(regions).toHaveLength(14);
    const tashkent = regions.find((r) => r.code === '1726');
    expect(tashkent?.name).toEqual({ 'uz-Latn': 'Toshkent shahri', 'uz-Cyrl': 'Тошкент шаҳри', ru: 'город Ташкент', en: 'Tashkent City' });
    expect(tashkent?.districts.map((d) => d.code)).toContain('1726262');
    expect(regions.flatMap((r) => r.districts)).toHaveLength(206);
    // Plain data: survives the JSON of the HTTP and IPC transports unchanged.
    expect(JSON.parse(JSON.stringify(regions))).toEqual(regions);
  });

  it('refuses unexpected input', async () => {
    const core = await openCore();
    const outcome = await core.call('setup-page', 'geo.regions', { region: '1726' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });
});

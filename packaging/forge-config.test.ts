import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ForgeConfig, ForgeHookFn, ResolvedForgeConfig } from '@electron-forge/shared-types';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { afterAll, describe, expect, it } from 'vitest';
import { createForgeConfig } from '../forge.config';
import { APP_ID, EXECUTABLE_NAME } from './app-identity';
import { DEB_DEPENDS, ICON_BASE, LICENSE_FILE } from './installers';
import { loadAppBuilderLib, MakerNsis, type MakerNsisConfig } from './maker-nsis';

/**
 * The Forge configuration as Forge sees it, built from made-up environments in Node: which makers
 * run where, with what settings, what the signing variables change, what the packaging hook writes.
 * Making the installers themselves needs the Electron binary (and Windows, macOS): README.md.
 */

const require = createRequire(import.meta.url);
const scratch = mkdtempSync(join(tmpdir(), 'inson-forge-config-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SIGNED = {
  INSON_PUBLISHER_NAME: 'Ijtimoiy himoya milliy agentligi',
  INSON_MAINTAINER_EMAIL: 'it@agency.uz',
  INSON_WIN_CERTIFICATE_FILE: 'C:\\keys\\agency.pfx',
  INSON_WIN_CERTIFICATE_PASSWORD: 'pfx-secret',
  INSON_MAC_SIGN_IDENTITY: 'Developer ID Application: Agency (TEAM123456)',
  INSON_APPLE_ID: 'build@agency.uz',
  INSON_APPLE_APP_PASSWORD: 'apple-secret',
  INSON_APPLE_TEAM_ID: 'TEAM123456',
  INSON_UPDATE_URL: 'https://registry.agency.uz',
  INSON_UPDATE_CHANNEL: 'pilot',
};

interface MakerLike {
  readonly name: string;
  readonly platforms: readonly string[];
  readonly config: unknown;
  readonly __isElectronForgeMaker?: boolean;
  prepareConfig(arch: string): Promise<void>;
}

function makers(config: ForgeConfig): MakerLike[] {
  return (config.makers ?? []).map((maker) => {
    if (typeof maker !== 'object' || !('platforms' in maker)) throw new Error('every maker is a maker instance');
    return maker as unknown as MakerLike;
  });
}

function maker(config: ForgeConfig, name: string): MakerLike {
  const found = makers(config).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no ${name} maker`);
  return found;
}

/** A maker's settings as Forge resolves them before making (MakerBase.prepareConfig). */
async function makerConfig(config: ForgeConfig, name: string): Promise<unknown> {
  const found = maker(config, name);
  await found.prepareConfig('x64');
  return found.config;
}

async function nsisConfig(config: ForgeConfig): Promise<MakerNsisConfig> {
  return (await makerConfig(config, 'nsis')) as MakerNsisConfig;
}

function plugin(config: ForgeConfig, name: string): Record<string, unknown> {
  const found = (config.plugins ?? []).find((candidate) => 'name' in candidate && candidate.name === name);
  if (!found) throw new Error(`no ${name} plugin`);
  return found as unknown as Record<string, unknown>;
}

describe('makers', () => {
  it('makes NSIS on Windows, zip and dmg on macOS, deb on Linux, and Squirrel nowhere', async () => {
    const config = createForgeConfig({});
    expect(makers(config).map(({ name, platforms }) => [name, [...platforms]])).toEqual([
      ['nsis', ['win32']],
      ['zip', ['darwin']],
      ['dmg', ['darwin']],
      ['deb', ['linux']],
    ]);
    // Forge 8 takes a maker instance only when it carries this mark (core/api/make.ts).
    for (const each of makers(config)) expect(each.__isElectronForgeMaker, each.name).toBe(true);
  });

  it('wraps electron-forge-maker-nsis because its export is a Forge 5 function, not a maker class', () => {
    const upstream = require('electron-forge-maker-nsis') as { default: unknown };
    expect(typeof upstream.default).toBe('function');
    const prototype = (upstream.default as { prototype?: object }).prototype ?? {};
    expect('make' in prototype).toBe(false);
    // The wrapper calls the app-builder-lib that package pins, and that library has the call.
    const pinned = (require('electron-forge-maker-nsis/package.json') as { dependencies: Record<string, string> }).dependencies['app-builder-lib'];
    const makerDir = join(require.resolve('electron-forge-maker-nsis'), '..');
    const used = createRequire(join(makerDir, 'main.js'))('app-builder-lib/package.json') as { version: string };
    expect(used.version).toBe(pinned);
    expect(typeof loadAppBuilderLib().buildForge).toBe('function');
  });
});

describe('Windows NSIS', () => {
  it('is an assisted per-user or per-machine installer that keeps the data folder on uninstall', async () => {
    const { builderConfig } = await nsisConfig(createForgeConfig({}));
    expect(builderConfig.appId).toBe(APP_ID);
    expect(builderConfig.productName).toBe('INSON Center');
    expect(builderConfig.executableName).toBe(EXECUTABLE_NAME);
    expect(builderConfig.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
      installerIcon: `${ICON_BASE}.ico`,
      artifactName: 'inson-center-setup-${version}.${ext}',
    });
    expect(existsSync(`${ICON_BASE}.ico`)).toBe(true);
  });

  it('names the same executable the packager writes (NSIS shortcuts and the updater start it)', async () => {
    const config = createForgeConfig({});
    expect(config.packagerConfig?.executableName).toBe((await nsisConfig(config)).builderConfig.executableName);
    expect(config.packagerConfig?.appBundleId).toBe((await nsisConfig(config)).builderConfig.appId);
  });

  it('passes electron-builder its own configuration schema, unsigned and signed', async () => {
    const configModule = require(join(require.resolve('app-builder-lib'), '..', 'util', 'config', 'config.js')) as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    for (const env of [{}, SIGNED, { ...SIGNED, INSON_WIN_CERTIFICATE_FILE: '', INSON_WIN_CERTIFICATE_PASSWORD: '', INSON_WIN_SIGN_HOOK: '/opt/sign.cjs' }]) {
      const options = MakerNsis.builderOptions((await nsisConfig(createForgeConfig(env))), join(scratch, 'make'), 'x64');
      expect(options.win).toEqual(['nsis:x64']);
      expect(options.publish).toBe('never');
      expect(options.config.directories?.output).toBe(join(scratch, 'make', 'nsis', 'x64'));
      await expect(configModule.validateConfiguration(options.config, new DebugLogger(false))).resolves.toBeUndefined();
    }
    // The schema check is real: a wrong type is refused.
    const broken = { ...(await nsisConfig(createForgeConfig({}))).builderConfig, nsis: { oneClick: 'no' } };
    await expect(configModule.validateConfiguration(broken, new DebugLogger(false))).rejects.toThrow(/oneClick/);
  });

  it('sets the publisher and the update feed (latest.yml) only from the environment', async () => {
    const unsigned = (await nsisConfig(createForgeConfig({}))).builderConfig;
    expect(unsigned.publish).toBeUndefined();
    expect(unsigned.win).not.toHaveProperty('signtoolOptions');

    const signed = (await nsisConfig(createForgeConfig(SIGNED))).builderConfig;
    expect(signed.publish).toEqual([{ provider: 'generic', url: 'https://registry.agency.uz/updates/pilot', channel: 'latest' }]);
    expect(signed.win?.signtoolOptions).toEqual({
      publisherName: 'Ijtimoiy himoya milliy agentligi',
      signingHashAlgorithms: ['sha256'],
      certificateFile: 'C:\\keys\\agency.pfx',
      certificatePassword: 'pfx-secret',
    });
    expect(signed.extraMetadata).toEqual({ author: { name: 'Ijtimoiy himoya milliy agentligi' } });
  });
});

describe('macOS and Linux', () => {
  it('makes a dmg with the app icon', async () => {
    expect(await makerConfig(createForgeConfig({}), 'dmg')).toEqual({ name: 'inson-center-0.1.0', icon: `${ICON_BASE}.icns`, format: 'ULFO', overwrite: true });
    expect(existsSync(`${ICON_BASE}.icns`)).toBe(true);
  });

  it('makes a deb with a maintainer, a menu category, the runtime libraries and the icon', async () => {
    const local = (await makerConfig(createForgeConfig({}), 'deb')) as { options: Record<string, unknown> };
    expect(local.options).toMatchObject({
      name: 'inson-center',
      productName: 'INSON Center',
      bin: EXECUTABLE_NAME,
      maintainer: 'INSON Center (local build) <build@localhost>',
      categories: ['Office'],
      section: 'misc',
      depends: [...DEB_DEPENDS],
      icon: `${ICON_BASE}.png`,
    });
    expect(existsSync(`${ICON_BASE}.png`)).toBe(true);
    const signed = (await makerConfig(createForgeConfig(SIGNED), 'deb')) as { options: Record<string, unknown> };
    expect(signed.options.maintainer).toBe('Ijtimoiy himoya milliy agentligi <it@agency.uz>');
  });
});

describe('signing', () => {
  it('an unsigned build carries no signing options anywhere', async () => {
    const config = createForgeConfig({});
    expect(config.packagerConfig).not.toHaveProperty('windowsSign');
    expect(config.packagerConfig).not.toHaveProperty('osxSign');
    expect(config.packagerConfig).not.toHaveProperty('osxNotarize');
    expect(JSON.stringify((await nsisConfig(config)).builderConfig)).not.toMatch(/certificate|signtool/i);
  });

  it('signs the executable on Windows and signs and notarizes on macOS when the variables are set', async () => {
    const packager = createForgeConfig(SIGNED).packagerConfig;
    expect(packager?.windowsSign).toEqual({ certificateFile: 'C:\\keys\\agency.pfx', certificatePassword: 'pfx-secret' });
    expect(packager?.osxSign).toEqual({ identity: 'Developer ID Application: Agency (TEAM123456)' });
    expect(packager?.osxNotarize).toEqual({ appleId: 'build@agency.uz', appleIdPassword: 'apple-secret', teamId: 'TEAM123456' });
    const hooked = createForgeConfig({ INSON_PUBLISHER_NAME: 'Agency', INSON_WIN_SIGN_HOOK: '/opt/sign.cjs' });
    expect(hooked.packagerConfig?.windowsSign).toEqual({ hookModulePath: '/opt/sign.cjs' });
    expect((await nsisConfig(hooked)).builderConfig.win?.signtoolOptions).toMatchObject({ sign: '/opt/sign.cjs', publisherName: 'Agency' });
  });

  it('stops the build on half-stated signing instead of shipping unsigned', async () => {
    expect(() => createForgeConfig({ INSON_WIN_CERTIFICATE_FILE: 'agency.pfx' })).toThrow(/INSON_PUBLISHER_NAME/);
    expect(() => createForgeConfig({ INSON_APPLE_ID: 'a@b.uz' })).toThrow(/notarization/);
  });
});

describe('packaging', () => {
  it('ships the licence text and the icons with the app', async () => {
    const packager = createForgeConfig({}).packagerConfig;
    expect(packager?.extraResource).toEqual([LICENSE_FILE]);
    expect(packager?.icon).toBe(ICON_BASE);
    expect(readFileSync(LICENSE_FILE, 'utf8')).toContain('UNLICENSED');
  });

  it('unpacks the database driver’s .node binary from the asar, and nothing else of the app', async () => {
    const config = createForgeConfig({});
    const autoUnpack = plugin(config, 'auto-unpack-natives') as { resolveForgeConfig(config: ForgeConfig): Promise<ForgeConfig> };
    const resolved = await autoUnpack.resolveForgeConfig(config);
    const asar = resolved.packagerConfig?.asar;
    if (typeof asar !== 'object' || typeof asar.unpack !== 'string') throw new Error('asar.unpack is not set');
    // Match the way @electron/asar (the packager's copy) decides what to unpack.
    const asarEntry = createRequire(require.resolve('@electron/packager')).resolve('@electron/asar');
    const minimatchModule = createRequire(asarEntry)('minimatch') as { minimatch: (path: string, pattern: string, options: object) => boolean };
    const unpacks = (path: string): boolean => minimatchModule.minimatch(path, asar.unpack ?? '', { matchBase: true });
    expect(unpacks('/node_modules/better-sqlite3-multiple-ciphers/prebuilds/win32-x64.node')).toBe(true);
    expect(unpacks('/node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node')).toBe(true);
    expect(unpacks('/node_modules/better-sqlite3-multiple-ciphers/lib/index.js')).toBe(false);
    expect(unpacks('/.vite/build/core-process.cjs')).toBe(false);
  });

  it('keeps the fuses: no RunAsNode, no NODE_OPTIONS, no inspect, asar integrity, app only from asar', async () => {
    const fuses = plugin(createForgeConfig({}), 'fuses').fusesConfig;
    expect(fuses).toEqual({
      version: FuseVersion.V1,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
    // scripts/package-check.mjs reads the same wire from a packaged binary: RunAsNode..OnlyLoadAppFromAsar.
    expect([0, 1, 2, 3, 4, 5].map((fuse) => (fuses as Record<number, boolean>)[fuse] ? '1' : '0').join('')).toBe('010011');
  });

  it('the packageAfterCopy hook copies the driver and writes app-update.yml beside the app folder', async () => {
    const run = async (env: Record<string, string>, name: string): Promise<string> => {
      const resources = join(scratch, name, 'resources');
      const buildPath = join(resources, 'app');
      mkdirSync(buildPath, { recursive: true });
      const hook = createForgeConfig(env).hooks?.packageAfterCopy as ForgeHookFn<'packageAfterCopy'>;
      const platform = process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux';
      const arch = process.arch === 'arm64' ? 'arm64' : 'x64';
      await hook({} as ResolvedForgeConfig, buildPath, '45.5.0', platform, arch);
      return resources;
    };
    const withFeed = await run(SIGNED, 'with-feed');
    expect(readdirSync(withFeed).sort()).toEqual(['app', 'app-update.yml']);
    expect(readFileSync(join(withFeed, 'app-update.yml'), 'utf8')).toBe(
      [
        'provider: generic',
        'url: "https://registry.agency.uz/updates/pilot"',
        'channel: "latest"',
        'publisherName:',
        '  - "Ijtimoiy himoya milliy agentligi"',
        'updaterCacheDirName: "inson-center-updater"',
        '',
      ].join('\n'),
    );
    expect(existsSync(join(withFeed, 'app', 'node_modules', 'better-sqlite3-multiple-ciphers', 'lib', 'index.js'))).toBe(true);
    const withoutFeed = await run({}, 'without-feed');
    expect(readdirSync(withoutFeed)).toEqual(['app']);
  });
});

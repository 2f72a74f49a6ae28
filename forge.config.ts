import { cp, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ForgeConfig } from '@electron-forge/shared-types';
import { AutoUnpackNativesPlugin } from '@electron-forge/plugin-auto-unpack-natives';
import { FusesPlugin } from '@electron-forge/plugin-fuses';
import { VitePlugin } from '@electron-forge/plugin-vite';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { readAppIdentity } from './packaging/app-identity';
import { appUpdateConfig, writeAppUpdateYml } from './packaging/app-update-yml';
import { installerMakers, packagerPlatformOptions } from './packaging/installers';
import { describeReleaseSettings, readReleaseSettings, type BuildEnvironment } from './packaging/release-settings';

const projectDir = import.meta.dirname;

/**
 * Native modules the core process loads at run time. Vite leaves them external
 * (vite.core.config.mts) and the Vite plugin packages nothing from node_modules, so they are
 * copied in after the build. Each lists the files it needs at run time: better-sqlite3-multiple-ciphers
 * requires only Node built-ins from lib/ plus its prebuilt Node-API binary (node-addon-api is a
 * build-time header library, and deps/ and src/ are its C sources).
 */
export const NATIVE_MODULES = ['better-sqlite3-multiple-ciphers'] as const;

/** The prebuilt binaries a target needs: Linux ships a glibc and a musl build. */
export function prebuildNames(platform: string, arch: string): readonly string[] {
  return platform === 'linux' ? [`linux-${arch}.node`, `linuxmusl-${arch}.node`] : [`${platform}-${arch}.node`];
}

/**
 * Copies the native database driver into a packaged app's build folder (before asar), keeping
 * only the target's binaries. Auto-unpack-natives then leaves the `.node` files outside the asar.
 *
 * @example await copyNativeModules(process.cwd(), buildPath, 'win32', 'x64');
 */
export async function copyNativeModules(fromDir: string, buildPath: string, platform: string, arch: string): Promise<void> {
  for (const name of NATIVE_MODULES) {
    const source = join(fromDir, 'node_modules', name);
    const target = join(buildPath, 'node_modules', name);
    await mkdir(join(target, 'prebuilds'), { recursive: true });
    for (const file of ['package.json', 'LICENSE', 'lib']) {
      await cp(join(source, file), join(target, file), { recursive: true });
    }
    for (const binary of prebuildNames(platform, arch)) {
      await cp(join(source, 'prebuilds', binary), join(target, 'prebuilds', binary));
    }
  }
}

/**
 * The Forge configuration for a build environment: the makers, the signing and the update feed come
 * from `env` (packaging/release-settings.ts), everything else is fixed here. Tests build it from
 * a made-up environment; Forge loads the default export, built from process.env.
 *
 * @example createForgeConfig({ INSON_UPDATE_URL: 'https://registry.example.uz' }).makers;
 */
export function createForgeConfig(env: BuildEnvironment): ForgeConfig {
  const identity = readAppIdentity();
  const settings = readReleaseSettings(env);
  const update = appUpdateConfig(settings, identity);
  return {
    packagerConfig: {
      ...packagerPlatformOptions(identity, settings),
      // Required by auto-unpack-natives and by the OnlyLoadAppFromAsar and integrity fuses.
      asar: true,
      // Packaging without network: a folder holding electron-v<version>-<platform>-<arch>.zip
      // fetched elsewhere (Electron's release zip; its checksum is the one in electron/checksums.json).
      ...(env.INSON_ELECTRON_ZIP_DIR ? { electronZipDir: env.INSON_ELECTRON_ZIP_DIR } : {}),
    },
    rebuildConfig: {},
    makers: installerMakers(identity, settings),
    hooks: {
      prePackage: async () => {
        for (const line of describeReleaseSettings(settings)) process.stdout.write(`[installers] ${line}\n`);
      },
      packageAfterCopy: async (_config, buildPath, _electronVersion, platform, arch) => {
        await copyNativeModules(projectDir, buildPath, platform, arch);
        // buildPath is <resources>/app; the updater reads <resources>/app-update.yml.
        if (update !== null) await writeAppUpdateYml(dirname(buildPath), update);
      },
    },
    plugins: [
      new VitePlugin({
        build: [
          { entry: 'electron/main.ts', config: 'vite.main.config.mts', target: 'main' },
          { entry: 'electron/preload.ts', config: 'vite.preload.config.mts', target: 'preload' },
          // The core runs in a utilityProcess: a Node entry, built like main.
          { entry: 'src/host/core-process.ts', config: 'vite.core.config.mts', target: 'main' },
        ],
        renderer: [{ name: 'main_window', config: 'vite.renderer.config.mts' }],
      }),
      new AutoUnpackNativesPlugin({}),
      // Fuses are flipped in the Electron binary at package time (DESIGN.md, security model).
      new FusesPlugin({
        version: FuseVersion.V1,
        [FuseV1Options.RunAsNode]: false,
        [FuseV1Options.EnableCookieEncryption]: true,
        [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
        [FuseV1Options.EnableNodeCliInspectArguments]: false,
        [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
        [FuseV1Options.OnlyLoadAppFromAsar]: true,
        // The pages come from the app:// scheme (electron/app-protocol.ts); file:// needs no extra powers.
        [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      }),
    ],
  };
}

export default createForgeConfig(process.env);

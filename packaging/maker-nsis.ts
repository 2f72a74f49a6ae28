import { createRequire } from 'node:module';
import { join } from 'node:path';
import { MakerBase, type MakerOptions } from '@electron-forge/maker-base';
import type { ForgePlatform } from '@electron-forge/shared-types';
import type { Configuration, PublishOptions, buildForge as BuildForge } from 'app-builder-lib';

/**
 * The Windows NSIS installer, made by electron-builder from the app Forge packaged.
 *
 * electron-forge-maker-nsis (electron-builder's own Forge maker) exports a Forge 5 maker: a
 * function, where Forge 6 and later construct a MakerBase subclass (`new Maker(config, platforms)`,
 * then read `.platforms`), so naming it in forge.config.ts fails in Forge 8. Its whole body is one
 * call, `buildForge(options, { win: ['nsis:<arch>'] })` from app-builder-lib; this class makes the
 * same call, from the app-builder-lib that package pins, and passes the electron-builder
 * configuration explicitly (the maker alone would look for an electron-builder.yml).
 */
export interface MakerNsisConfig {
  /** electron-builder's configuration: appId, productName, `win`, `nsis`, `publish`. */
  readonly builderConfig: Configuration;
  /** The project folder: electron-builder reads package.json (name, version, author) from it. */
  readonly projectDir: string;
}

type AppBuilderLib = { readonly buildForge: typeof BuildForge };

export type NsisBuildOptions = Parameters<typeof BuildForge>[1] & PublishOptions & { readonly config: Configuration; readonly win: readonly string[] };

/** app-builder-lib as electron-forge-maker-nsis resolves it, so the pinned version is the one used. */
export function loadAppBuilderLib(): AppBuilderLib {
  const requireFromProject = createRequire(import.meta.url);
  const requireFromMaker = createRequire(requireFromProject.resolve('electron-forge-maker-nsis'));
  return requireFromMaker('app-builder-lib') as AppBuilderLib;
}

export class MakerNsis extends MakerBase<MakerNsisConfig> {
  name = 'nsis';

  defaultPlatforms: ForgePlatform[] = ['win32'];

  /**
   * electron-builder makes NSIS installers on Windows; elsewhere it needs Wine for the resource
   * editing, so the Windows installer is built on Windows (README.md "Building the installers").
   */
  override isSupportedOnCurrentPlatform(): boolean {
    return process.platform === 'win32';
  }

  /** What make() hands electron-builder: the target, the configuration, where the output goes. */
  static builderOptions(config: MakerNsisConfig, makeDir: string, targetArch: string): NsisBuildOptions {
    return {
      projectDir: config.projectDir,
      win: [`nsis:${targetArch}`],
      // Uploading is the agency's step (README.md "Auto-update"); latest.yml is still written.
      publish: 'never',
      config: { ...config.builderConfig, directories: { output: join(makeDir, 'nsis', targetArch) } },
    };
  }

  override async make({ dir, makeDir, targetArch }: MakerOptions): Promise<string[]> {
    const { buildForge } = loadAppBuilderLib();
    return buildForge({ dir }, MakerNsis.builderOptions(this.config, makeDir, targetArch));
  }
}

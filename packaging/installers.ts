import { join } from 'node:path';
import { MakerDeb } from '@electron-forge/maker-deb';
import { MakerDMG } from '@electron-forge/maker-dmg';
import { MakerZIP } from '@electron-forge/maker-zip';
import type { ForgeConfig } from '@electron-forge/shared-types';
import type { Configuration } from 'app-builder-lib';
import { APP_ID, EXECUTABLE_NAME, PROJECT_DIR, type AppIdentity } from './app-identity';
import { appUpdateConfig } from './app-update-yml';
import { MakerNsis } from './maker-nsis';
import { LOCAL_BUILD_PUBLISHER, type ReleaseSettings } from './release-settings';

/**
 * The installers and the packager's platform settings, from the app's identity and the release
 * settings (environment): Windows NSIS, macOS zip (what electron-updater downloads) and dmg (what a
 * person opens), Linux deb. Signing options appear only when their variables are set.
 */

export const INSTALLER_RESOURCES = join(PROJECT_DIR, 'resources', 'installer');
/** Without extension: the packager picks icon.ico on Windows and icon.icns on macOS. */
export const ICON_BASE = join(INSTALLER_RESOURCES, 'icon');
export const LICENSE_FILE = join(INSTALLER_RESOURCES, 'LICENSE.txt');

/**
 * The libraries the app itself relies on (windows, Chromium's crypto, GPU buffers, opening files and
 * links). electron-installer-debian adds Electron's full list to these, spelled the same way, so
 * nothing appears twice; the database driver needs nothing (SQLite is inside it).
 */
export const DEB_DEPENDS = ['libgtk-3-0', 'libnss3', 'libgbm1', 'xdg-utils'] as const;

/** electron-builder's configuration for the NSIS installer (and its latest.yml). */
export function nsisBuilderConfig(identity: AppIdentity, settings: ReleaseSettings): Configuration {
  const update = appUpdateConfig(settings, identity);
  const signing = settings.windowsSigning;
  return {
    appId: APP_ID,
    productName: identity.productName,
    executableName: EXECUTABLE_NAME,
    copyright: settings.publisherName ?? LOCAL_BUILD_PUBLISHER,
    // package.json names no author; the installer's "Publisher" (Apps & features) comes from here.
    extraMetadata: { author: { name: settings.publisherName ?? LOCAL_BUILD_PUBLISHER } },
    win: {
      icon: `${ICON_BASE}.ico`,
      ...(signing === null
        ? {}
        : {
            signtoolOptions: {
              publisherName: settings.publisherName,
              signingHashAlgorithms: ['sha256'],
              ...(signing.timestampUrl === null ? {} : { rfc3161TimeStampServer: signing.timestampUrl }),
              ...(signing.kind === 'certificate'
                ? { certificateFile: signing.certificateFile, ...(signing.certificatePassword === null ? {} : { certificatePassword: signing.certificatePassword }) }
                : { sign: signing.hookModulePath }),
            },
          }),
    },
    nsis: {
      // An assisted installer: the person chooses "only for me" (no administrator needed) or
      // "for all users" (Program Files, asks for elevation), and may change the folder.
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      // The center's records live in the data folder: uninstalling must never delete them.
      deleteAppDataOnUninstall: false,
      installerIcon: `${ICON_BASE}.ico`,
      uninstallerIcon: `${ICON_BASE}.ico`,
      shortcutName: identity.productName,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      artifactName: `${identity.name}-setup-\${version}.\${ext}`,
    },
    // With a feed, electron-builder writes latest.yml (version, file, sha512) beside the installer.
    ...(update === null ? {} : { publish: [{ provider: 'generic', url: update.url, channel: update.channel }] }),
  };
}

/** The makers, each for its platform. */
export function installerMakers(identity: AppIdentity, settings: ReleaseSettings): NonNullable<ForgeConfig['makers']> {
  return [
    new MakerNsis({ builderConfig: nsisBuilderConfig(identity, settings), projectDir: PROJECT_DIR }, ['win32']),
    // electron-updater on macOS installs from the zip; the dmg is for the first install.
    new MakerZIP({}, ['darwin']),
    new MakerDMG({ name: `${identity.name}-${identity.version}`, icon: `${ICON_BASE}.icns`, format: 'ULFO', overwrite: true }, ['darwin']),
    new MakerDeb(
      {
        options: {
          name: identity.name,
          productName: identity.productName,
          genericName: 'Social service center records',
          description: identity.description,
          productDescription:
            'Registers clients, records services, counseling and training at social-service and rehabilitation centers, ' +
            'keeps every record in an encrypted database on this computer and sends batches to the central registry.',
          version: identity.version,
          bin: EXECUTABLE_NAME,
          maintainer: settings.maintainer,
          icon: `${ICON_BASE}.png`,
          section: 'misc',
          categories: ['Office'],
          depends: [...DEB_DEPENDS],
        },
      },
      ['linux'],
    ),
  ];
}

/**
 * The packager's identity and signing settings (spread into packagerConfig). The app's own
 * executable is signed here; the NSIS installer around it by electron-builder (nsisBuilderConfig).
 */
export function packagerPlatformOptions(identity: AppIdentity, settings: ReleaseSettings): Partial<NonNullable<ForgeConfig['packagerConfig']>> {
  const publisher = settings.publisherName ?? LOCAL_BUILD_PUBLISHER;
  const windows = settings.windowsSigning;
  const mac = settings.macSigning;
  return {
    name: identity.productName,
    executableName: EXECUTABLE_NAME,
    appVersion: identity.version,
    appBundleId: APP_ID,
    appCategoryType: 'public.app-category.productivity',
    appCopyright: publisher,
    icon: ICON_BASE,
    extraResource: [LICENSE_FILE],
    win32metadata: { CompanyName: publisher, ProductName: identity.productName, FileDescription: identity.productName, InternalName: EXECUTABLE_NAME },
    ...(windows === null
      ? {}
      : {
          windowsSign:
            windows.kind === 'certificate'
              ? {
                  certificateFile: windows.certificateFile,
                  ...(windows.certificatePassword === null ? {} : { certificatePassword: windows.certificatePassword }),
                  ...(windows.timestampUrl === null ? {} : { timestampServer: windows.timestampUrl }),
                }
              : { hookModulePath: windows.hookModulePath },
        }),
    ...(mac === null
      ? {}
      : {
          osxSign: { identity: mac.identity },
          ...(mac.notarize === null ? {} : { osxNotarize: { appleId: mac.notarize.appleId, appleIdPassword: mac.notarize.appleIdPassword, teamId: mac.notarize.teamId } }),
        }),
  };
}

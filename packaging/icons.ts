import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { drawAppIcon } from './icon-art';
import { encodeIcns, encodeIco, encodePng } from './icon-formats';

/** Where the installers' icons live; forge.config.ts and the makers point here. */
export const ICON_DIR = join(import.meta.dirname, '..', 'resources', 'installer');

/** The sizes inside icon.ico: Explorer's small, medium and large views, and the 256 px tile. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 256] as const;

/** The pixel size of icon.png (the Linux desktop entry, the deb). */
export const PNG_SIZE = 512;

/**
 * The icon files, drawn afresh: icon.png (Linux), icon.ico (Windows: the app and NSIS), icon.icns
 * (macOS: the app and the dmg). The committed copies in resources/installer must equal these.
 *
 * @example const files = renderIconFiles(); files.get('icon.ico');
 */
export function renderIconFiles(): ReadonlyMap<string, Buffer> {
  return new Map([
    ['icon.png', encodePng(drawAppIcon(PNG_SIZE))],
    ['icon.ico', encodeIco(ICO_SIZES.map(drawAppIcon))],
    ['icon.icns', encodeIcns(drawAppIcon)],
  ]);
}

/** Writes the icon files into resources/installer (run after changing icon-art.ts). */
export async function writeIconFiles(dir: string = ICON_DIR): Promise<void> {
  for (const [name, bytes] of renderIconFiles()) await writeFile(join(dir, name), bytes);
}

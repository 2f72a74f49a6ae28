// Packages the app with `electron-forge package` on a machine that cannot download Electron, and
// checks what packaging is responsible for: the app.asar holds the bundles and the database
// driver, the driver's native binary is unpacked next to it, and the fuses are flipped.
//
// Electron itself is replaced by a STAND-IN release zip (forge.config.ts INSON_ELECTRON_ZIP_DIR):
// an "electron" file that is not a program, only carrying Electron's fuse wire so the fuses plugin
// can flip it. The result cannot run; it proves the packaging steps, nothing about Electron.
// Not part of `npm test` (it takes a minute); run it after changing forge.config.ts.
//
// With --make on Linux it runs `electron-forge make` instead (packaging, then the deb maker) and
// checks the .deb: its control fields, and that it installs the program, the unpacked driver,
// the icon, the menu entry, the licence and (with INSON_UPDATE_URL set) app-update.yml.
//
// Usage: node scripts/package-check.mjs [--make]   (Linux and Windows layouts; the output stays in out/)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

// @electron/fuses' marker; the wire follows it as: version byte, length byte, one '0'/'1' per fuse.
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's defaults: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity,
// OnlyLoadAppFromAsar, then three fuses this app leaves alone.
const DEFAULT_WIRE = '101100011';
// What forge.config.ts must turn them into (the first six).
const EXPECTED_WIRE = '010011';

/** A minimal zip writer (stored, no compression): enough for a stand-in release zip. */
function zip(entries) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (buf) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const { name, data, mode } of entries) {
    const nameBuf = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x0314, 4); // made by Unix, so the mode below is honoured
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(((mode ?? 0o644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += local.length + nameBuf.length + data.length;
  }
  const centralSize = centrals.reduce((sum, buf) => sum + buf.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...centrals, end]);
}

function fuseWire(binary) {
  const at = binary.indexOf(Buffer.from(FUSE_SENTINEL));
  if (at < 0) return null;
  const length = binary[at + FUSE_SENTINEL.length + 1];
  const start = at + FUSE_SENTINEL.length + 2;
  return binary.subarray(start, start + length).toString('latin1');
}

const isMake = process.argv.includes('--make');

/** The .deb the make step wrote: control fields and the files it installs. */
function checkDeb(arch) {
  const debDir = join(projectDir, 'out', 'make', 'deb', arch);
  const debs = existsSync(debDir) ? readdirSync(debDir).filter((name) => name.endsWith('.deb')) : [];
  if (debs.length !== 1) return [`expected one .deb in ${debDir}, found ${debs.length}`];
  const deb = join(debDir, debs[0]);
  const dpkg = (...args) => {
    const result = spawnSync('dpkg-deb', [...args, deb], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`dpkg-deb ${args.join(' ')} failed: ${result.stderr}`);
    return result.stdout;
  };
  const field = (name) => dpkg('--field').match(new RegExp(`^${name}: (.*)$`, 'm'))?.[1] ?? null;
  const files = new Set(dpkg('--contents').split('\n').map((line) => line.replace(/^.* \.\//, '/').replace(/ -> .*$/, '')));
  const problems = [];
  if (field('Package') !== 'inson-center') problems.push(`deb Package is ${field('Package')}`);
  if (!/ <.+@.+>$/.test(field('Maintainer') ?? '')) problems.push(`deb Maintainer is ${field('Maintainer')}`);
  for (const library of ['libnss3', 'libgbm1', 'xdg-utils']) {
    if (!(field('Depends') ?? '').includes(library)) problems.push(`deb Depends lacks ${library}`);
  }
  const lib = '/usr/lib/inson-center';
  const required = [
    `${lib}/inson-center`,
    `${lib}/resources/app.asar`,
    `${lib}/resources/LICENSE.txt`,
    `${lib}/resources/app.asar.unpacked/node_modules/better-sqlite3-multiple-ciphers/prebuilds/linux-${arch}.node`,
    '/usr/share/applications/inson-center.desktop',
    '/usr/share/pixmaps/inson-center.png',
  ];
  if (process.env.INSON_UPDATE_URL) required.push(`${lib}/resources/app-update.yml`);
  for (const path of required) if (!files.has(path)) problems.push(`deb lacks ${path}`);
  console.log(`deb: ${debs[0]}, ${files.size} entries, Maintainer: ${field('Maintainer')}, Depends: ${field('Depends')}`);
  return problems;
}

function main() {
  const platform = process.platform;
  const arch = process.arch;
  if (isMake && platform !== 'linux') throw new Error('package-check --make checks the Linux deb; on Windows and macOS run `npm run make` with the real Electron');
  // A deb left by an earlier run must not pass for this one.
  if (isMake) rmSync(join(projectDir, 'out', 'make'), { recursive: true, force: true });
  if (platform !== 'linux' && platform !== 'win32') throw new Error(`package-check supports the Linux and Windows layouts, not ${platform}`);
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const executable = platform === 'win32' ? 'electron.exe' : 'electron';
  const standIn = Buffer.concat([
    Buffer.from('stand-in for the Electron binary: not a program\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([1, DEFAULT_WIRE.length]),
    Buffer.from(DEFAULT_WIRE, 'latin1'),
    Buffer.alloc(16),
  ]);
  const zipDir = mkdtempSync(join(tmpdir(), 'inson-electron-stand-in-'));
  try {
    writeFileSync(
      join(zipDir, `electron-v${electronVersion}-${platform}-${arch}.zip`),
      zip([
        { name: executable, data: standIn, mode: 0o755 },
        { name: 'version', data: Buffer.from(electronVersion) },
        { name: 'LICENSE', data: Buffer.from('stand-in') },
        { name: 'resources/default_app.asar', data: Buffer.from('stand-in') },
      ]),
    );
    const command = isMake ? 'make' : 'package';
    const forge = spawnSync(process.execPath, [join(projectDir, 'node_modules', '@electron-forge', 'cli', 'dist', 'electron-forge.js'), command], {
      cwd: projectDir,
      env: { ...process.env, INSON_ELECTRON_ZIP_DIR: zipDir },
      stdio: 'inherit',
    });
    if (forge.status !== 0) throw new Error(`electron-forge ${command} failed (${forge.status})`);
  } finally {
    rmSync(zipDir, { recursive: true, force: true });
  }

  const appDir = join(projectDir, 'out', `INSON Center-${platform}-${arch}`);
  const archive = join(appDir, 'resources', 'app.asar');
  const listed = new Set(asar.listPackage(archive, { isPack: false }).map((entry) => entry.replaceAll('\\', '/')));
  const problems = [];
  for (const required of [
    '/package.json',
    '/.vite/build/main.cjs',
    '/.vite/build/preload.cjs',
    '/.vite/build/core-process.cjs',
    '/.vite/renderer/main_window/index.html',
    '/node_modules/better-sqlite3-multiple-ciphers/lib/index.js',
    '/node_modules/better-sqlite3-multiple-ciphers/package.json',
  ]) {
    if (!listed.has(required)) problems.push(`app.asar lacks ${required}`);
  }
  const sourceLeaks = [...listed].filter((entry) => /^\/(src|electron|node_modules\/(?!better-sqlite3-multiple-ciphers))\//.test(entry));
  if (sourceLeaks.length > 0) problems.push(`app.asar holds files it should not: ${sourceLeaks.slice(0, 5).join(', ')}`);
  const binary = platform === 'linux' ? `linux-${arch}.node` : `win32-${arch}.node`;
  const unpacked = join(`${archive}.unpacked`, 'node_modules', 'better-sqlite3-multiple-ciphers', 'prebuilds', binary);
  if (!existsSync(unpacked)) problems.push(`${binary} is not unpacked next to app.asar`);
  const wire = fuseWire(readFileSync(join(appDir, platform === 'win32' ? 'inson-center.exe' : 'inson-center')));
  if (wire?.slice(0, EXPECTED_WIRE.length) !== EXPECTED_WIRE) problems.push(`fuse wire is ${wire}, expected it to start with ${EXPECTED_WIRE}`);

  if (isMake) problems.push(...checkDeb(arch));

  console.log(`app.asar: ${listed.size} entries; unpacked: ${binary}; fuses: ${wire}`);
  for (const problem of problems) console.error(`package check: ${problem}`);
  if (problems.length > 0) process.exit(1);
  console.log(`package check passed: ${appDir} (with a stand-in Electron, so it does not run)`);
}

try {
  main();
} catch (error) {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
}

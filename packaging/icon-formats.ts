import { crc32, deflateSync } from 'node:zlib';

/** A square RGBA image: `size × size` pixels, four bytes each, rows top to bottom. */
export interface RgbaImage {
  readonly size: number;
  readonly pixels: Uint8Array;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * Encodes an image as an 8-bit RGBA PNG (no filtering; zlib does the work).
 *
 * @example writeFileSync('icon.png', encodePng(drawAppIcon(512)));
 */
export function encodePng(image: RgbaImage): Buffer {
  const { size, pixels } = image;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rowBytes = size * 4;
  const raw = Buffer.alloc((rowBytes + 1) * size);
  for (let y = 0; y < size; y++) {
    // Filter byte 0 (none) leads every row.
    Buffer.from(pixels.buffer, pixels.byteOffset + y * rowBytes, rowBytes).copy(raw, y * (rowBytes + 1) + 1);
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A 32-bit BMP (DIB) icon entry: the form every Windows version and NSIS read for small sizes. */
function encodeIcoBitmap(image: RgbaImage): Buffer {
  const { size, pixels } = image;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows plus the AND mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const colour = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    const from = (size - 1 - y) * size * 4; // bitmaps run bottom-up
    for (let x = 0; x < size; x++) {
      const source = from + x * 4;
      const target = (y * size + x) * 4;
      colour[target] = pixels[source + 2] ?? 0;
      colour[target + 1] = pixels[source + 1] ?? 0;
      colour[target + 2] = pixels[source] ?? 0;
      colour[target + 3] = pixels[source + 3] ?? 0;
    }
  }
  // The AND mask is all zeros: the alpha channel decides transparency.
  const maskRowBytes = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, colour, Buffer.alloc(maskRowBytes * size)]);
}

/**
 * Builds a Windows .ico: sizes under 256 as bitmaps, 256 as PNG (Vista and later, and NSIS 3).
 *
 * @example encodeIco([16, 32, 48, 256].map(drawAppIcon));
 */
export function encodeIco(images: readonly RgbaImage[]): Buffer {
  const directory = Buffer.alloc(6 + images.length * 16);
  directory.writeUInt16LE(1, 2); // type: icon
  directory.writeUInt16LE(images.length, 4);
  const bodies: Buffer[] = [];
  let offset = directory.length;
  images.forEach((image, index) => {
    const body = image.size >= 256 ? encodePng(image) : encodeIcoBitmap(image);
    const entry = 6 + index * 16;
    directory[entry] = image.size >= 256 ? 0 : image.size; // 0 means 256
    directory[entry + 1] = image.size >= 256 ? 0 : image.size;
    directory.writeUInt16LE(1, entry + 4); // planes
    directory.writeUInt16LE(32, entry + 6); // bits per pixel
    directory.writeUInt32LE(body.length, entry + 8);
    directory.writeUInt32LE(offset, entry + 12);
    bodies.push(body);
    offset += body.length;
  });
  return Buffer.concat([directory, ...bodies]);
}

/** The PNG-bearing icns types macOS reads (10.7 and later), by pixel size. */
export const ICNS_TYPES: readonly (readonly [type: string, size: number])[] = [
  ['icp4', 16],
  ['icp5', 32],
  ['ic11', 32],
  ['ic12', 64],
  ['ic07', 128],
  ['ic13', 256],
  ['ic08', 256],
  ['ic14', 512],
  ['ic09', 512],
  ['ic10', 1024],
];

/**
 * Builds a macOS .icns whose entries are PNGs, one per type in ICNS_TYPES.
 *
 * @example encodeIcns((size) => drawAppIcon(size));
 */
export function encodeIcns(draw: (size: number) => RgbaImage): Buffer {
  const pngBySize = new Map<number, Buffer>();
  const entries = ICNS_TYPES.map(([type, size]) => {
    const png = pngBySize.get(size) ?? encodePng(draw(size));
    pngBySize.set(size, png);
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const body = Buffer.concat(entries);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

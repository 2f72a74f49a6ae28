import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawAppIcon } from './icon-art';
import { encodePng, ICNS_TYPES } from './icon-formats';
import { ICO_SIZES, ICON_DIR, PNG_SIZE, renderIconFiles } from './icons';

/** Width, height and the RGBA rows of a PNG this module wrote (8-bit RGBA, filter 0). */
function decodePng(png: Buffer): { width: number; height: number; rows: Buffer } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  return { width, height, rows: inflateSync(Buffer.concat(idat)) };
}

const committed = (name: string): Buffer => readFileSync(join(ICON_DIR, name));

describe('application icons', () => {
  const rendered = renderIconFiles();

  it('the committed icons are what icon-art.ts draws (run `tsx packaging/write-icons.ts` after changing it)', () => {
    for (const [name, bytes] of rendered) expect(committed(name).equals(bytes), name).toBe(true);
  });

  it('icon.png is a 512 px RGBA image, transparent in the corners and opaque in the middle', () => {
    const { width, height, rows } = decodePng(committed('icon.png'));
    expect([width, height]).toEqual([PNG_SIZE, PNG_SIZE]);
    const alphaAt = (x: number, y: number): number => rows[y * (width * 4 + 1) + 1 + x * 4 + 3] ?? -1;
    expect(alphaAt(0, 0)).toBe(0);
    expect(alphaAt(width / 2, height / 2)).toBe(255);
  });

  it('icon.ico lists every size, bitmaps below 256 and a PNG at 256', () => {
    const ico = committed('icon.ico');
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, ICO_SIZES.length]);
    ICO_SIZES.forEach((size, index) => {
      const entry = 6 + index * 16;
      expect(ico[entry] === 0 ? 256 : ico[entry], `entry ${index}`).toBe(size);
      const length = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const body = ico.subarray(offset, offset + length);
      if (size === 256) {
        expect(decodePng(body).width).toBe(256);
      } else {
        // BITMAPINFOHEADER: 40 bytes, width, twice the height (colour plus mask), 32 bits.
        expect([body.readUInt32LE(0), body.readInt32LE(4), body.readInt32LE(8), body.readUInt16LE(14)]).toEqual([40, size, size * 2, 32]);
        expect(length).toBe(40 + size * size * 4 + Math.ceil(size / 32) * 4 * size);
      }
    });
  });

  it('icon.icns holds one PNG of the right size per type, and its lengths add up', () => {
    const icns = committed('icon.icns');
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: [string, number][] = [];
    for (let at = 8; at < icns.length; ) {
      const length = icns.readUInt32BE(at + 4);
      found.push([icns.toString('latin1', at, at + 4), decodePng(icns.subarray(at + 8, at + length)).width]);
      at += length;
    }
    expect(found).toEqual(ICNS_TYPES.map(([type, size]) => [type, size]));
  });

  it('draws each size from the shapes: a 16 px icon is not blank and its rows decode', () => {
    const { rows } = decodePng(encodePng(drawAppIcon(16)));
    const opaque = [...Array(16 * 16).keys()].filter((pixel) => (rows[Math.floor(pixel / 16) * 65 + 1 + (pixel % 16) * 4 + 3] ?? 0) > 200);
    expect(opaque.length).toBeGreaterThan(100);
  });
});

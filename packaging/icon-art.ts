import type { RgbaImage } from './icon-formats';

/**
 * The application icon, drawn as geometry in a unit square so every size is rendered from the
 * shapes themselves (a 16 px icon stays sharp) rather than scaled down from a large bitmap:
 * a teal rounded square (the platforms' icon grid leaves a margin) holding a person, head and
 * shoulders, over a gold bar.
 */

type Rgba = readonly [number, number, number, number];

const TEAL_TOP: Rgba = [14, 124, 134, 255];
const TEAL_BOTTOM: Rgba = [9, 80, 96, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const GOLD: Rgba = [242, 183, 5, 255];

const MARGIN = 0.0625;
const CORNER = 0.19;

function insideRoundedRect(x: number, y: number, left: number, top: number, right: number, bottom: number, radius: number): boolean {
  if (x < left || x > right || y < top || y > bottom) return false;
  const dx = Math.max(left + radius - x, 0, x - (right - radius));
  const dy = Math.max(top + radius - y, 0, y - (bottom - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function insideCircle(x: number, y: number, cx: number, cy: number, r: number): boolean {
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** The colour at a point of the unit square, or null where the icon is transparent. */
function colourAt(x: number, y: number): Rgba | null {
  if (!insideRoundedRect(x, y, MARGIN, MARGIN, 1 - MARGIN, 1 - MARGIN, CORNER)) return null;
  if (insideCircle(x, y, 0.5, 0.355, 0.125)) return WHITE;
  if (y <= 0.735 && insideCircle(x, y, 0.5, 0.8, 0.27)) return WHITE;
  if (insideRoundedRect(x, y, 0.27, 0.77, 0.73, 0.815, 0.0225)) return GOLD;
  const t = (y - MARGIN) / (1 - 2 * MARGIN);
  const mix = (channel: 0 | 1 | 2): number => TEAL_TOP[channel] + (TEAL_BOTTOM[channel] - TEAL_TOP[channel]) * t;
  return [mix(0), mix(1), mix(2), 255];
}

/**
 * Renders the icon at `size × size` pixels, antialiased by supersampling each pixel.
 *
 * @example encodePng(drawAppIcon(512));
 */
export function drawAppIcon(size: number): RgbaImage {
  const samples = size <= 64 ? 8 : 4;
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let alpha = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (colour === null) continue;
          const a = colour[3] / 255;
          red += colour[0] * a;
          green += colour[1] * a;
          blue += colour[2] * a;
          alpha += a;
        }
      }
      const at = (py * size + px) * 4;
      if (alpha > 0) {
        pixels[at] = Math.round(red / alpha);
        pixels[at + 1] = Math.round(green / alpha);
        pixels[at + 2] = Math.round(blue / alpha);
        pixels[at + 3] = Math.round((alpha / (samples * samples)) * 255);
      }
    }
  }
  return { size, pixels };
}

/**
 * Draws labmate's Teams icons (an Erlenmeyer flask) and writes them to deploymentTemplates/teams/:
 * color.png, 192x192, white flask on the accent colour; outline.png, 32x32, white flask outline on transparent.
 * Teams requires exactly these sizes, and an outline icon that is white on a transparent background.
 *
 * Run once after changing the drawing: npx tsx scripts/teamsIcons.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePng, type RgbaImage } from './png.js';

type Rgb = readonly [number, number, number];

export const ACCENT: Rgb = [0x1f, 0x6f, 0x8b];
const WHITE: Rgb = [255, 255, 255];
const LIQUID: Rgb = [0x9f, 0xe2, 0xbf];

/** The flask in unit coordinates (y grows downwards), shrunk by `inset` on every side. */
function insideFlask(x: number, y: number, inset: number): boolean {
  const rim = { top: 0.14, bottom: 0.21, half: 0.16 };
  const neck = { bottom: 0.42, half: 0.105 };
  const body = { bottom: 0.86, half: 0.3 };
  if (y >= rim.top + inset && y <= rim.bottom && Math.abs(x - 0.5) <= rim.half - inset) return true;
  if (y >= rim.top + inset && y <= neck.bottom && Math.abs(x - 0.5) <= neck.half - inset) return true;
  if (y < neck.bottom || y > body.bottom - inset) return false;
  const t = (y - neck.bottom) / (body.bottom - neck.bottom);
  const half = neck.half + t * (body.half - neck.half);
  // The slanted sides are longer than they are tall: scale the inset so the stroke keeps its width.
  const slope = (body.half - neck.half) / (body.bottom - neck.bottom);
  return Math.abs(x - 0.5) <= half - inset * Math.sqrt(1 + slope * slope);
}

/** Renders with 4x4 supersampling; `shade` gives each sample's colour and opacity, or undefined for nothing. */
function render(size: number, shade: (x: number, y: number) => { rgb: Rgb; alpha: number } | undefined): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const hit = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (hit === undefined) continue;
          r += hit.rgb[0] * hit.alpha;
          g += hit.rgb[1] * hit.alpha;
          b += hit.rgb[2] * hit.alpha;
          a += hit.alpha;
        }
      }
      const offset = (py * size + px) * 4;
      const coverage = a / (samples * samples);
      pixels[offset] = a > 0 ? Math.round(r / a) : 0;
      pixels[offset + 1] = a > 0 ? Math.round(g / a) : 0;
      pixels[offset + 2] = a > 0 ? Math.round(b / a) : 0;
      pixels[offset + 3] = Math.round(coverage * 255);
    }
  }
  return { width: size, height: size, pixels };
}

export function drawColorIcon(): RgbaImage {
  return render(192, (x, y) => {
    if (insideFlask(x, y, 0)) {
      const liquid = y > 0.62 && insideFlask(x, y, 0.045);
      return { rgb: liquid ? LIQUID : WHITE, alpha: 1 };
    }
    return { rgb: ACCENT, alpha: 1 };
  });
}

export function drawOutlineIcon(): RgbaImage {
  const stroke = 2 / 32;
  return render(32, (x, y) => {
    const outline = insideFlask(x, y, 0) && !insideFlask(x, y, stroke);
    const liquidLine = y > 0.62 && y < 0.62 + stroke && insideFlask(x, y, 0);
    return outline || liquidLine ? { rgb: WHITE, alpha: 1 } : undefined;
  });
}

const TEAMS_DIR = join(import.meta.dirname, '..', 'deploymentTemplates', 'teams');

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(TEAMS_DIR, 'color.png'), encodePng(drawColorIcon()));
  writeFileSync(join(TEAMS_DIR, 'outline.png'), encodePng(drawOutlineIcon()));
  console.log(`wrote color.png and outline.png in ${TEAMS_DIR}`);
}

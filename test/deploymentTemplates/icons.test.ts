import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng, readPngHeader } from '../../scripts/png.js';
import { drawColorIcon, drawOutlineIcon } from '../../scripts/teamsIcons.js';
import { TEMPLATES_DIR } from './arm.js';

const read = (name: string) => readFileSync(join(TEMPLATES_DIR, 'teams', name));

describe('deploymentTemplates/teams icons', () => {
  it('colour icon is a 192x192 PNG', () => {
    const header = readPngHeader(read('color.png'));
    assert.deepEqual([header.width, header.height], [192, 192]);
  });

  it('outline icon is a 32x32 PNG', () => {
    const header = readPngHeader(read('outline.png'));
    assert.deepEqual([header.width, header.height], [32, 32]);
  });

  it('outline icon is white on transparent, and not empty', () => {
    const { pixels } = decodePng(read('outline.png'));
    let visible = 0;
    let transparent = 0;
    for (let offset = 0; offset < pixels.length; offset += 4) {
      const alpha = pixels[offset + 3];
      if (alpha === 0) {
        transparent++;
        continue;
      }
      visible++;
      assert.deepEqual([...pixels.subarray(offset, offset + 3)], [255, 255, 255], `pixel ${offset / 4} is not white`);
    }
    assert.ok(visible > 50 && transparent > 500, `${visible} visible, ${transparent} transparent`);
  });

  it('colour icon is opaque', () => {
    const { pixels } = decodePng(read('color.png'));
    for (let offset = 3; offset < pixels.length; offset += 4) assert.equal(pixels[offset], 255);
  });

  it('committed icons are what scripts/teamsIcons.ts draws', () => {
    assert.deepEqual(decodePng(read('color.png')).pixels, drawColorIcon().pixels);
    assert.deepEqual(decodePng(read('outline.png')).pixels, drawOutlineIcon().pixels);
  });
});

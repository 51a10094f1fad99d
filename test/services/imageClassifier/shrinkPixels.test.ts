import { strict as assert } from 'node:assert';
import { shrinkToFit } from '../../../services/imageClassifier/shrinkPixels.js';

function image(width: number, height: number, colourAt: (x: number, y: number) => [number, number, number]) {
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) rgb.set(colourAt(x, y), (y * width + x) * 3);
  return { width, height, rgb };
}

const pixel = (shrunk: { width: number; rgb: Uint8Array }, x: number, y: number) => [...shrunk.rgb.subarray((y * shrunk.width + x) * 3, (y * shrunk.width + x) * 3 + 3)];

describe('shrinking decoded pixels for a thumbnail', () => {
  it('keeps one colour exactly, at 80 x 80 from 224 x 224', () => {
    const shrunk = shrinkToFit(image(224, 224, () => [20, 40, 220]), 80);
    assert.deepEqual([shrunk.width, shrunk.height], [80, 80]);
    for (let at = 0; at < shrunk.rgb.length; at += 3) assert.deepEqual([...shrunk.rgb.subarray(at, at + 3)], [20, 40, 220], `pixel ${at / 3}`);
  });

  it('keeps halves apart, and blends only the one column the edge crosses by how much of it each side covers', () => {
    // 224 / 80 = 2.8 source columns per output column; the edge at 112 falls inside output column 40 (112 to 114.8).
    const shrunk = shrinkToFit(image(224, 224, (x) => (x < 112 ? [255, 0, 0] : [0, 0, 255])), 80);
    assert.deepEqual(pixel(shrunk, 39, 40), [255, 0, 0]);
    assert.deepEqual(pixel(shrunk, 40, 40), [0, 0, 255], 'column 40 starts exactly at the edge');
    const uneven = shrinkToFit(image(224, 224, (x) => (x < 113 ? [255, 0, 0] : [0, 0, 255])), 80);
    // Column 40 covers 112..114.8: one of its 2.8 source columns is red.
    assert.deepEqual(pixel(uneven, 40, 10), [Math.round(255 / 2.8), 0, Math.round((255 * 1.8) / 2.8)]);
  });

  it("keeps the picture's mean brightness", () => {
    const noise = image(224, 224, (x, y) => {
      const value = (x * 7919 + y * 104729) % 256;
      return [value, 255 - value, (value * 3) % 256];
    });
    const mean = (pixels: Uint8Array, channel: number) => {
      let sum = 0;
      for (let at = channel; at < pixels.length; at += 3) sum += pixels[at];
      return sum / (pixels.length / 3);
    };
    const shrunk = shrinkToFit(noise, 80);
    for (const channel of [0, 1, 2]) assert.ok(Math.abs(mean(shrunk.rgb, channel) - mean(noise.rgb, channel)) < 0.6, `channel ${channel}`);
  });

  it('blends detail finer than a thumbnail pixel to its mean grey, where sampling one source pixel would alias', () => {
    // A one-pixel checkerboard: each output pixel covers 2.8 x 2.8 squares, about half of them white. Picking one
    // source pixel (nearest neighbour) would give pure black or white, and keep the mean all the same.
    const checkerboard = shrinkToFit(image(224, 224, (x, y) => ((x + y) % 2 ? [255, 255, 255] : [0, 0, 0])), 80);
    for (let at = 0; at < checkerboard.rgb.length; at++) {
      assert.ok(Math.abs(checkerboard.rgb[at] - 127.5) <= 17, `value ${at}: ${checkerboard.rgb[at]}`);
    }
  });

  it('keeps the shape of an image that is not square', () => {
    const wide = shrinkToFit(image(300, 150, (x, y) => [x % 256, y, 0]), 80);
    assert.deepEqual([wide.width, wide.height], [80, 40]);
    const tall = shrinkToFit(image(50, 301, () => [1, 2, 3]), 80);
    assert.deepEqual([tall.width, tall.height], [13, 80]);
    assert.deepEqual(pixel(tall, 12, 79), [1, 2, 3], 'the last row and column are whole pixels too');
  });

  it('gives back an image that already fits as it is', () => {
    const small = image(64, 32, () => [9, 9, 9]);
    assert.equal(shrinkToFit(small, 80), small);
  });
});

import { strict as assert } from 'node:assert';
import sharp from 'sharp';
import { thumbnailDataUrl } from '../../../services/imageClassifier/thumbnail.js';
import { colourImage } from '../../support/imageFixtures.js';

async function decoded(url: string | undefined) {
  assert.ok(url, 'a thumbnail');
  assert.ok(url.length <= 6000, `${url.length} characters: over what a Teams card can carry beside the results`);
  const match = /^data:image\/jpeg;base64,(.+)$/.exec(url);
  assert.ok(match, url.slice(0, 40));
  const { data, info } = await sharp(Buffer.from(match[1], 'base64')).raw().toBuffer({ resolveWithObject: true });
  const centre = (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels;
  return { width: info.width, height: info.height, format: info.format, centre: [...data.subarray(centre, centre + 3)], corner: [...data.subarray(0, 3)] };
}

describe('thumbnails for cards', () => {
  it("makes a small JPEG data URL from decoded pixels (the model's centre crop)", async () => {
    const side = 224;
    const rgb = new Uint8Array(side * side * 3);
    for (let at = 0; at < rgb.length; at += 3) rgb.set([20, 40, 220], at);
    const image = await decoded(await thumbnailDataUrl({ width: side, height: side, rgb }));
    assert.deepEqual([image.width, image.height], [80, 80]);
    assert.ok(image.centre[2] > 180 && image.centre[0] < 70, `blue: ${image.centre.join(',')}`);
  });

  it("brings decoded pixels smaller than a thumbnail (a small model's input) up to its size, as a file's", async () => {
    const [width, height] = [40, 20];
    const rgb = new Uint8Array(width * height * 3);
    for (let at = 0; at < rgb.length; at += 3) rgb.set([220, 40, 20], at);
    const image = await decoded(await thumbnailDataUrl({ width, height, rgb }));
    assert.deepEqual([image.width, image.height], [80, 40], 'within 80 x 80, the shape kept');
    assert.ok(image.centre[0] > 180 && image.centre[2] < 70, `red: ${image.centre.join(',')}`);
  });

  it('makes one from the file when there are no decoded pixels, transparency on white', async () => {
    const png = await sharp({ create: { width: 300, height: 150, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .composite([{ input: await colourImage('green', 'png', 100), left: 100, top: 25 }])
      .png()
      .toBuffer();
    const image = await decoded(await thumbnailDataUrl(png));
    assert.deepEqual([image.width, image.height], [80, 40], 'within 80 x 80, the shape kept');
    assert.ok(image.centre[1] > 150 && image.centre[0] < 90, `green: ${image.centre.join(',')}`);
    assert.ok(image.corner.every((value) => value > 230), `white where it was transparent: ${image.corner.join(',')}`);
  });

  it('gives none for bytes that are no image', async () => {
    assert.equal(await thumbnailDataUrl(Buffer.from('not an image at all')), undefined);
  });
});

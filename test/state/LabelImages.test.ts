import { strict as assert } from 'node:assert';
import { LabelImages } from '../../state/LabelImages.js';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';

const image = (text: string, size = text.length) => ({ bytes: Buffer.from(text.padEnd(size, '.')), format: 'png' as const, name: 'image 1', suggestions: [{ tag: 'crack', probability: 0.9 }] });

describe('LabelImages', () => {
  it('keeps an image by content hash, for the conversations it was shown in only', async () => {
    const images = new LabelImages(new MemoryStateStore());
    const ref = await images.remember(image('a'), 'teams/c1');
    assert.match(ref, /^[0-9a-f]{16}$/);
    assert.equal(await images.remember(image('a'), 'slack/c2'), ref, 'the same bytes, the same reference');
    const shown = (await images.find(ref, 'teams/c1'))?.image;
    assert.ok(shown);
    assert.deepEqual([shown.name, shown.format, shown.size, shown.suggestions, shown.conversations], ['image 1', 'png', 1, [{ tag: 'crack', probability: 0.9 }], ['teams/c1', 'slack/c2']]);
    assert.deepEqual((await images.find(ref, 'slack/c2'))?.image, shown);
    assert.equal(await images.find(ref, 'teams/c3'), undefined, 'not shown there');
    assert.equal(await images.find('index', 'teams/c1'), undefined, 'not a reference');
    assert.deepEqual(await images.bytes(ref), Buffer.from('a'));
  });

  it('lets one claim win when two clicks race, and keeps the label', async () => {
    const images = new LabelImages(new MemoryStateStore());
    const ref = await images.remember(image('b'), 'c');
    const [one, two] = await Promise.all([images.find(ref, 'c'), images.find(ref, 'c')]);
    const claims = await Promise.all([images.claim(ref, one!.image, one!.etag, 'u1'), images.claim(ref, two!.image, two!.etag, 'u2')]);
    assert.deepEqual(claims.sort(), [false, true]);
    await images.settle(ref, { tag: 'crack', byName: 'Ada', at: 1, duplicate: false });
    const found = await images.find(ref, 'c');
    assert.equal(found?.image.labelled?.tag, 'crack');
    assert.equal(found?.image.labelling, undefined);
  });

  it('keeps at most the bytes and images allowed, dropping the oldest, and forgets them after a day', async () => {
    let now = 0;
    const store = new MemoryStateStore(1000, () => now);
    const images = new LabelImages(store, { ttlMs: 24 * 60 * 60_000, maxBytes: 250, maxImages: 3 }, () => now);
    const refs: string[] = [];
    for (const text of ['1', '2', '3']) {
      now += 1;
      refs.push(await images.remember(image(text, 100), 'c'));
    }
    assert.equal(await images.bytes(refs[0]), undefined, '300 bytes is over 250: the oldest went');
    assert.deepEqual(await images.bytes(refs[1]), Buffer.from('2'.padEnd(100, '.')));
    for (const text of ['4', '5', '6']) refs.push(await images.remember(image(text, 10), 'c'));
    assert.equal(await images.find(refs[1], 'c'), undefined, 'more than 3 images: the oldest went');
    assert.equal((await images.find(refs[5], 'c'))?.image.size, 10);
    now += 24 * 60 * 60_000;
    assert.equal(await images.find(refs[5], 'c'), undefined);
    assert.equal(await images.bytes(refs[5]), undefined);
  });
});

import { strict as assert } from 'node:assert';
import { agoSince, byteSize } from '../../cards/wording.js';

describe('byteSize: a size as a person reads it', () => {
  it('says bytes below a kilobyte, then KB, MB, GB with a decimal only where it tells', () => {
    const cases: Array<[number, string]> = [
      [0, '0 bytes'],
      [1, '1 byte'],
      [500, '500 bytes'],
      [1023, '1,023 bytes'],
      [1024, '1 KB'],
      [1536, '1.5 KB'],
      [12 * 1024, '12 KB'],
      [600 * 1024, '600 KB'],
      [4 * 1024 * 1024, '4 MB'],
      [4.5 * 1024 * 1024, '4.5 MB'],
      [48.7 * 1024 * 1024, '49 MB'],
      [1.1 * 1024 ** 3, '1.1 GB'],
    ];
    for (const [bytes, shown] of cases) assert.equal(byteSize(bytes), shown, String(bytes));
  });
});

describe('agoSince: when something was asked, as a person reads it', () => {
  it('says just now under 10 s, then seconds, then minutes', () => {
    const now = Date.now();
    assert.equal(agoSince(now), 'just now');
    assert.equal(agoSince(now - 9_000), 'just now');
    assert.equal(agoSince(now - 45_000), '45 s ago');
    assert.equal(agoSince(now - 12 * 60_000), '12 min ago');
  });
});

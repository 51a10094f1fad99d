import { strict as assert } from 'node:assert';
import { BodyBytes } from '../../../channels/attachments/BodyBytes.js';

describe('BodyBytes (a response body gathered into one buffer)', () => {
  const chunks = [Buffer.from('abcd'), Buffer.from('efgh'), Buffer.from('ij')];

  it('fills a buffer of the declared length and hands that buffer over, without a second copy', () => {
    const body = new BodyBytes(10);
    for (const chunk of chunks) body.add(chunk);
    const first = body.bytes();
    assert.equal(first.toString(), 'abcdefghij');
    assert.equal(body.bytes(), first, 'the same buffer, not a concatenated copy');
  });

  it('keeps a body that outgrows the declared length whole: the length is a hint, not a limit', () => {
    const body = new BodyBytes(6);
    for (const chunk of chunks) body.add(chunk);
    assert.equal(body.length, 10);
    assert.equal(body.bytes().toString(), 'abcdefghij');
  });

  it('never hands out the unwritten end of a body shorter than declared', () => {
    const body = new BodyBytes(1024 * 1024);
    body.add(Buffer.from('abc'));
    const bytes = body.bytes();
    assert.equal(bytes.toString(), 'abc');
    assert.ok(bytes.buffer.byteLength < 1024 * 1024, 'a copy of what arrived, not a view into the larger buffer');
  });

  it('gathers chunks when no length was declared (or a meaningless one)', () => {
    for (const declared of [undefined, NaN, 0, -5, 2.5]) {
      const body = new BodyBytes(declared);
      for (const chunk of chunks) body.add(chunk);
      assert.equal(body.bytes().toString(), 'abcdefghij', String(declared));
      assert.equal(body.view().subarray(0, 4).toString(), 'abcd');
    }
    assert.equal(new BodyBytes().bytes().length, 0);
  });
});

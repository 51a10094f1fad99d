import { strict as assert } from 'node:assert';
import { inBatches, splitIntoDocuments } from '../../../services/textAnalytics/documents.js';

describe('splitting text into service documents', () => {
  it('keeps a short text whole', () => {
    assert.deepEqual(splitIntoDocuments('One. Two.'), [{ text: 'One. Two.', offset: 0 }]);
  });

  it('cuts on sentence boundaries, under the limit, losing nothing', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} is here. `).join('');
    const parts = splitIntoDocuments(text, 100);
    assert.ok(parts.length > 1);
    for (const part of parts) {
      assert.ok(part.text.length <= 100);
      assert.match(part.text, /^Sentence number \d+/, 'each part starts at a sentence');
      assert.equal(text.slice(part.offset, part.offset + part.text.length), part.text);
    }
    assert.equal(parts.map((part) => part.text).join(''), text);
  });

  it('cuts a sentence longer than the limit at spaces, or hard when it has none', () => {
    const words = 'word '.repeat(60);
    const spaced = splitIntoDocuments(words, 100);
    assert.ok(spaced.every((part) => part.text.length <= 100 && (part.text.endsWith(' ') || part === spaced.at(-1))));
    assert.equal(spaced.map((part) => part.text).join(''), words);
    const solid = 'x'.repeat(250);
    assert.deepEqual(
      splitIntoDocuments(solid, 100).map((part) => [part.offset, part.text.length]),
      [
        [0, 100],
        [100, 100],
        [200, 50],
      ],
    );
  });

  it('batches in order', () => {
    assert.deepEqual(inBatches([1, 2, 3, 4, 5, 6, 7], 3), [[1, 2, 3], [4, 5, 6], [7]]);
  });
});

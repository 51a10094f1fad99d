import { strict as assert } from 'node:assert';
import { checkTagName, findTag, matchingTags, MAX_TAG_NAME_CHARS } from '../../../services/labelling/tagNames.js';

const tags = ['crack', 'hairline crack', 'scratch', 'Dent', 'ok'].map((name) => ({ id: name, name, imageCount: 0 }));

describe('tag names', () => {
  it('tidies what was typed: trimmed, inner spaces made one', () => {
    assert.deepEqual(checkTagName('  hairline    crack '), { ok: true, name: 'hairline crack' });
  });

  it('refuses empty names, control characters, bidirectional overrides and names over the limit', () => {
    for (const bad of ['', '   ', 'crack\u0000', 'a\u0007b', 'line\nbreak', 'del\u007f', 'c1\u0085', 'rtl\u202eon', 'iso\u2066late', 'x'.repeat(MAX_TAG_NAME_CHARS + 1)]) {
      assert.equal(checkTagName(bad).ok, false, JSON.stringify(bad));
    }
    assert.equal(checkTagName('x'.repeat(MAX_TAG_NAME_CHARS)).ok, true);
    assert.equal(checkTagName('zero\u200dwidth joiner 👩‍🔬').ok, true, 'emoji sequences are text, not control characters');
  });

  it('finds a tag whatever its case or width, and lists those that start with or contain what was typed', () => {
    assert.equal(findTag(tags, 'DENT')?.name, 'Dent');
    assert.equal(findTag(tags, 'ｃｒａｃｋ')?.name, 'crack');
    assert.equal(findTag(tags, 'cr'), undefined);
    assert.deepEqual(matchingTags(tags, 'cr').map((tag) => tag.name), ['crack', 'hairline crack', 'scratch']);
    assert.deepEqual(matchingTags(tags, ''), []);
  });
});

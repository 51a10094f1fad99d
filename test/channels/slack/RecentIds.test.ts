import { strict as assert } from 'node:assert';
import { RecentIds } from '../../../channels/slack/RecentIds.js';

describe('RecentIds (event redelivery)', () => {
  it('sees an id once within the window, again after it', () => {
    let now = 0;
    const ids = new RecentIds(1000, 100, () => now);
    assert.equal(ids.firstTime('Ev1'), true);
    assert.equal(ids.firstTime('Ev1'), false);
    now = 1000;
    assert.equal(ids.firstTime('Ev1'), true);
  });

  it('stays bounded, forgetting the oldest ids first', () => {
    const ids = new RecentIds(60_000, 3);
    for (const id of ['a', 'b', 'c', 'd']) ids.firstTime(id);
    assert.equal(ids.firstTime('d'), false);
    assert.equal(ids.firstTime('a'), true);
  });
});

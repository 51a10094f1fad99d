import { strict as assert } from 'node:assert';
import { RecentIds } from '../../state/RecentIds.js';

describe('RecentIds (redelivered activities and events)', () => {
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

  it('stays bounded however many ids arrive, keeping the newest', () => {
    const ids = new RecentIds(60_000, 50, () => 0);
    for (let i = 0; i < 1000; i++) ids.firstTime(`id-${i}`);
    assert.ok(ids.size <= 50, `${ids.size}`);
    assert.equal(ids.firstTime('id-999'), false);
  });

  it('lets a forgotten id through again', () => {
    const ids = new RecentIds();
    ids.firstTime('Ev2');
    ids.forget('Ev2');
    assert.equal(ids.firstTime('Ev2'), true);
  });
});

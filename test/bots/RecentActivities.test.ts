import { strict as assert } from 'node:assert';
import { RecentActivities } from '../../bots/RecentActivities.js';

describe('RecentActivities', () => {
  it('recognises a redelivery within the time to live, and forgets it after', () => {
    let now = 0;
    const recent = new RecentActivities(1000, 100, () => now);
    assert.equal(recent.firstTime('a'), true);
    assert.equal(recent.firstTime('a'), false);
    now = 1000;
    assert.equal(recent.firstTime('a'), true);
  });

  it('stays bounded however many activities arrive', () => {
    const recent = new RecentActivities(60_000, 50, () => 0);
    for (let i = 0; i < 1000; i++) recent.firstTime(`id-${i}`);
    assert.ok(recent.size <= 50, `${recent.size}`);
    assert.equal(recent.firstTime('id-999'), false, 'the newest are kept');
  });
});

import { strict as assert } from 'node:assert';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';
import { RecentIds } from '../../state/RecentIds.js';

describe('RecentIds (redelivered activities and events)', () => {
  it('sees an id once within the window, again after it', async () => {
    let now = 0;
    const ids = new RecentIds(new MemoryStateStore(100, () => now), 'events/', 1000);
    assert.equal(await ids.firstTime('Ev1'), true);
    assert.equal(await ids.firstTime('Ev1'), false);
    now = 1000;
    assert.equal(await ids.firstTime('Ev1'), true);
  });

  it('keeps kinds of ids apart', async () => {
    const store = new MemoryStateStore();
    assert.equal(await new RecentIds(store, 'a/').firstTime('1'), true);
    assert.equal(await new RecentIds(store, 'b/').firstTime('1'), true);
  });

  it('stays bounded however many ids arrive, keeping the newest', async () => {
    const store = new MemoryStateStore(50, () => 0);
    const ids = new RecentIds(store, 'events/', 60_000);
    for (let i = 0; i < 1000; i++) await ids.firstTime(`id-${i}`);
    assert.ok(store.size <= 50, `${store.size}`);
    assert.equal(await ids.firstTime('id-999'), false);
  });

  it('lets a forgotten id through again', async () => {
    const ids = new RecentIds(new MemoryStateStore(), 'events/');
    await ids.firstTime('Ev2');
    await ids.forget('Ev2');
    assert.equal(await ids.firstTime('Ev2'), true);
  });
});

import { strict as assert } from 'node:assert';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';
import { stateStoreContract } from './stateStoreContract.js';

stateStoreContract('MemoryStateStore', () => new MemoryStateStore(), { leaseMs: 100, ttlMs: 50 });

describe('MemoryStateStore', () => {
  it('keeps at most its bound, the most recently written', async () => {
    const store = new MemoryStateStore(3);
    for (const key of ['a', 'b', 'c', 'd']) await store.put(key, key);
    assert.equal(store.size, 3);
    assert.equal(await store.get('a'), undefined);
    assert.equal((await store.get<string>('d'))?.value, 'd');
  });
});

import { strict as assert } from 'node:assert';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';
import { PendingConfirmations } from '../../state/PendingConfirmations.js';

describe('PendingConfirmations', () => {
  const request = { vm: 'gpu-01', requesterKey: 'msteams/aad-ada', requesterName: 'Ada', conversationId: 'c' };

  it('is honoured once, for the requester only', async () => {
    const pending = new PendingConfirmations(new MemoryStateStore(), 60_000);
    const { requestId } = await pending.create(request);
    assert.match(requestId, /^[0-9a-f]{8}$/);
    const other = await pending.take(requestId, 'msteams/aad-bob');
    assert.equal(other.ok ? 'ok' : other.reason, 'not-requester');
    assert.equal((await pending.take(requestId, 'msteams/aad-ada')).ok, true);
    assert.deepEqual(await pending.take(requestId, 'msteams/aad-ada'), { ok: false, reason: 'unknown' });
  });

  it('is consumed once when two takers race for it', async () => {
    const pending = new PendingConfirmations(new MemoryStateStore(), 60_000);
    const { requestId } = await pending.create(request);
    const results = await Promise.all([pending.take(requestId, 'msteams/aad-ada'), pending.take(requestId, 'msteams/aad-ada')]);
    assert.deepEqual(results.map((result) => result.ok).sort(), [false, true]);
  });

  it('expires after a few minutes', async () => {
    let now = 0;
    const pending = new PendingConfirmations(new MemoryStateStore(10, () => now), 5 * 60_000, () => now);
    const { requestId } = await pending.create(request);
    now = 5 * 60_000;
    const result = await pending.take(requestId, 'msteams/aad-ada');
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'expired');
  });

  it('keeps each kind apart: a code of one kind confirms nothing of another', async () => {
    const store = new MemoryStateStore();
    const stops = new PendingConfirmations(store, 60_000);
    const publishes = new PendingConfirmations<{ iterationName: string }>(store, 60_000, Date.now, 'publish-confirmations');
    const { requestId } = await publishes.create({ iterationName: 'Iteration 2', requesterKey: 'msteams/aad-ada', requesterName: 'Ada', conversationId: 'c' });
    assert.deepEqual(await stops.take(requestId, 'msteams/aad-ada'), { ok: false, reason: 'unknown' });
    const taken = await publishes.take(requestId, 'msteams/aad-ada');
    assert.equal(taken.ok && taken.pending.iterationName, 'Iteration 2');
  });
});

import { strict as assert } from 'node:assert';
import { PendingConfirmations } from '../../state/PendingConfirmations.js';

describe('PendingConfirmations', () => {
  const request = { vm: 'gpu-01', requesterKey: 'msteams/aad-ada', requesterName: 'Ada', conversationId: 'c' };

  it('is honoured once, for the requester only', () => {
    const pending = new PendingConfirmations(60_000);
    const { requestId } = pending.create(request);
    assert.match(requestId, /^[0-9a-f]{8}$/);
    const other = pending.take(requestId, 'msteams/aad-bob');
    assert.equal(other.ok ? 'ok' : other.reason, 'not-requester');
    assert.equal(pending.take(requestId, 'msteams/aad-ada').ok, true);
    assert.deepEqual(pending.take(requestId, 'msteams/aad-ada'), { ok: false, reason: 'unknown' });
  });

  it('expires after a few minutes', () => {
    let now = 0;
    const pending = new PendingConfirmations(5 * 60_000, 10, () => now);
    const { requestId } = pending.create(request);
    now = 5 * 60_000;
    const result = pending.take(requestId, 'msteams/aad-ada');
    assert.equal(result.ok, false);
    assert.equal(result.ok ? '' : result.reason, 'expired');
  });
});

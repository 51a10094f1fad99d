import { strict as assert } from 'node:assert';
import { TurnQueue } from '../../../channels/slack/TurnQueue.js';

describe('TurnQueue', () => {
  it('runs at most `concurrency` turns at once, in order, and settles with each', async () => {
    const queue = new TurnQueue(2, 10);
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const turns = [1, 2, 3, 4, 5].map((n) =>
      queue.enqueue(async () => {
        started.push(n);
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 10));
        running--;
      }),
    );
    await Promise.all(turns);
    assert.deepEqual(started, [1, 2, 3, 4, 5]);
    assert.equal(most, 2);
    await assert.rejects(queue.enqueue(async () => Promise.reject(new Error('boom'))) as Promise<void>, /boom/);
  });

  it('starts nothing before the caller has answered, and refuses work beyond its bound', async () => {
    const queue = new TurnQueue(1, 2);
    let ran = false;
    const first = queue.enqueue(async () => {
      ran = true;
    });
    assert.equal(ran, false, 'the turn waits for the next event-loop turn');
    const second = queue.enqueue(async () => undefined);
    assert.equal(queue.enqueue(async () => undefined), undefined, 'full');
    await Promise.all([first, second]);
    assert.equal(ran, true);
  });
});

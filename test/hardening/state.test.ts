import { strict as assert } from 'node:assert';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector } from '../support/connector.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';

const CONVERSATIONS = 1_000;
const HOUR = 60 * 60 * 1000;

describe('state of many short conversations (real server, local connector)', function () {
  this.timeout(120_000);
  let connector: FakeConnector;
  let bot: RunningApp;
  let clock = Date.now();
  const store = new MemoryStateStore(undefined, () => clock);

  before(async () => {
    connector = new FakeConnector({ validateCards: false });
    await connector.start();
    bot = await startApp({}, { stateStore: store });
  });
  after(async () => {
    await bot.stop();
    await connector.stop();
  });

  it(`releases what ${CONVERSATIONS.toLocaleString('en')} one-message conversations left once it expires`, async () => {
    const sizeBefore = store.size;
    let next = 0;
    const person = async () => {
      while (next < CONVERSATIONS) {
        next++;
        const response = await bot.post(emulatorMessage({ serviceUrl: connector.url, text: 'hello' }));
        assert.equal(response.status, 200);
        if (next % 250 === 0) connector.reset();
      }
    };
    const arrivedBefore = connector.arrived;
    await Promise.all(Array.from({ length: 16 }, person));
    assert.equal(connector.arrived - arrivedBefore, CONVERSATIONS, 'every conversation was answered (the answer is sent before the HTTP reply)');
    connector.reset();
    const sizeAfter = store.size;
    assert.ok(sizeAfter > sizeBefore, 'the conversations left records, for the expiry to release');
    assert.ok(sizeAfter - sizeBefore <= CONVERSATIONS, `one record (the activity id, against redelivery) per conversation at most, found ${sizeAfter - sizeBefore}`);

    clock += HOUR + 2 * 60_000;
    const later = emulatorMessage({ serviceUrl: connector.url, text: 'hello' });
    await bot.post(later);
    await connector.waitForMessages(later.conversation.id, 1);
    assert.ok(store.size <= sizeBefore + 1, `after an hour only the newest conversation's record is left, found ${store.size - sizeBefore}`);
  });
});

describe('MemoryStateStore bounds', () => {
  it('sweeps out expired records as writes come, at most once a minute', async () => {
    let clock = 0;
    const store = new MemoryStateStore(1_000, () => clock);
    for (let index = 0; index < 100; index++) await store.create(`seen/${index}`, true, { ttlMs: 1_000 });
    await store.put('conversations/a', { welcomed: true });
    clock = 30_000;
    await store.put('conversations/b', { welcomed: true });
    assert.equal(store.size, 102, 'not before a minute has passed');
    clock = 60_000;
    await store.put('conversations/c', { welcomed: true });
    assert.equal(store.size, 3, 'expired records are gone; those without an expiry stay');
  });

  it('past its bound, lets a short-lived record go before one without an expiry', async () => {
    const store = new MemoryStateStore(3);
    await store.put('operations/vm1', { phase: 'starting' });
    await store.create('seen/1', true, { ttlMs: 60_000 });
    await store.create('seen/2', true, { ttlMs: 60_000 });
    await store.create('seen/3', true, { ttlMs: 60_000 });
    assert.equal(store.size, 3);
    assert.ok(await store.get('operations/vm1'), 'the operation in flight is kept');
    assert.equal(await store.get('seen/1'), undefined, 'the oldest short-lived record went');
  });
});

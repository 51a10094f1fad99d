import { strict as assert } from 'node:assert';
import { ConversationSettingsStore } from '../../state/ConversationSettingsStore.js';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';

describe('ConversationSettingsStore', () => {
  it('keeps both of two changes made at the same moment (two instances, one conversation)', async () => {
    const store = new MemoryStateStore();
    const [one, two] = [new ConversationSettingsStore(store), new ConversationSettingsStore(store)];
    await Promise.all([one.update('msteams/c1', { autoTranslation: 'es' }), two.update('msteams/c1', { welcomed: true })]);
    assert.deepEqual(await one.get('msteams/c1'), { autoTranslation: 'es', welcomed: true });
  });

  it('forgets a conversation whose settings are all back to the defaults, and ignores a record of another shape', async () => {
    const store = new MemoryStateStore();
    const settings = new ConversationSettingsStore(store);
    await settings.update('slack/c2', { autoTranslation: 'de' });
    await settings.update('slack/c2', { autoTranslation: undefined });
    assert.equal(store.size, 0);
    await store.put(`conversations/${encodeURIComponent('slack/c3')}`, { autoTranslation: 42 });
    assert.deepEqual(await settings.get('slack/c3'), {});
  });
});

describe('ConversationSettingsStore: claiming activity ids with the settings', () => {
  it('claims an id once across instances, writing over the version it knows, and reads only when that was changed', async () => {
    const store = new MemoryStateStore();
    const reads: string[] = [];
    const counted = new Proxy(store, {
      get: (target, name, receiver) => (name === 'get' ? (key: string) => (reads.push(key), target.get(key)) : Reflect.get(target, name, receiver)),
    });
    const [one, two] = [new ConversationSettingsStore(counted), new ConversationSettingsStore(counted)];
    assert.deepEqual(await one.claim('msteams/c1', 'a1'), {});
    assert.equal(await two.claim('msteams/c1', 'a1'), undefined, 'a redelivery to the other instance');
    assert.equal(await one.claim('msteams/c1', 'a1'), undefined, 'a redelivery to the same instance');
    reads.length = 0;
    assert.deepEqual(await one.claim('msteams/c1', 'a2'), {});
    assert.deepEqual(reads, [], 'its own last version still current: no read');
    await two.update('msteams/c1', { autoTranslation: 'es' });
    assert.deepEqual(await one.claim('msteams/c1', 'a3'), { autoTranslation: 'es' }, 'the other instance\'s change, seen on the next claim');
    assert.equal(await two.claim('msteams/c1', 'a3'), undefined);
  });

  it('remembers ids for ten minutes in a record that expires with them unless it holds a setting', async () => {
    let now = 0;
    const store = new MemoryStateStore(100, () => now);
    const settings = new ConversationSettingsStore(store, () => now);
    await settings.claim('slack/c1', 'a1');
    now += 9 * 60_000;
    assert.equal(await settings.claim('slack/c1', 'a1'), undefined);
    now += 2 * 60_000;
    assert.deepEqual(await settings.claim('slack/c1', 'a1'), {}, 'past ten minutes, the id acts again');
    now += 11 * 60_000;
    assert.equal(await store.get(`conversations/${encodeURIComponent('slack/c1')}`), undefined, 'the record expired with its ids');
    await settings.update('slack/c1', { labelling: true });
    now += 60 * 60_000;
    assert.deepEqual(await new ConversationSettingsStore(store, () => now).claim('slack/c1', 'a2'), { labelling: true });
  });

  it('keeps the people with an open flow, changed from the current list', async () => {
    const store = new MemoryStateStore();
    const [one, two] = [new ConversationSettingsStore(store), new ConversationSettingsStore(store)];
    await Promise.all([
      one.update('msteams/c1', (current) => ({ openFlows: [...(current.openFlows ?? []), 'ada'] })),
      two.update('msteams/c1', (current) => ({ openFlows: [...(current.openFlows ?? []), 'grace'] })),
    ]);
    assert.deepEqual((await one.get('msteams/c1')).openFlows?.sort(), ['ada', 'grace']);
  });
});

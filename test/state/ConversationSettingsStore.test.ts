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

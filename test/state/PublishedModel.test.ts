import { strict as assert } from 'node:assert';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';
import { PublishedModel } from '../../state/PublishedModel.js';

const PROJECT = '64b822c5-8082-4b36-a426-27225f4aa18c';
const publish = { publishName: 'Iteration8', iterationId: 'i8', iterationName: 'Iteration 8', byName: 'Ada' };

describe('PublishedModel', () => {
  it('is the setting until a publish, then the published name, on every instance within the cache time', async () => {
    let now = 0;
    const store = new MemoryStateStore(100, () => now);
    const here = new PublishedModel(store, { projectId: PROJECT, publishedName: 'defects-v3' }, 30_000, () => now);
    const there = new PublishedModel(store, { projectId: PROJECT, publishedName: 'defects-v3' }, 30_000, () => now);
    assert.equal(await there.current(), 'defects-v3');
    await here.set(publish);
    assert.equal(await here.current(), 'Iteration8', 'at once where it was published');
    assert.equal(await there.current(), 'defects-v3', 'elsewhere, once its cache lapses');
    now += 30_000;
    assert.equal(await there.current(), 'Iteration8');
  });

  it('gives way to a changed setting, and ignores another project\'s publish', async () => {
    const store = new MemoryStateStore();
    await new PublishedModel(store, { projectId: PROJECT, publishedName: 'defects-v3' }).set(publish);
    assert.equal(await new PublishedModel(store, { projectId: PROJECT, publishedName: 'defects-v4' }).current(), 'defects-v4');
    assert.equal(await new PublishedModel(store, { projectId: '00000000-0000-4000-8000-000000000000', publishedName: 'defects-v3' }).current(), 'defects-v3');
  });
});

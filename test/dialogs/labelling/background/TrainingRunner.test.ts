import { strict as assert } from 'node:assert';
import type { Notifier, Turn } from '../../../../dialogs/Turn.js';
import type { ConversationHandle } from '../../../../state/ConversationHandle.js';
import { linesOf, plainText, type Card } from '../../../../cards/Card.js';
import { TrainingRunner } from '../../../../dialogs/labelling/background/TrainingRunner.js';
import { createMemoryLogger } from '../../../../logging/logger.js';
import { CustomVisionTrainingProject } from '../../../../services/labelling/CustomVisionTrainingProject.js';
import { MemoryStateStore } from '../../../../state/MemoryStateStore.js';
import { PublishedModel } from '../../../../state/PublishedModel.js';
import { TrainingRuns } from '../../../../state/TrainingRuns.js';
import { PROJECT_ID } from '../../../support/fakeCustomVision.js';
import { FakeCustomVisionTraining, PREDICTION_RESOURCE_ID, TRAINING_KEY } from '../../../support/fakeCustomVisionTraining.js';

const conversation: ConversationHandle = { channel: 'webchat', conversationId: 'c-1', reference: {} };

/** What an instance posts, proactively, and the background work it tracks. */
function instance(store: MemoryStateStore, fake: FakeCustomVisionTraining) {
  const posted: Array<{ kind: 'reply' | 'update'; text: string; id?: string }> = [];
  const background: Array<Promise<unknown>> = [];
  const shutdown = new AbortController();
  const notifier: Notifier = {
    notify: async (_conversation, send) =>
      send({
        reply: async (document) => void posted.push({ kind: 'reply', text: textOf(document) }),
        update: async (id, document) => void posted.push({ kind: 'update', id, text: textOf(document) }),
      }),
  };
  const project = new CustomVisionTrainingProject({ endpoint: fake.endpoint, key: TRAINING_KEY, projectId: PROJECT_ID, predictionResourceId: PREDICTION_RESOURCE_ID, timeoutMs: 10_000 });
  const runner = new TrainingRunner({
    project,
    runs: new TrainingRuns(store),
    published: new PublishedModel(store, { projectId: PROJECT_ID, publishedName: 'defects-v3' }),
    notifier,
    background: { track: (work) => (background.push(work), work) },
    logger: createMemoryLogger(),
    shutdown: shutdown.signal,
    pollIntervalMs: 5,
  });
  return { runner, posted, stop: async () => (shutdown.abort(), Promise.all(background)), idle: () => Promise.all(background) };
}

function textOf(document: Card): string {
  return linesOf(document).map(plainText).join('\n');
}

function turn(replies: string[]): Turn {
  return {
    caller: { key: 'webchat/ada', userId: 'ada', name: 'Ada', channel: 'webchat' },
    conversation,
    reply: async (document: Card) => (replies.push(textOf(document)), 'ack-1'),
  } as unknown as Turn;
}

describe('TrainingRunner: a run outlives the instance that started it', () => {
  let fake: FakeCustomVisionTraining;
  before(async () => {
    fake = new FakeCustomVisionTraining();
    await fake.start();
  });
  after(() => fake.stop());
  beforeEach(() => fake.reset([{ name: 'crack', images: 5 }, { name: 'dent', images: 5 }]));

  it('is reported by another instance when the one that started it stops', async () => {
    const store = new MemoryStateStore();
    const first = instance(store, fake);
    const replies: string[] = [];
    await first.runner.start(turn(replies), {});
    assert.match(replies[0], /started quick training of Iteration 1/);
    await first.stop();

    const second = instance(store, fake);
    fake.nextPerformance = { crack: [0.9, 0.9, 0.9], dent: [0.8, 0.8, 0.8] };
    fake.finishTraining();
    await second.runner.resume();
    await second.idle();
    assert.deepEqual(second.posted.map((post) => [post.kind, post.id]), [['reply', undefined], ['update', 'ack-1']], 'the outcome, and the acknowledgement rewritten');
    assert.match(second.posted[0].text, /Done: Iteration 1[\s\S]*Precision\n85%/);
    assert.equal(first.posted.length, 0);
  });

  it('is followed by one instance at a time (a lease), and reported once', async () => {
    const store = new MemoryStateStore();
    const first = instance(store, fake);
    await first.runner.start(turn([]), {});
    const second = instance(store, fake);
    await second.runner.resume();
    fake.finishTraining();
    await Promise.all([first.idle(), second.idle()]);
    assert.equal(first.posted.filter((post) => post.kind === 'reply').length, 1);
    assert.equal(second.posted.length, 0);
    await second.runner.resume();
    await second.idle();
    assert.equal(second.posted.length, 0, 'a reported run is not reported again');
  });
});

import { randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createJsonLogger } from '../logging/logger.js';
import { MemoryStateStore } from '../state/MemoryStateStore.js';
import { FakeConnector } from '../test/support/connector.js';
import { emulatorMessage } from '../test/support/activities.js';
import { measureLoad, postActivity, report } from './harness.js';

const CONVERSATIONS = 10_000;
/** Past every expiry of a one-message conversation's records (its activity id is kept 10 minutes, app.ts). */
const LATER = 60 * 60 * 1000 + 2 * 60_000;

/**
 * Heap kept by 10,000 one-message conversations: after them (their activity ids are kept against redelivery),
 * and once those records have expired. The baseline is the heap after a warm-up in the same run.
 */
export async function benchMemory(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = async () => {
    for (let round = 0; round < 3; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return process.memoryUsage().heapUsed;
  };

  let clock = Date.now();
  const store = new MemoryStateStore(undefined, () => clock);
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0' }), { logger: createJsonLogger(() => undefined), stateStore: store });
  const { port } = await app.listen();
  await app.ready;
  const url = `http://127.0.0.1:${port}/api/messages`;
  const conversations = (total: number) =>
    measureLoad({
      total,
      concurrency: 20,
      send: async () => {
        const activity = emulatorMessage({ serviceUrl: connector.url, text: 'hello', id: randomUUID() });
        await postActivity(url, activity);
      },
    });

  await conversations(2_000);
  clock += LATER;
  await conversations(1);
  const baseline = await heap();
  const recordsBefore = store.size;
  await conversations(CONVERSATIONS);
  const within = await heap();
  const recordsWithin = store.size - recordsBefore;
  clock += LATER;
  await conversations(1);
  const after = await heap();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const perConversation = (bytes: number) => `${Math.round(bytes / CONVERSATIONS)} B per conversation`;

  report(`Heap kept by ${CONVERSATIONS.toLocaleString('en')} one-message conversations (memory state store)`, [
    ['baseline heap (after warm-up)', mb(baseline)],
    ['while their ids are kept', `+${mb(within - baseline)} (${perConversation(within - baseline)}, ${recordsWithin} records)`],
    ['an hour later, ids expired', `${after >= baseline ? '+' : ''}${mb(after - baseline)} (${perConversation(after - baseline)}, ${store.size - recordsBefore} records)`],
  ]);

  await app.close(1000);
  await connector.stop();
}

import { randomUUID } from 'node:crypto';
import { createApp, type App } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { emulatorMessage } from '../test/support/activities.js';
import { Azurite } from '../test/support/azurite.js';
import { FakeConnector } from '../test/support/connector.js';
import { measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_CONVERSATIONS = 20;
const REQUESTS = 2000;
const SEQUENTIAL_REQUESTS = 300;
const ANALYZE_TEXT = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

/**
 * An analyze turn with state in Azure Blob Storage (Azurite, on this machine) against the same turn with state in
 * memory, same run: one turn at a time (what a person waits for), and 20 conversations at once (throughput). Each
 * turn claims its activity id (Put Blob, If-None-Match: *) and reads its conversation's settings (Get Blob).
 */
export async function benchState(): Promise<void> {
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const azurite = await Azurite.start();
  const memory = await startBot({});
  const blob = await startBot({ STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(), STATE_STORAGE_CONTAINER: 'bench-state' });

  const load = (url: string, total: number, concurrency: number): Promise<LoadResult> =>
    measureLoad({
      total,
      concurrency,
      send: async (index) => {
        const activity = emulatorMessage({ serviceUrl: connector.url, conversationId: `bench-${index % CONCURRENT_CONVERSATIONS}`, text: ANALYZE_TEXT, id: randomUUID() });
        await postActivity(`${url}/api/messages`, activity);
      },
    });

  for (const bot of [memory, blob]) await load(bot.url, 500, CONCURRENT_CONVERSATIONS);
  const memoryOne = await load(memory.url, SEQUENTIAL_REQUESTS, 1);
  const blobOne = await load(blob.url, SEQUENTIAL_REQUESTS, 1);
  const [memoryMany, memoryCpu] = await withCpu(() => load(memory.url, REQUESTS, CONCURRENT_CONVERSATIONS));
  const [blobMany, blobCpu] = await withCpu(() => load(blob.url, REQUESTS, CONCURRENT_CONVERSATIONS));
  const azuriteCpu = azurite.cpuMs();

  report(`analyze turn, state in Azure Blob Storage (Azurite) vs in memory (${SEQUENTIAL_REQUESTS} turns one at a time; ${REQUESTS} turns, ${CONCURRENT_CONVERSATIONS} conversations at once)`, [
    ['one at a time, p50 memory / blob', `${ms(memoryOne.p50)} / ${ms(blobOne.p50)} = ${signed(blobOne.p50 - memoryOne.p50)} (target <= +10 ms)`],
    ['one at a time, p99 memory / blob', `${ms(memoryOne.p99)} / ${ms(blobOne.p99)}`],
    ['20 at once, throughput memory', `${memoryMany.throughput.toFixed(0)} req/s`],
    ['20 at once, throughput blob', `${blobMany.throughput.toFixed(0)} req/s = ${ratio(blobMany.throughput, memoryMany.throughput)} memory (target >= 0.80x)`],
    ['20 at once, p50 memory / blob', `${ms(memoryMany.p50)} / ${ms(blobMany.p50)} = ${signed(blobMany.p50 - memoryMany.p50)}`],
    ['20 at once, p99 memory / blob', `${ms(memoryMany.p99)} / ${ms(blobMany.p99)}`],
    ['CPU of this process per turn, memory / blob', `${ms(memoryCpu / REQUESTS)} / ${ms(blobCpu / REQUESTS)} (bot, connector and load together; the difference is the storage client)`],
    ['CPU of Azurite per turn (whole run)', `${ms(azuriteCpu / (REQUESTS + SEQUENTIAL_REQUESTS + 500))} (on these same cores here; Azure's side in production)`],
  ]);

  await Promise.all([memory.app.close(1000), blob.app.close(1000)]);
  await Promise.all([azurite.stop(), connector.stop()]);
}

async function startBot(env: Record<string, string>): Promise<{ app: App; url: string }> {
  const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env }), { logger: createMemoryLogger() });
  const { port } = await app.listen();
  await app.ready;
  return { app, url: `http://127.0.0.1:${port}` };
}

/** The work's result and the CPU time (ms) this process spent while it ran. */
async function withCpu<T>(work: () => Promise<T>): Promise<[T, number]> {
  const before = process.cpuUsage();
  const result = await work();
  const used = process.cpuUsage(before);
  return [result, (used.user + used.system) / 1000];
}

function signed(milliseconds: number): string {
  return `${milliseconds >= 0 ? '+' : ''}${ms(milliseconds)}`;
}

import { randomUUID } from 'node:crypto';
import { emulatorMessage } from '../test/support/activities.js';
import { AZURITE_ACCOUNT, Azurite } from '../test/support/azurite.js';
import { FakeConnector } from '../test/support/connector.js';
import { CountingProxy } from '../test/support/countingProxy.js';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { benchConversation, measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_TURNS = 20;
const REQUESTS = 2000;
const SEQUENTIAL_REQUESTS = 300;
/** One turn in each of the conversations the load rotates over: the measured turns find their records there. */
const WARM_UP = 1000;
const ANALYZE_TEXT = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

/**
 * An analyze turn with state in Azure Blob Storage (Azurite, on this machine) against the same turn with state in
 * memory, same run: one turn at a time (what a person waits for), and 20 turns at once over 1,000 conversations (throughput). Each
 * bot is its own process (as in production), so its CPU is its own; the Blob bot reaches Azurite through a proxy
 * that counts the storage requests. A turn claims its activity id with one conditional write of its conversation's
 * record, which also says the settings (ConversationSettingsStore).
 */
export async function benchState(): Promise<void> {
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const azurite = await Azurite.start();
  const proxy = new CountingProxy(azurite.origin);
  await proxy.start();
  const quiet = { APERTIUM_WARM_LANGUAGES: 'none' };
  const [memory, blob] = await Promise.all([
    LabmateProcess.start(quiet, 60_000),
    LabmateProcess.start({ ...quiet, STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${proxy.origin}/${AZURITE_ACCOUNT}`), STATE_STORAGE_CONTAINER: 'bench-state' }, 60_000),
  ]);

  const load = (url: string, total: number, concurrency: number): Promise<LoadResult> =>
    measureLoad({
      total,
      concurrency,
      send: async (index) => {
        const activity = emulatorMessage({ serviceUrl: connector.url, conversationId: benchConversation(index), text: ANALYZE_TEXT, id: randomUUID() });
        await postActivity(`${url}/api/messages`, activity);
      },
    });
  /** The load, with the bot's own CPU (ms) and the storage requests it made meanwhile. */
  const measured = async (bot: LabmateProcess, total: number, concurrency: number) => {
    const [cpu, requests] = [bot.cpuMs(), proxy.requests.length];
    const result = await load(bot.url, total, concurrency);
    return { result, cpuMs: bot.cpuMs() - cpu, requests: proxy.requests.length - requests };
  };

  for (const bot of [memory, blob]) await load(bot.url, WARM_UP, CONCURRENT_TURNS);
  const memoryOne = await measured(memory, SEQUENTIAL_REQUESTS, 1);
  const blobOne = await measured(blob, SEQUENTIAL_REQUESTS, 1);
  const memoryMany = await measured(memory, REQUESTS, CONCURRENT_TURNS);
  const blobMany = await measured(blob, REQUESTS, CONCURRENT_TURNS);
  const azuriteCpu = azurite.cpuMs();
  const perTurn = (cpu: number, turns: number) => cpu / turns;

  report(`analyze turn, state in Azure Blob Storage (Azurite) vs in memory (${SEQUENTIAL_REQUESTS} turns one at a time; ${REQUESTS} turns, ${CONCURRENT_TURNS} at once)`, [
    ['one at a time, p50 memory / blob', `${ms(memoryOne.result.p50)} / ${ms(blobOne.result.p50)} = ${signed(blobOne.result.p50 - memoryOne.result.p50)} (target <= +10 ms)`],
    ['one at a time, p99 memory / blob', `${ms(memoryOne.result.p99)} / ${ms(blobOne.result.p99)}`],
    ['storage round trips per turn, one at a time', `${(blobOne.requests / SEQUENTIAL_REQUESTS).toFixed(2)} (target <= 1: the activity-id claim)`],
    ['storage round trips per turn, 20 at once', `${(blobMany.requests / REQUESTS).toFixed(2)} (a claim refused when another turn of the conversation wrote first costs a read and a retry)`],
    ['20 at once, throughput memory', `${memoryMany.result.throughput.toFixed(0)} req/s`],
    ['20 at once, throughput blob', `${blobMany.result.throughput.toFixed(0)} req/s = ${ratio(blobMany.result.throughput, memoryMany.result.throughput)} memory (target >= 0.80x)`],
    ['20 at once, p50 memory / blob', `${ms(memoryMany.result.p50)} / ${ms(blobMany.result.p50)} = ${signed(blobMany.result.p50 - memoryMany.result.p50)}`],
    ['20 at once, p99 memory / blob', `${ms(memoryMany.result.p99)} / ${ms(blobMany.result.p99)}`],
    [
      "the bot's own CPU per turn, one at a time, memory / blob",
      `${ms(perTurn(memoryOne.cpuMs, SEQUENTIAL_REQUESTS))} / ${ms(perTurn(blobOne.cpuMs, SEQUENTIAL_REQUESTS))} = ${ratio(blobOne.cpuMs, memoryOne.cpuMs)} (target <= 1.5x; the bot's process, analyzer worker included)`,
    ],
    [
      "the bot's own CPU per turn, 20 at once, memory / blob",
      `${ms(perTurn(memoryMany.cpuMs, REQUESTS))} / ${ms(perTurn(blobMany.cpuMs, REQUESTS))} = ${ratio(blobMany.cpuMs, memoryMany.cpuMs)} (target <= 1.5x)`,
    ],
    ['CPU of Azurite per turn (whole run)', `${ms(azuriteCpu / (REQUESTS + SEQUENTIAL_REQUESTS + WARM_UP))} (on these same cores here; Azure's side in production)`],
  ]);

  await Promise.all([memory.kill('SIGTERM'), blob.kill('SIGTERM')]);
  await proxy.stop();
  await Promise.all([azurite.stop(), connector.stop()]);
}

function signed(milliseconds: number): string {
  return `${milliseconds >= 0 ? '+' : ''}${ms(milliseconds)}`;
}

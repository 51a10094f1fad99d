import { randomUUID } from 'node:crypto';
import { emulatorMessage } from '../test/support/activities.js';
import { AZURITE_ACCOUNT, Azurite } from '../test/support/azurite.js';
import { FakeConnector } from '../test/support/connector.js';
import { CountingProxy } from '../test/support/countingProxy.js';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { sharedManagedIdentity } from '../test/support/managedIdentity.js';
import { createTestCertificate } from '../test/support/testCertificate.cjs';
import { benchConversation, interleaved, measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_TURNS = 20;
const REQUESTS = 2000;
const SEQUENTIAL_REQUESTS = 300;
/** One turn in each of the conversations the load rotates over: the measured turns find their records there. */
const WARM_UP = 1000;
/** Rounds each measured load is split into, the bots taking turns. */
const ROUNDS = 4;
const ANALYZE_TEXT = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

/**
 * An analyze turn with state in Azure Blob Storage (Azurite, on this machine) against the same turn with state in
 * memory, same run: one turn at a time (what a person waits for), and 20 turns at once over 1,000 conversations (throughput). Each
 * bot is its own process (as in production), so its CPU is its own; the Blob bot reaches Azurite with its connection
 * string (a shared key that signs every request) through a proxy that counts the storage requests, and a third bot
 * reaches an HTTPS Azurite as a deployed bot does, with its managed identity's token. A turn claims its activity id with one conditional write of its conversation's
 * record, which also says the settings (ConversationSettingsStore).
 */
export async function benchState(): Promise<void> {
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const azurite = await Azurite.start();
  const proxy = new CountingProxy(azurite.origin);
  await proxy.start();
  // Production's way in, for the CPU figures: the managed identity's bearer token over HTTPS (an Azurite that checks
  // tokens, the App Service identity endpoint's stand-in, whose address the bots inherit from this process).
  const certificate = createTestCertificate();
  await sharedManagedIdentity();
  const azuriteHttps = await Azurite.start({ tls: certificate });
  const quiet = { APERTIUM_WARM_LANGUAGES: 'none' };
  const [memory, blob, identity] = await Promise.all([
    LabmateProcess.start(quiet, 60_000),
    LabmateProcess.start({ ...quiet, STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${proxy.origin}/${AZURITE_ACCOUNT}`), STATE_STORAGE_CONTAINER: 'bench-state' }, 60_000),
    LabmateProcess.start({ ...quiet, STATE_STORAGE_ACCOUNT_URL: azuriteHttps.blobEndpoint, STATE_STORAGE_CONTAINER: 'bench-state', NODE_EXTRA_CA_CERTS: certificate.certPath }, 60_000),
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
  /** One round of the load against a bot; its CPU is the bot's own (ms). */
  const round = (bot: LabmateProcess, total: number, concurrency: number) => async (): Promise<LoadResult> => {
    const cpu = bot.cpuMs();
    const result = await load(bot.url, total, concurrency);
    return { ...result, cpuMs: bot.cpuMs() - cpu };
  };
  /**
   * The three bots in alternating rounds (harness.ts, interleaved), so that the machine's drifts hit them alike; the
   * storage requests counted are the Blob bot's, the only one behind the proxy.
   */
  const measured = async (total: number, concurrency: number) => {
    const requests = proxy.requests.length;
    const perRound = total / ROUNDS;
    const results = await interleaved(ROUNDS, { memory: round(memory, perRound, concurrency), blob: round(blob, perRound, concurrency), identity: round(identity, perRound, concurrency) });
    return { ...results, blobRequests: proxy.requests.length - requests };
  };

  for (const bot of [memory, blob, identity]) await load(bot.url, WARM_UP, CONCURRENT_TURNS);
  const one = await measured(SEQUENTIAL_REQUESTS, 1);
  const many = await measured(REQUESTS, CONCURRENT_TURNS);
  const azuriteCpu = azurite.cpuMs();
  const perTurn = (cpu: number, turns: number) => cpu / turns;

  report(`analyze turn, state in Azure Blob Storage (Azurite) vs in memory (${SEQUENTIAL_REQUESTS} turns one at a time; ${REQUESTS} turns, ${CONCURRENT_TURNS} at once)`, [
    ['one at a time, p50 memory / blob', `${ms(one.memory.p50)} / ${ms(one.blob.p50)} = ${signed(one.blob.p50 - one.memory.p50)} (target <= +10 ms)`],
    ['one at a time, p99 memory / blob', `${ms(one.memory.p99)} / ${ms(one.blob.p99)}`],
    ['storage round trips per turn, one at a time', `${(one.blobRequests / SEQUENTIAL_REQUESTS).toFixed(2)} (target <= 1: the activity-id claim)`],
    ['storage round trips per turn, 20 at once', `${(many.blobRequests / REQUESTS).toFixed(2)} (a claim refused when another turn of the conversation wrote first costs a read and a retry)`],
    ['20 at once, throughput memory', `${many.memory.throughput.toFixed(0)} req/s`],
    ['20 at once, throughput blob', `${many.blob.throughput.toFixed(0)} req/s = ${ratio(many.blob.throughput, many.memory.throughput)} memory (target >= 0.80x)`],
    ['20 at once, p50 memory / blob', `${ms(many.memory.p50)} / ${ms(many.blob.p50)} = ${signed(many.blob.p50 - many.memory.p50)}`],
    ['20 at once, p99 memory / blob', `${ms(many.memory.p99)} / ${ms(many.blob.p99)}`],
    [
      "the bot's own CPU per turn, one at a time, memory / blob",
      `${ms(perTurn(one.memory.cpuMs, SEQUENTIAL_REQUESTS))} / ${ms(perTurn(one.blob.cpuMs, SEQUENTIAL_REQUESTS))} = ${ratio(one.blob.cpuMs, one.memory.cpuMs)} (target <= 1.5x; the bot's process, analyzer worker included)`,
    ],
    [
      "the bot's own CPU per turn, 20 at once, memory / blob",
      `${ms(perTurn(many.memory.cpuMs, REQUESTS))} / ${ms(perTurn(many.blob.cpuMs, REQUESTS))} = ${ratio(many.blob.cpuMs, many.memory.cpuMs)} (target <= 1.5x)`,
    ],
    [
      "the bot's own CPU per turn, managed identity over HTTPS (production's way in), memory / blob",
      `one at a time ${ms(perTurn(one.identity.cpuMs, SEQUENTIAL_REQUESTS))} = ${ratio(one.identity.cpuMs, one.memory.cpuMs)}, 20 at once ${ms(perTurn(many.identity.cpuMs, REQUESTS))} = ${ratio(many.identity.cpuMs, many.memory.cpuMs)} memory (target <= 1.5x)`,
    ],
    ['CPU of Azurite per turn (whole run)', `${ms(azuriteCpu / (REQUESTS + SEQUENTIAL_REQUESTS + WARM_UP))} (on these same cores here; Azure's side in production)`],
  ]);

  await Promise.all([memory.kill('SIGTERM'), blob.kill('SIGTERM'), identity.kill('SIGTERM')]);
  await proxy.stop();
  await Promise.all([azurite.stop(), azuriteHttps.stop(), connector.stop()]);
}

function signed(milliseconds: number): string {
  return `${milliseconds >= 0 ? '+' : ''}${ms(milliseconds)}`;
}

import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { TurnContext } from 'botbuilder';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { botFramework } from '../channels/botframework/index.js';
import { createServer } from '../server/createServer.js';
import { InFlight } from '../server/InFlight.js';
import { FakeConnector } from '../test/support/connector.js';
import { emulatorMessage } from '../test/support/activities.js';
import { interleaved, measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_CONVERSATIONS = 20;
/** Requests per round; the echo and analyze rounds alternate (ROUNDS of each). */
const REQUESTS = 500;
const ROUNDS = 6;
const WARM_UP_ROUNDS = 3;
const ANALYZE_TEXT = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

/** Throughput and latency of an analyze turn on the local backend against an echo turn, same server, same run. */
export async function benchMessages(): Promise<void> {
  // The connector only takes the replies: reading them is the channel's work, not the bot's.
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0' }), { logger: createMemoryLogger() });
  const { port } = await app.listen();
  await app.ready;
  const url = `http://127.0.0.1:${port}/api/messages`;

  const load = (text: string, path = url): Promise<LoadResult> =>
    measureLoad({
      total: REQUESTS,
      concurrency: CONCURRENT_CONVERSATIONS,
      send: async (index) => {
        const activity = emulatorMessage({
          serviceUrl: connector.url,
          conversationId: `bench-${index % CONCURRENT_CONVERSATIONS}`,
          text,
          id: randomUUID(),
        });
        await postActivity(path, activity);
      },
    });

  // Echo: the same server code and adapter, a turn that only sends the text back.
  const echo = createEchoServer();
  const echoAddress = await echo.listen();
  const echoUrl = `http://127.0.0.1:${echoAddress.port}/api/messages`;

  // Warm up until the JIT has settled: throughput still climbs through the first ~1,500 turns of each.
  await interleaved(WARM_UP_ROUNDS, { echo: () => load('warm up', echoUrl), analyze: () => load(ANALYZE_TEXT) });
  const { echo: echoResult, analyze: analyzeResult } = await interleaved(ROUNDS, {
    echo: () => load('echo this', echoUrl),
    analyze: () => load(ANALYZE_TEXT),
  });

  report(`POST /api/messages, ${CONCURRENT_CONVERSATIONS} concurrent conversations, ${ROUNDS} alternating rounds of ${REQUESTS} requests each (local backend)`, [
    ['echo throughput', `${echoResult.throughput.toFixed(0)} req/s`],
    ['analyze throughput', `${analyzeResult.throughput.toFixed(0)} req/s = ${ratio(analyzeResult.throughput, echoResult.throughput)} echo (target >= 0.80x)`],
    ['echo p50 / p99', `${ms(echoResult.p50)} / ${ms(echoResult.p99)}`],
    ['analyze p50 / p99', `${ms(analyzeResult.p50)} / ${ms(analyzeResult.p99)}`],
    ['analyze p99 / echo p99', `${ratio(analyzeResult.p99, echoResult.p99)} (target <= 1.30x)`],
  ]);

  await echo.close();
  await app.close(1000);
  await connector.stop();
}

/** The same restify server and /api/messages route as the bot, with a turn that only sends the text back. */
export function createEchoServer() {
  const server = createServer({ isReady: () => true, requestTimeoutMs: 10_000 });
  const inFlight = new InFlight();
  const logger = createMemoryLogger();
  botFramework({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, logger).mount(server, {
    run: async (context: TurnContext) => {
      await context.sendActivity(context.activity.text ?? '');
    },
    ready: async () => true,
    track: (work) => inFlight.track(work),
    logger,
  });
  return {
    listen: () => new Promise<AddressInfo>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

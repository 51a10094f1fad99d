import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Activity, TurnContext } from 'botbuilder';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { botFramework } from '../channels/botframework/index.js';
import { cardReply } from '../channels/botframework/botFrameworkChannel.js';
import { analysisDocument } from '../cards/analysis.js';
import { WorkerTextAnalyzer } from '../services/textAnalytics/WorkerTextAnalyzer.js';
import { createServer } from '../server/createServer.js';
import { InFlight } from '../server/InFlight.js';
import { FakeConnector } from '../test/support/connector.js';
import { emulatorMessage } from '../test/support/activities.js';
import { interleaved, measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_CONVERSATIONS = 20;
/** Requests per round; the echo, card echo and analyze rounds alternate (ROUNDS of each). */
const REQUESTS = 500;
const ROUNDS = 6;
const WARM_UP_ROUNDS = 3;
const ANALYZED = 'I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';
const ANALYZE_TEXT = `analyze ${ANALYZED}`;

/**
 * Throughput, latency and CPU time of an analyze turn on the local backend against an echo turn and a card echo turn
 * (the same server code), same run.
 */
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
  const echoUrl = `http://127.0.0.1:${(await echo.listen()).port}/api/messages`;
  // Card echo: the same again, a turn that sends the analysis card the bot sends (rendered per turn from a
  // document made once): what sending that card costs, without analysing or the bot's dispatch.
  // Analysed on a worker of its own, as the bot does, closed after: the models stay out of this process's heap.
  const analyzer = new WorkerTextAnalyzer();
  const analyses = await analyzer.analyze(ANALYZED, ['sentiment', 'keyPhrases', 'entities']);
  await analyzer.close();
  const analysisCard = analysisDocument({ title: 'Text analysis', backendName: analyzer.backendName, ...analyses });
  const cardEcho = createEchoServer(() => cardReply(analysisCard));
  const cardEchoUrl = `http://127.0.0.1:${(await cardEcho.listen()).port}/api/messages`;

  // Warm up until the JIT has settled: throughput still climbs through the first ~1,500 turns of each.
  await interleaved(WARM_UP_ROUNDS, { echo: () => load('warm up', echoUrl), cardEcho: () => load('warm up', cardEchoUrl), analyze: () => load(ANALYZE_TEXT) });
  const {
    echo: echoResult,
    cardEcho: cardEchoResult,
    analyze: analyzeResult,
  } = await interleaved(ROUNDS, {
    echo: () => load('echo this', echoUrl),
    cardEcho: () => load('echo this', cardEchoUrl),
    analyze: () => load(ANALYZE_TEXT),
  });

  const cpuPerTurn = (result: LoadResult) => result.cpuMs / result.requests;
  report(`POST /api/messages, ${CONCURRENT_CONVERSATIONS} concurrent conversations, ${ROUNDS} alternating rounds of ${REQUESTS} requests each (local backend)`, [
    ['echo throughput', `${echoResult.throughput.toFixed(0)} req/s`],
    ['analyze throughput', `${analyzeResult.throughput.toFixed(0)} req/s = ${ratio(analyzeResult.throughput, echoResult.throughput)} echo (target >= 0.80x)`],
    ['echo p50 / p99', `${ms(echoResult.p50)} / ${ms(echoResult.p99)}`],
    ['analyze p50 / p99', `${ms(analyzeResult.p50)} / ${ms(analyzeResult.p99)}`],
    ['analyze p99 / echo p99', `${ratio(analyzeResult.p99, echoResult.p99)} (target <= 1.30x)`],
    ['card echo throughput (the analysis card, no analysis)', `${cardEchoResult.throughput.toFixed(0)} req/s = ${ratio(cardEchoResult.throughput, echoResult.throughput)} echo`],
    ['analyze throughput / card echo throughput', ratio(analyzeResult.throughput, cardEchoResult.throughput)],
    // Every thread of this process: the load client and the connector too (the same for each), the analyzer worker.
    ['CPU per turn: echo / card echo / analyze', [echoResult, cardEchoResult, analyzeResult].map((result) => `${(cpuPerTurn(result) * 1000).toFixed(0)} µs`).join(' / ')],
    ['echo CPU per turn / analyze CPU per turn', `${ratio(cpuPerTurn(echoResult), cpuPerTurn(analyzeResult))} (throughput's figure in CPU time)`],
  ]);

  await echo.close();
  await cardEcho.close();
  await app.close(1000);
  await connector.stop();
}

/** The same restify server and /api/messages route as the bot, with a turn that only sends the text back (or `reply`). */
export function createEchoServer(reply: (context: TurnContext) => Partial<Activity> | string = (context) => context.activity.text ?? '') {
  const server = createServer({ isReady: () => true, requestTimeoutMs: 10_000 });
  const inFlight = new InFlight();
  const logger = createMemoryLogger();
  botFramework({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, logger).mount(server, {
    run: async (context: TurnContext) => {
      await context.sendActivity(reply(context));
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

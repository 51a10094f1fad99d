import { randomUUID } from 'node:crypto';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { FakeConnector } from '../test/support/connector.js';
import { emulatorMessage } from '../test/support/activities.js';
import { startEchoBot } from './echoBot.js';
import { benchConversation, interleaved, measureLoad, ms, postActivity, ratio, report, type LoadResult } from './harness.js';

const CONCURRENT_TURNS = 20;
/** Requests per round; the echo, card echo and analyze rounds alternate (ROUNDS of each). */
const REQUESTS = 500;
const ROUNDS = 6;
const WARM_UP_ROUNDS = 3;
export const ANALYZED = 'I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';
const ANALYZE_TEXT = `analyze ${ANALYZED}`;

/**
 * Throughput, latency and CPU time of an analyze turn on the local backend against an echo turn and a card echo turn
 * (the same server code), same run. Each bot runs in a process of its own, as in production; the load and the fake
 * connector run here, off their CPU.
 */
export async function benchMessages(): Promise<void> {
  // The connector only takes the replies: reading them is the channel's work, not the bot's.
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const [labmate, echo, cardEcho] = await Promise.all([
    LabmateProcess.start({ APERTIUM_WARM_LANGUAGES: 'none' }, 90_000),
    // Echo: the same server code and adapter, a turn that only sends the text back.
    startEchoBot('text'),
    // Card echo: the same again, a turn that sends the analysis card the bot sends: what sending that card costs,
    // without analysing or the bot's dispatch.
    startEchoBot('card'),
  ]);

  /** One round against a bot; its CPU is the bot's process's (every thread, 10 ms ticks). */
  const load = async (bot: LabmateProcess, text: string): Promise<LoadResult> => {
    const cpuBefore = bot.cpuMs();
    const result = await measureLoad({
      total: REQUESTS,
      concurrency: CONCURRENT_TURNS,
      send: async (index) => {
        const activity = emulatorMessage({
          serviceUrl: connector.url,
          conversationId: benchConversation(index),
          text,
          id: randomUUID(),
        });
        await postActivity(`${bot.url}/api/messages`, activity);
      },
    });
    return { ...result, cpuMs: bot.cpuMs() - cpuBefore };
  };

  // Warm up until the JIT has settled: throughput still climbs through the first ~1,500 turns of each.
  await interleaved(WARM_UP_ROUNDS, { echo: () => load(echo, 'warm up'), cardEcho: () => load(cardEcho, 'warm up'), analyze: () => load(labmate, ANALYZE_TEXT) });
  const {
    echo: echoResult,
    cardEcho: cardEchoResult,
    analyze: analyzeResult,
  } = await interleaved(ROUNDS, {
    echo: () => load(echo, 'echo this'),
    cardEcho: () => load(cardEcho, 'echo this'),
    analyze: () => load(labmate, ANALYZE_TEXT),
  });

  const cpuPerTurn = (result: LoadResult) => result.cpuMs / result.requests;
  report(`POST /api/messages, ${CONCURRENT_TURNS} turns at once over 1,000 conversations, ${ROUNDS} alternating rounds of ${REQUESTS} requests each (local backend, each bot in its own process)`, [
    ['echo throughput', `${echoResult.throughput.toFixed(0)} req/s`],
    ['analyze throughput', `${analyzeResult.throughput.toFixed(0)} req/s = ${ratio(analyzeResult.throughput, echoResult.throughput)} echo (target >= 0.80x)`],
    ['echo p50 / p99', `${ms(echoResult.p50)} / ${ms(echoResult.p99)}`],
    ['analyze p50 / p99', `${ms(analyzeResult.p50)} / ${ms(analyzeResult.p99)}`],
    ['analyze p99 / echo p99', `${ratio(analyzeResult.p99, echoResult.p99)} (target <= 1.30x)`],
    ['card echo throughput (the analysis card, no analysis)', `${cardEchoResult.throughput.toFixed(0)} req/s = ${ratio(cardEchoResult.throughput, echoResult.throughput)} echo`],
    ['analyze throughput / card echo throughput', ratio(analyzeResult.throughput, cardEchoResult.throughput)],
    // The bot's process alone, every thread of it: the analyzer worker is labmate's.
    ['CPU per turn of the bot\'s process: echo / card echo / analyze', [echoResult, cardEchoResult, analyzeResult].map((result) => `${(cpuPerTurn(result) * 1000).toFixed(0)} µs`).join(' / ')],
    ['echo CPU per turn / analyze CPU per turn', `${ratio(cpuPerTurn(echoResult), cpuPerTurn(analyzeResult))} (throughput's figure in CPU time)`],
  ]);

  await Promise.all([labmate, echo, cardEcho].map((bot) => bot.kill('SIGTERM')));
  await connector.stop();
}

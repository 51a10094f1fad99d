import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { emulatorMessage } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/connector.js';
import { measureLoad, ms, percentiles, postActivity, ratio, report } from './harness.js';

const WARM_REQUESTS = 300;
/** Conversations the warm turns rotate over (see `conversation` below). */
const PACED_CONVERSATIONS = 20;
/** Fresh starts for each cold figure, with and without the warm-up, taken in turns (the machine is shared and noisy). */
const COLD_STARTS = 5;
/** One sentence, in the conversation's language: with translation on it goes es -> en in, and en -> es out. */
const SENTENCE = 'La ejecución de entrenamiento terminó a tiempo y el modelo está listo.';
/** Not translated: it loads the text analyzer, whose own first load (seconds) is not translation's. */
const ENGLISH = 'The training run finished on time and the model is ready.';
/** A number in the sentence makes every message new to the translation cache. */
const varied = (index: number) => SENTENCE.replace('a tiempo', `a tiempo ${index}`);

interface ColdStart {
  /** `translate auto spanish` sent at once after /readyz: its reply is the first translation (en -> es). */
  firstReply: number;
  /** The first Spanish message of the conversation: detection, es -> en to route it, the analysis, en -> es back. */
  firstMessage: number;
  /** The same kind of message once everything is warm (median of a few, varied so none is a cache hit). */
  warmMessage: number;
  /** How long the warm-up took, from its log line (undefined when it is off). */
  warmUpMs?: number;
}

/**
 * Local (Apertium) translation through the bot: the same one-sentence message with auto-translation on, warm, against
 * translation off, same run; and the first translations after a fresh start (cold), with the warm-up after start and
 * without it (APERTIUM_WARM_LANGUAGES=none, what the first request paid before).
 */
export async function benchTranslation(): Promise<void> {
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();

  // "Cold" is the first translation a person gets after a start: the first message of an auto-translated
  // conversation, once the warm-up has finished (about a second here: a restarted bot's first message comes later
  // than that). The reply to `translate auto spanish`, sent at once after /readyz while the warm-up is under way,
  // shows a person who is quicker than that.
  const withWarmUp: ColdStart[] = [];
  const withoutWarmUp: ColdStart[] = [];
  for (let run = 0; run < COLD_STARTS; run++) {
    withWarmUp.push(await coldStart({}));
    withoutWarmUp.push(await coldStart({ APERTIUM_WARM_LANGUAGES: 'none' }));
  }

  const bot = await startBot();
  // The turns rotate over conversations, each at a person's pace: one conversation taking every turn would meet the
  // bot's pacing of its sends (7 a second per conversation, ConversationPacer), not translation's cost.
  const conversation = (kind: 'on' | 'off', index: number) => `conv-${kind}-${index % PACED_CONVERSATIONS}`;
  for (let index = 0; index < PACED_CONVERSATIONS; index++) await bot.send(conversation('on', index), 'translate auto spanish');
  const turns = (kind: 'on' | 'off', vary = false) =>
    measureLoad({
      total: WARM_REQUESTS,
      concurrency: 1,
      send: (index) => bot.send(conversation(kind, index), vary ? varied(index) : SENTENCE),
    });
  await turns('on'); // warm the pipelines, the cache stays as it would in use
  await turns('off');
  const off = await turns('off');
  const on = await turns('on');
  const offVaried = await turns('off', true);
  const onVaried = await turns('on', true);
  await bot.close();
  await connector.stop();

  const range = (values: number[]) => `${ms(Math.min(...values))} .. ${ms(Math.max(...values))}`;
  const median = (values: number[]) => percentiles(values).p50;
  const column = (starts: ColdStart[], pick: (start: ColdStart) => number) => starts.map(pick);
  const cold = column(withWarmUp, (start) => start.firstMessage);
  const coldOff = column(withoutWarmUp, (start) => start.firstMessage);
  const warmOfCold = column(withWarmUp, (start) => start.warmMessage);
  report(`Translation through the bot (Apertium, one sentence, ${WARM_REQUESTS} sequential turns; cold: ${COLD_STARTS} fresh starts each way, in turns)`, [
    ['translation off p50 / p99', `${ms(off.p50)} / ${ms(off.p99)}`],
    ['auto-translation warm p50 / p99', `${ms(on.p50)} / ${ms(on.p99)} = ${ratio(on.p50, off.p50)} / ${ratio(on.p99, off.p99)} off`],
    ['warm p50 - off p50', `${ms(on.p50 - off.p50)} (target <= 60 ms)`],
    ['varied messages, off p50 / p99', `${ms(offVaried.p50)} / ${ms(offVaried.p99)}`],
    ['varied messages, warm p50 / p99', `${ms(onVaried.p50)} / ${ms(onVaried.p99)} = ${ratio(onVaried.p50, offVaried.p50)} / ${ratio(onVaried.p99, offVaried.p99)} off`],
    ['varied: warm p50 - off p50', `${ms(onVaried.p50 - offVaried.p50)} (target <= 60 ms)`],
    ['warm-up after start (log line)', range(withWarmUp.map((start) => start.warmUpMs ?? NaN))],
    ['cold: first message after the warm-up', `median ${ms(median(cold))} (${range(cold)}; target <= 100 ms)`],
    ['  the same message warm, same apps', `median ${ms(median(warmOfCold))} (${range(warmOfCold)}): cold - warm = ${ms(median(cold) - median(warmOfCold))}`],
    ['cold without the warm-up (as before)', `median ${ms(median(coldOff))} (${range(coldOff)})`],
    ['first reply, sent at once after /readyz', `median ${ms(median(column(withWarmUp, (start) => start.firstReply)))} with the warm-up under way; ${ms(median(column(withoutWarmUp, (start) => start.firstReply)))} without it`],
  ]);

  /** A fresh app: the first translations after /readyz, then the same kind of message warm. */
  async function coldStart(env: Record<string, string>): Promise<ColdStart> {
    const bot = await startBot(env);
    const timed = async (conversationId: string, text: string) => {
      const started = performance.now();
      await bot.send(conversationId, text);
      return performance.now() - started;
    };
    const firstReply = await timed('conv-quick', 'translate auto spanish');
    const warmUp = await bot.warmedUp();
    await bot.send('conv-en', ENGLISH);
    await bot.send('conv-cold', 'translate auto spanish');
    const firstMessage = await timed('conv-cold', SENTENCE);
    const warm: number[] = [];
    for (let index = 0; index < 9; index++) warm.push(await timed('conv-cold', varied(index)));
    await bot.close();
    return { firstReply, firstMessage, warmMessage: percentiles(warm).p50, warmUpMs: warmUp?.ms };
  }

  async function startBot(env: Record<string, string> = {}) {
    const logger = createMemoryLogger();
    const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0', ...env }), { logger });
    const { port } = await app.listen();
    await app.ready;
    const url = `http://127.0.0.1:${port}/api/messages`;
    return {
      async send(conversationId: string, text: string) {
        const activity = emulatorMessage({ serviceUrl: connector.url, conversationId, text, id: randomUUID() });
        await postActivity(url, activity);
      },
      /** The warm-up's log line (its duration), once it is written; undefined when there is no warm-up. */
      async warmedUp(): Promise<{ ms: number } | undefined> {
        if (env.APERTIUM_WARM_LANGUAGES === 'none') return undefined;
        const deadline = performance.now() + 60_000;
        for (;;) {
          const line = logger.entries.find((entry) => entry.message.startsWith('translation warm'));
          if (line) return line.level === 'info' ? { ms: Number(line.fields.ms) } : undefined;
          if (performance.now() > deadline) throw new Error('no warm-up log line within 60 s');
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      },
      close: () => app.close(1000),
    };
  }
}

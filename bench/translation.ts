import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { emulatorMessage } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/connector.js';
import { measureLoad, ms, percentiles, ratio, report } from './harness.js';

const WARM_REQUESTS = 300;
const COLD_STARTS = 5;
/** One sentence, in the conversation's language: with translation on it goes es -> en in, and en -> es out. */
const SENTENCE = 'La ejecución de entrenamiento terminó a tiempo y el modelo está listo.';

/**
 * Local (Apertium) translation through the bot: the same one-sentence message with auto-translation on, cold
 * (the first request for the pair starts its pipelines) and warm, against translation off, same run.
 */
export async function benchTranslation(): Promise<void> {
  const connector = new FakeConnector({ validateCards: false });
  await connector.start();

  const cold: number[] = [];
  for (let run = 0; run < COLD_STARTS; run++) {
    const bot = await startBot();
    await bot.send('conv-cold', 'translate auto spanish');
    const started = performance.now();
    await bot.send('conv-cold', SENTENCE);
    cold.push(performance.now() - started);
    await bot.close();
  }

  const bot = await startBot();
  await bot.send('conv-on', 'translate auto spanish');
  const turns = (conversationId: string, vary = false) =>
    measureLoad({
      total: WARM_REQUESTS,
      concurrency: 1,
      // Varied: a number in the sentence makes every message new to the translation cache.
      send: (index) => bot.send(conversationId, vary ? SENTENCE.replace('a tiempo', `a tiempo ${index}`) : SENTENCE),
    });
  await turns('conv-on'); // warm the pipelines, the cache stays as it would in use
  await turns('conv-off');
  const off = await turns('conv-off');
  const on = await turns('conv-on');
  const offVaried = await turns('conv-off', true);
  const onVaried = await turns('conv-on', true);
  await bot.close();
  await connector.stop();

  const coldStats = percentiles(cold);
  report(`Translation through the bot (Apertium, one sentence, ${WARM_REQUESTS} sequential turns; cold: ${COLD_STARTS} fresh starts)`, [
    ['translation off p50 / p99', `${ms(off.p50)} / ${ms(off.p99)}`],
    ['auto-translation warm p50 / p99', `${ms(on.p50)} / ${ms(on.p99)} = ${ratio(on.p50, off.p50)} / ${ratio(on.p99, off.p99)} off`],
    ['warm p50 - off p50', `${ms(on.p50 - off.p50)} (target <= 60 ms)`],
    ['varied messages, off p50 / p99', `${ms(offVaried.p50)} / ${ms(offVaried.p99)}`],
    ['varied messages, warm p50 / p99', `${ms(onVaried.p50)} / ${ms(onVaried.p99)} = ${ratio(onVaried.p50, offVaried.p50)} / ${ratio(onVaried.p99, offVaried.p99)} off`],
    ['varied: warm p50 - off p50', `${ms(onVaried.p50 - offVaried.p50)} (target <= 60 ms)`],
    ['auto-translation cold p50 / p99', `${ms(coldStats.p50)} / ${ms(coldStats.p99)} = ${ratio(coldStats.p50, off.p50)} off p50`],
  ]);

  async function startBot() {
    const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0' }), { logger: createMemoryLogger() });
    const { port } = await app.listen();
    await app.ready;
    const url = `http://127.0.0.1:${port}/api/messages`;
    return {
      async send(conversationId: string, text: string) {
        const activity = emulatorMessage({ serviceUrl: connector.url, conversationId, text, id: randomUUID() });
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        await response.arrayBuffer();
        connector.reset();
      },
      close: () => app.close(1000),
    };
  }
}

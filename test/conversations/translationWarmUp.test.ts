import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nullFlushScript } from '../../services/translator/apertiumPairs.js';
import { pipelineStages } from '../../services/translator/NullFlushPipeline.js';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { runningPrograms } from '../support/apertiumPrograms.js';

/** The programs of one pipeline for `mode` that name its data files: what runningPrograms counts. */
async function onePipeline(mode: string): Promise<number> {
  const stages = pipelineStages(await nullFlushScript('/usr/share/apertium', mode), { $1: ['-n'], $2: [] }) ?? [];
  return stages.filter((stage) => stage.args.some((arg) => arg.includes(`/${mode}.`))).length;
}

/** Programs of either direction's pipeline running now. */
const bothDirections = () => runningPrograms('eng-spa') + runningPrograms('spa-eng');

async function logLine(bot: RunningApp, prefix: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = bot.logger.entries.filter((entry) => entry.message.startsWith(prefix));
    if (lines.length > 0) return lines;
    if (Date.now() > deadline) throw new Error(`no "${prefix}" log line within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the translation warm-up after start (real Apertium, apertium-eng-spa)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let bot: RunningApp | undefined;
  let dataDir: string | undefined;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  after(() => connector.stop());
  afterEach(async () => {
    await bot?.stop();
    bot = undefined;
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });

  const say = async (conversationId: string, text: string) =>
    shownText(await postForReply(bot!, connector, emulatorMessage({ serviceUrl: connector.url, conversationId, text }), 15_000));

  it('is ready at once, warms both directions and the detector in the background, and says so in one log line', async () => {
    bot = await startApp({ APERTIUM_WARM_LANGUAGES: 'es' });
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    const [line, ...more] = await logLine(bot, 'translation warm');
    assert.equal(line.level, 'info');
    assert.deepEqual(line.fields.warmed, ['English → Spanish', 'Spanish → English', 'language detection']);
    assert.equal(more.length, 0);
    const warm = [runningPrograms('eng-spa'), runningPrograms('spa-eng')];
    assert.deepEqual(warm, [await onePipeline('eng-spa'), await onePipeline('spa-eng')], 'one pipeline each way, running before anyone asked');

    assert.match(await say('conv-es', 'translate auto spanish'), /español/);
    assert.match(await say('conv-es', 'La ejecución de entrenamiento terminó y el modelo está listo.'), /Análisis de texto/);
    assert.deepEqual([runningPrograms('eng-spa'), runningPrograms('spa-eng')], warm, 'the messages used the warmed programs');
  });

  it('a message that comes during the warm-up uses the pipeline being warmed, not a second one', async () => {
    bot = await startApp({ APERTIUM_WARM_LANGUAGES: 'es' });
    assert.match(await say('conv-quick', 'translate auto spanish'), /español/);
    await logLine(bot, 'translation warmed up');
    assert.equal(runningPrograms('eng-spa'), await onePipeline('eng-spa'));
    assert.equal(runningPrograms('spa-eng'), await onePipeline('spa-eng'));
  });

  it('a failed warm-up costs one warning: the bot is ready and answers translations with a clear apology', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'labmate-apertium-'));
    await mkdir(join(dataDir, 'modes'));
    for (const mode of ['eng-spa', 'spa-eng']) await writeFile(join(dataDir, 'modes', `${mode}.mode`), `labmate-no-such-program -z '${dataDir}/${mode}.bin'\n`);
    bot = await startApp({ APERTIUM_DATADIR: dataDir, APERTIUM_WARM_LANGUAGES: 'es' });
    const lines = await logLine(bot, 'translation warm');
    assert.deepEqual(
      lines.map((line) => [line.level, line.message]),
      [['warn', 'translation warm-up failed; each language pair starts with its first request instead']],
    );
    assert.equal((await fetch(`${bot.url}/readyz`)).status, 200);
    assert.match(await say('conv-broken', 'translate to spanish: the model is ready'), /Offline translation \(Apertium\) failed on this text/);
  });

  it('starts nothing with APERTIUM_WARM_LANGUAGES=none', async () => {
    bot = await startApp({ APERTIUM_WARM_LANGUAGES: 'none' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(bothDirections(), 0);
    assert.deepEqual(bot.logger.entries.filter((entry) => entry.message.startsWith('translation warm')), []);
  });

  it('stopping the bot during the warm-up leaves no program running and logs no failure', async () => {
    assert.equal(bothDirections(), 0, 'no program left from an earlier test');
    // Also `bot`, so that a failed check below still stops it: else its warm-up goes on into the next test file.
    const stopped = (bot = await startApp({ APERTIUM_WARM_LANGUAGES: 'es' }));
    // Stopped once the warm-up has started programs and before it is done: else there would be nothing to stop.
    const deadline = Date.now() + 10_000;
    while (bothDirections() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 2));
    assert.ok(bothDirections() > 0, 'the warm-up started programs');
    assert.deepEqual(stopped.logger.entries.filter((entry) => entry.message.startsWith('translation warm')), [], 'the warm-up is not over yet');
    await stopped.stop();
    bot = undefined;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(bothDirections(), 0);
    assert.deepEqual(stopped.logger.entries.filter((entry) => entry.level !== 'info'), []);
  });
});

import { strict as assert } from 'node:assert';
import { ApertiumTranslator } from '../../../services/translator/ApertiumTranslator.js';
import { nullFlushScript, pairsFromModes, pairsToWarm } from '../../../services/translator/apertiumPairs.js';
import { toStream } from '../../../services/translator/apertiumStream.js';
import { cld3Detector } from '../../../services/translator/cld3Detector.js';
import { NullFlushPipeline } from '../../../services/translator/NullFlushPipeline.js';
import { runningPrograms } from '../../support/apertiumPrograms.js';

describe('which Apertium pairs the warm-up starts', () => {
  const pairs = pairsFromModes(['eng-spa', 'spa-eng', 'cat-eng', 'eng-cat', 'eng-glg', 'spa-cat', 'cat-spa', 'fra-eng']);
  const names = (list: Array<{ from: string; to: string }>) => list.map(({ from, to }) => `${from}>${to}`);

  it('by default: into and out of English for the first two languages by code, English into each first', () => {
    const { warm, left, missing } = pairsToWarm(pairs);
    assert.deepEqual(names(warm), ['en>ca', 'ca>en', 'en>es', 'es>en']);
    assert.deepEqual(names(left), ['en>gl', 'fr>en'], 'the other pairs with English start with their first request');
    assert.deepEqual(missing, []);
  });

  it('the languages asked for, whichever directions are installed, and says which have no pair with English', () => {
    const { warm, left, missing } = pairsToWarm(pairs, ['fr', 'gl', 'de']);
    assert.deepEqual(names(warm), ['fr>en', 'en>gl']);
    assert.deepEqual(names(left), ['en>es', 'es>en', 'ca>en', 'en>ca']);
    assert.deepEqual(missing, ['de']);
  });

  it('nothing for none, and never a pair between two other languages', () => {
    assert.deepEqual(pairsToWarm(pairs, []).warm, []);
    assert.ok(!names(pairsToWarm(pairs, ['es', 'ca']).warm).some((pair) => !pair.includes('en')));
  });
});

/** Waits (up to 2 s) for pipelines other test files closed to exit: close() kills their programs without waiting. */
async function noEngSpaPrograms(): Promise<number> {
  const deadline = Date.now() + 2000;
  while (runningPrograms('eng-spa') + runningPrograms('spa-eng') > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  return runningPrograms('eng-spa') + runningPrograms('spa-eng');
}

describe('the Apertium warm-up (real Apertium, apertium-eng-spa)', function () {
  this.timeout(30_000);

  it("starts both directions' programs and the detector, and the first text then uses those same programs", async () => {
    const translator = await ApertiumTranslator.create({ dataDir: '/usr/share/apertium' }, cld3Detector(), 10_000);
    assert.ok(translator);
    try {
      assert.equal(await noEngSpaPrograms(), 0);
      const { warmed, left } = await translator.warmUp();
      assert.deepEqual(warmed, ['English → Spanish', 'Spanish → English', 'language detection']);
      assert.deepEqual(left, []);
      const running = [runningPrograms('eng-spa'), runningPrograms('spa-eng')];
      assert.ok(running[0] >= 5 && running[1] >= 5, `programs running: ${running.join(', ')}`);

      const [spanish] = await translator.translate(['The training run finished.'], { to: 'es' });
      assert.equal(spanish.text, 'La carrera de formación acabó.');
      const [english] = await translator.translate(['Hola equipo, el modelo está listo.'], { to: 'en' });
      assert.match(english.text, /the model is ready\.$/);
      assert.deepEqual([runningPrograms('eng-spa'), runningPrograms('spa-eng')], running, 'no second pipeline was started');
    } finally {
      await translator.close();
    }
  });

  it('starts nothing after the translator is closed', async () => {
    const translator = await ApertiumTranslator.create({ dataDir: '/usr/share/apertium', warmLanguages: ['es'] }, cld3Detector(), 10_000);
    assert.ok(translator);
    const warming = translator.warmUp();
    await translator.close();
    await assert.rejects(warming);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(runningPrograms('eng-spa') + runningPrograms('spa-eng'), 0);
  });

  it("spawns a pipeline's programs over several event-loop turns, so other requests are served meanwhile", async () => {
    const pipeline = new NullFlushPipeline(await nullFlushScript('/usr/share/apertium', 'eng-spa'), 10_000);
    try {
      const seen = new Set<number>();
      let done = false;
      const translating = pipeline.process(toStream('The model is ready.')).finally(() => (done = true));
      while (!done) {
        seen.add(runningPrograms('eng-spa'));
        await new Promise((resolve) => setImmediate(resolve));
      }
      assert.match(await translating, /El modelo está a punto\./);
      const partial = [...seen].filter((count) => count > 0 && count < Math.max(...seen));
      assert.ok(partial.length >= 3, `other work ran while ${[...seen].sort((a, b) => a - b).join(', ')} programs were running`);
    } finally {
      await pipeline.close();
    }
  });
});

import { strict as assert } from 'node:assert';
import { ApertiumTranslator } from '../../../services/translator/ApertiumTranslator.js';
import { cld3Detector } from '../../../services/translator/cld3Detector.js';
import { ServiceError } from '../../../services/errors.js';
import { pipelineStages } from '../../../services/translator/NullFlushPipeline.js';
import { pipelinePrograms } from '../../support/apertiumPrograms.js';

/** A middle program of the pipeline: one whose death leaves programs on both sides of it running. */
function killMiddleProgram(): string {
  const programs = pipelinePrograms('eng-spa');
  assert.ok(programs.length >= 5, `found ${programs.length} programs of the pipeline`);
  const [pid, command] = programs[Math.floor(programs.length / 2)];
  process.kill(pid, 'SIGKILL');
  return command;
}

describe('an Apertium pipeline whose program dies (real Apertium, apertium-eng-spa)', function () {
  this.timeout(60_000);
  let translator: ApertiumTranslator;
  const long = 'The training run finished early because the GPU ran out of memory. '.repeat(60);
  let expected: string;

  before(async () => {
    const created = await ApertiumTranslator.create({ dataDir: '/usr/share/apertium' }, cld3Detector(), 20_000);
    assert.ok(created);
    translator = created;
    [{ text: expected }] = await translator.translate([long], { from: 'en', to: 'es' });
    assert.ok(expected.length > long.length / 2);
  });
  after(() => translator.close());

  it('killed mid-translation: the text comes back whole (from a fresh pipeline) or fails clearly, never cut or empty', async () => {
    for (let trial = 0; trial < 2; trial++) {
      const translating = translator.translate([long], { from: 'en', to: 'es' });
      await new Promise((resolve) => setTimeout(resolve, 20 + trial * 30));
      killMiddleProgram();
      const outcome = await translating.then(
        ([translation]) => translation.text,
        (error: unknown) => error,
      );
      if (typeof outcome === 'string') assert.equal(outcome, expected, 'a translation given is the whole one');
      else assert.ok(outcome instanceof ServiceError && outcome.code === 'unavailable', String(outcome));
      const [after] = await translator.translate(['The GPU is ready.'], { from: 'en', to: 'es' });
      assert.match(after.text, /GPU está listo|GPU está a punto/, 'the next text is translated correctly');
    }
  });

  it('killed while idle: the next person gets a correct translation at once', async () => {
    await translator.translate(['Warm up.'], { from: 'en', to: 'es' });
    killMiddleProgram();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    const [translation] = await translator.translate(['The training run finished.'], { from: 'en', to: 'es' });
    assert.equal(translation.text, 'La carrera de formación acabó.');
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });

  it('gives every request its own answer when the pipeline breaks with several in flight', async () => {
    const texts = ['The GPU is ready.', 'The training run finished.', 'The model is good.', 'Hello team.'];
    const [reference] = [await translator.translate(texts, { from: 'en', to: 'es' })];
    const translating = Promise.allSettled(texts.map((text) => translator.translate([`${text} ${long}`], { from: 'en', to: 'es' })));
    await new Promise((resolve) => setTimeout(resolve, 50));
    killMiddleProgram();
    const results = await translating;
    results.forEach((result, index) => {
      if (result.status === 'fulfilled') assert.ok(result.value[0].text.startsWith(reference[index].text.replace(/\.$/, '')), `answer ${index} is its own`);
      else assert.ok(result.reason instanceof ServiceError);
    });
  });
});

describe("a mode's pipeline as programs", () => {
  it('reads the programs apertium-wblank-mode prints, with $1 and $2 in place', () => {
    const script = "lt-proc -z '/usr/share/apertium/a b.bin' | apertium-tagger -z -g $2 'x.prob' | lt-proc -z $1 'gen.bin'";
    assert.deepEqual(pipelineStages(script, { $1: ['-n'], $2: [] }), [
      { program: 'lt-proc', args: ['-z', '/usr/share/apertium/a b.bin'] },
      { program: 'apertium-tagger', args: ['-z', '-g', 'x.prob'] },
      { program: 'lt-proc', args: ['-z', '-n', 'gen.bin'] },
    ]);
  });

  it('leaves to a shell anything else a shell would do', () => {
    for (const script of ['a "b" | c', 'a $(b) | c', 'a; b', 'a > out', "a 'b'c | d", 'a | | b', 'a $3', "a 'unclosed", '| a', 'a $1x']) {
      assert.equal(pipelineStages(script, { $1: ['-n'], $2: [] }), undefined, script);
    }
  });
});

import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceError } from '../../../services/errors.js';
import { ApertiumTranslator } from '../../../services/translator/ApertiumTranslator.js';
import { pairsFromModes, debianPackageFor } from '../../../services/translator/apertiumPairs.js';
import { fromStream, toStream } from '../../../services/translator/apertiumStream.js';
import { createCld3Detector } from '../../../services/translator/cld3Detector.js';
import { createTranslator } from '../../../services/translator/createTranslator.js';
import type { Translator } from '../../../services/translator/Translator.js';

const DATA_DIR = '/usr/share/apertium';

async function rejection(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof ServiceError, String(error));
    return error;
  }
  assert.fail('expected a ServiceError');
}

describe('ApertiumTranslator (real Apertium, apertium-eng-spa installed)', () => {
  let translator: ApertiumTranslator;

  before(async () => {
    const created = await ApertiumTranslator.create({ dataDir: DATA_DIR }, await createCld3Detector());
    assert.ok(created, `Apertium pairs under ${DATA_DIR}: .ci/run installs apertium and apertium-eng-spa`);
    translator = created;
  });
  after(() => translator.close());

  it('discovers the installed pairs as ISO 639-1 codes', async () => {
    const supported = await translator.supportedLanguages();
    assert.deepEqual(
      supported.pairs?.filter((pair) => ['en', 'es'].includes(pair.from) && ['en', 'es'].includes(pair.to)),
      [
        { from: 'en', to: 'es' },
        { from: 'es', to: 'en' },
      ],
    );
  });

  it('translates English to Spanish and back, detecting the source', async () => {
    const [spanish] = await translator.translate(['The training run finished.'], { to: 'es' });
    assert.equal(spanish.from, 'en');
    assert.equal(spanish.detected?.language, 'en');
    assert.match(spanish.text, /^La .*formación.*\.$/);
    assert.match(spanish.text, /acab|termin/);

    const [english] = await translator.translate(['Hola equipo, el modelo está listo.'], { to: 'en' });
    assert.equal(english.from, 'es');
    assert.match(english.text, /the model is ready\.$/);
  });

  it('keeps line breaks and characters Apertium reserves, and answers many texts in order', async () => {
    const [result] = await translator.translate(['Good morning.\nThe <b>GPU</b> costs $5 [per hour] @ada'], { to: 'es', from: 'en' });
    assert.match(result.text, /^Buenos días\.\n/);
    assert.match(result.text, /<b>GPU<\/b>/);
    assert.match(result.text, /\$5 \[.*\] @ada/);

    const texts = ['Good morning.', 'The model is ready.', 'Thank you.', 'The cluster is fast.'];
    const results = await translator.translate(texts, { to: 'es', from: 'en' });
    assert.deepEqual(
      results.map((r) => r.text),
      ['Buenos días.', 'El modelo está a punto.', 'Gracias.', 'El grupo es rápidamente.'],
    );
  });

  it('answers a pair that is not installed with the installed pairs and the Debian package that adds it', async () => {
    const error = await rejection(translator.translate(['The training run finished.'], { to: 'ca', from: 'en' }));
    assert.equal(error.code, 'unsupported');
    assert.match(error.userMessage, /no English → Catalan pair/);
    assert.match(error.userMessage, /Installed: English → Spanish, Spanish → English/);
    assert.match(error.userMessage, /apt-get install apertium-eng-cat/);
    assert.match(error.userMessage, /TRANSLATOR_KEY/);

    const german = await rejection(translator.translate(['hello'], { to: 'de' }));
    assert.match(german.userMessage, /nothing that translates into German.*Debian has no Apertium package for English and German/);
  });

  it('returns the text as it is when it is already in the target language', async () => {
    const [result] = await translator.translate(['The training run finished.'], { to: 'en', from: 'en' });
    assert.equal(result.text, 'The training run finished.');
  });
});

describe('translation without Apertium or Azure', () => {
  let emptyDir: string;
  let translator: Translator;

  before(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'no-apertium-'));
    translator = await createTranslator({ apertium: { dataDir: emptyDir } });
  });
  after(() => rm(emptyDir, { recursive: true }));

  it('starts anyway, and every request says how to enable Azure or Apertium', async () => {
    assert.match(translator.backendName, /not set up/);
    const error = await rejection(translator.translate(['hello'], { to: 'es' }));
    assert.equal(error.code, 'not-configured');
    assert.match(error.userMessage, /TRANSLATOR_KEY/);
    assert.match(error.userMessage, /apt-get install apertium apertium-eng-spa/);
  });
});

describe('Apertium helpers', () => {
  it('reads translation modes, preferring a plain mode to a variant, and maps codes to ISO 639-1', () => {
    const pairs = pairsFromModes(['spa-eng_US', 'eng-spa', 'spa-eng', 'eng-cat_valencia', 'eng-disam', 'en-gl']);
    assert.deepEqual(
      pairs.sort((a, b) => a.mode.localeCompare(b.mode)),
      [
        { from: 'en', to: 'gl', mode: 'en-gl' },
        { from: 'en', to: 'ca', mode: 'eng-cat_valencia' },
        { from: 'en', to: 'es', mode: 'eng-spa' },
        { from: 'es', to: 'en', mode: 'spa-eng' },
      ],
    );
  });

  it('names the Debian package for either direction of a pair', () => {
    assert.equal(debianPackageFor('ca', 'en'), 'apertium-eng-cat');
    assert.equal(debianPackageFor('pt', 'es'), 'apertium-es-pt');
    assert.equal(debianPackageFor('en', 'de'), undefined);
  });

  it('escapes the stream format and reads it back', () => {
    const text = 'a\\b ^c$ d/e [f] {g} @h <i>\nnext';
    assert.equal(toStream(text), 'a\\\\b \\^c\\$ d\\/e \\[f\\] \\{g\\} \\@h \\<i\\>[\n]next[]');
    assert.equal(fromStream(toStream(text)), text);
    assert.equal(toStream('no\0nul'), 'nonul[]');
  });
});

import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ServiceError } from '../../../services/errors.js';
import { ApertiumTranslator } from '../../../services/translator/ApertiumTranslator.js';
import { pairsFromModes, debianPackageFor } from '../../../services/translator/apertiumPairs.js';
import { fromStream, htmlFromStream, htmlToStream, toStream } from '../../../services/translator/apertiumStream.js';
import { cld3Detector } from '../../../services/translator/cld3Detector.js';
import { createTranslator } from '../../../services/translator/createTranslator.js';
import { htmlPieces } from '../../../services/translator/htmlFragments.js';
import type { Translator } from '../../../services/translator/Translator.js';
import { LocalJsonService } from '../../support/LocalJsonService.js';
import { growsLinearly } from '../../support/timing.js';

const DATA_DIR = '/usr/share/apertium';

/** A protected element, as the html text type writes it. */
const protect = (text: string) => `<span class="notranslate">${text}</span>`;

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
    const created = await ApertiumTranslator.create({ dataDir: DATA_DIR }, cld3Detector(), 10_000);
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
    assert.doesNotMatch(error.userMessage, /apt-get|TRANSLATOR_KEY/);
    assert.match(error.adminHint ?? '', /apt-get install apertium-eng-cat/);
    assert.match(error.adminHint ?? '', /TRANSLATOR_KEY/);

    const german = await rejection(translator.translate(['hello'], { to: 'de' }));
    assert.match(german.userMessage, /nothing that translates into German/);
    assert.match(german.adminHint ?? '', /Debian has no Apertium package for English and German/);
  });

  describe('html texts: protected elements and tags pass through the pipeline in place, as superblanks', () => {
    const toSpanish = async (html: string) => (await translator.translate([html], { to: 'es', from: 'en', textType: 'html' }))[0].text;

    it('keeps a protected element in the middle of a sentence, at its start, at its end and after punctuation', async () => {
      assert.equal(
        await toSpanish(`Type ${protect('translate off')} to stop translating this conversation.`),
        `Tipo ${protect('translate off')} para parar que traduce esta conversación.`,
      );
      assert.equal(
        await toSpanish(`${protect('AZURE_SUBSCRIPTION_ID')} is the subscription of the training machines.`),
        `${protect('AZURE_SUBSCRIPTION_ID')} Es la suscripción de las máquinas de formación.`,
      );
      assert.equal(await toSpanish(`Set the subscription in ${protect('AZURE_SUBSCRIPTION_ID')}`), `Pone la suscripción en ${protect('AZURE_SUBSCRIPTION_ID')}`);
      assert.equal(await toSpanish(`Your machine. ${protect('gpu-01')}, is running.`), `Vuestra máquina. ${protect('gpu-01')}, está corriendo.`);
    });

    it('passes what a person wrote through untouched, characters Apertium reserves included', async () => {
      // A superblank ending in an escaped ^ makes lrx-proc drop the rest of the frame: the content never goes in.
      const pasted = protect('the red car is &lt;b&gt;big&lt;/b&gt; &amp; fast ^ $ [x] \\ @ / {} 5^');
      assert.equal(await toSpanish(`The user ${protect('29:1AbC')} wrote: ${pasted}`), `El usuario ${protect('29:1AbC')} escribió: ${pasted}`);
    });

    it('translates between tags, decoding and re-encoding character references', async () => {
      assert.equal(
        await toSpanish(`Hello, ${protect('‹name›')}: your <b>red car</b> is ready &amp; <i>waiting</i> &copy; &nbsp;now.`),
        `Hola, ${protect('‹name›')}: vuestro <b>coche rojo</b> está a punto &amp; <i>esperar</i> &copy; &nbsp;ahora.`,
      );
    });

    it('does the same from Spanish to English, detecting the language from the words only', async () => {
      const results = await translator.translate(
        [`Escribe ${protect('translate off')} para parar.`, `Hola, ${protect('‹name›')}: el coche rojo está listo.`, `${protect('The quick brown fox jumps over the lazy dog')} es la suscripción.`],
        { to: 'en', textType: 'html' },
      );
      assert.deepEqual(
        results.map((result) => [result.from, result.text]),
        [
          ['es', `It writes ${protect('translate off')} to stop.`],
          ['es', `Hello, ${protect('‹name›')}: the red car is ready.`],
          ['es', `${protect('The quick brown fox jumps over the lazy dog')} It is the subscription.`],
        ],
      );
    });
  });

  it('returns the text as it is when it is already in the target language', async () => {
    const [result] = await translator.translate(['The training run finished.'], { to: 'en', from: 'en' });
    assert.equal(result.text, 'The training run finished.');
  });
});

/**
 * A local apertium-apy, doing what its /translate handler does (handlers/translate.py, utils/translation.py): the
 * deformatter named by `deformat` (default html) from its list, the pair's pipeline, the reformatter named by
 * `reformat` (default html-noent); answers { responseData: { translatedText }, responseStatus }.
 */
class LocalApy extends LocalJsonService {
  readonly requests: URLSearchParams[] = [];

  protected async answer(req: IncomingMessage) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/listPairs') {
      const pairs = [{ sourceLanguage: 'eng', targetLanguage: 'spa' }, { sourceLanguage: 'spa', targetLanguage: 'eng' }];
      return { status: 200, body: { responseData: pairs, responseDetails: null, responseStatus: 200 } };
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const params = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    this.requests.push(params);
    const deformat = known(`apertium-des${params.get('deformat') ?? 'html'}`, ['apertium-deshtml', 'apertium-destxt', 'apertium-desrtf']);
    const reformat = known(`apertium-re${params.get('reformat') ?? 'html-noent'}`, ['apertium-rehtml-noent', 'apertium-rehtml', 'apertium-retxt', 'apertium-rertf']);
    const mode = (params.get('langpair') ?? '').replace('|', '-');
    const translatedText = await run(`${deformat} | apertium -f none -u -d "$1" "$2" | ${reformat}`, [DATA_DIR, mode], params.get('q') ?? '');
    return { status: 200, body: { responseData: { translatedText }, responseDetails: null, responseStatus: 200 } };
  }
}

/** apy's validate_formatters: a formatter not on its list is the first one. */
function known(name: string, names: string[]): string {
  return names.includes(name) ? name : names[0];
}

function run(script: string, args: string[], input: string): Promise<string> {
  const child = spawn('bash', ['-c', script, 'apy', ...args]);
  const output: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
  child.stdin.end(input);
  return new Promise((resolve) => child.on('close', () => resolve(Buffer.concat(output).toString('utf8'))));
}

describe('ApertiumTranslator through apertium-apy (APERTIUM_URL; a local server running the real Apertium programs)', () => {
  const apy = new LocalApy();
  let translator: ApertiumTranslator;

  before(async () => {
    await apy.start();
    const created = await ApertiumTranslator.create({ dataDir: DATA_DIR, url: apy.endpoint }, cld3Detector(), 10_000);
    assert.ok(created);
    translator = created;
  });
  after(async () => {
    await translator.close();
    await apy.stop();
  });

  it('asks for the txt formatters for plain text, so a "<" is a character and not a tag', async () => {
    const [result] = await translator.translate(['The <b>GPU</b> costs $5 [per hour] @ada'], { to: 'es', from: 'en' });
    assert.equal(apy.requests[0].get('deformat'), 'txt');
    assert.equal(apy.requests[0].get('reformat'), 'txt');
    assert.equal(apy.requests[0].get('langpair'), 'eng|spa');
    assert.match(result.text, /^El <b>GPU<\/b> .*\$5 \[por hora\] @ada$/);
  });

  it('sends html with each tag and protected element as an empty stand-in tag, which deshtml keeps in place', async () => {
    apy.requests.length = 0;
    const html = `Type ${protect('translate off')} to stop &amp; <b>red car</b> ${protect('a [b] ^c$ d.e f')}`;
    const [result] = await translator.translate([html], { to: 'es', from: 'en', textType: 'html' });
    const [request] = apy.requests;
    assert.equal(request.get('deformat'), 'html');
    assert.equal(request.get('reformat'), 'html-noent');
    assert.equal(request.get('q'), 'Type <x-0/> to stop &amp; <x-1/>red car<x-2/> <x-3/>', 'no protected text reaches apy');
    assert.equal(result.text, `Tipo ${protect('translate off')} para parar &amp; <b>coche rojo</b> ${protect('a [b] ^c$ d.e f')}`);
  });
});

describe('translation without Apertium or Azure', () => {
  let emptyDir: string;
  let translator: Translator;

  before(async () => {
    emptyDir = await mkdtemp(join(tmpdir(), 'no-apertium-'));
    translator = await createTranslator({ apertium: { dataDir: emptyDir } }, 10_000);
  });
  after(() => rm(emptyDir, { recursive: true }));

  it('starts anyway; every request says translation is not set up, and tells the log how to enable Azure or Apertium', async () => {
    assert.match(translator.backendName, /not set up/);
    const error = await rejection(translator.translate(['hello'], { to: 'es' }));
    assert.equal(error.code, 'not-configured');
    assert.match(error.userMessage, /Translation is not set up on this bot yet\. Ask the bot's administrator/);
    assert.doesNotMatch(error.userMessage, /TRANSLATOR_KEY|apt-get/, 'people are not told to set variables or install packages');
    assert.match(error.adminHint ?? '', /TRANSLATOR_KEY/);
    assert.match(error.adminHint ?? '', /apt-get install apertium apertium-eng-spa/);
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

  it('puts html markup aside as numbered superblanks, decodes the text between, and puts it all back', () => {
    const html = `a &amp; <b>b</b> ${protect('x [y] &lt;')} &copy; &#233; 5 &lt; 6 &zz`;
    const { stream, markup } = htmlToStream(html);
    assert.equal(stream, 'a & [0]b[1] [2] [3] é 5 \\< 6 &zz[]');
    assert.deepEqual(markup, ['<b>', '</b>', protect('x [y] &lt;'), '&copy;']);
    assert.equal(htmlFromStream(stream, markup), `a &amp; <b>b</b> ${protect('x [y] &lt;')} &copy; é 5 &lt; 6 &amp;zz`);
    assert.deepEqual(htmlToStream(`a\0b ${protect('x\0y')}`), { stream: 'ab [0][]', markup: [protect('x\0y')] }, 'no NUL reaches a frame');
  });

  it('reads html in linear time, whatever a person pasted', () => {
    // Each paste against itself at a tenth of the length, measured now (test/support/timing.ts).
    const pastes = (tenth: number) => ['<'.repeat(200_000 / tenth), '<a'.repeat(100_000 / tenth), '&'.repeat(200_000 / tenth), `${protect('')}<span `.repeat(20_000 / tenth)];
    const tenths = pastes(10);
    pastes(1).forEach((pasted, index) => {
      const read = (text: string) => {
        htmlToStream(`x ${text} y`);
        return htmlPieces(`x ${text} y`);
      };
      assert.equal(read(pasted).map((piece) => piece.html).join(''), `x ${pasted} y`);
      const { linear, tenthMs, wholeMs } = growsLinearly(() => read(tenths[index]), () => read(pasted));
      assert.ok(linear, `${pasted.slice(0, 20)}…: ${wholeMs.toFixed(1)} ms, a tenth ${tenthMs.toFixed(1)} ms`);
    });
  });

  it('escapes the stream format and reads it back', () => {
    const text = 'a\\b ^c$ d/e [f] {g} @h <i>\nnext';
    assert.equal(toStream(text), 'a\\\\b \\^c\\$ d\\/e \\[f\\] \\{g\\} \\@h \\<i\\>[\n]next[]');
    assert.equal(fromStream(toStream(text)), text);
    assert.equal(toStream('no\0nul'), 'nonul[]');
  });
});

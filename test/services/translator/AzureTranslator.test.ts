import { strict as assert } from 'node:assert';
import { AZURE_TRANSLATOR_LIMITS, AzureTranslator } from '../../../services/translator/AzureTranslator.js';
import { createTranslator } from '../../../services/translator/createTranslator.js';
import { ServiceError } from '../../../services/errors.js';
import { FakeTranslator, TRANSLATOR_ERRORS } from '../../support/fakeTranslator.js';

describe('AzureTranslator against a local Translator v3.0 server', () => {
  const service = new FakeTranslator();
  const translator = (region?: string) =>
    new AzureTranslator({ endpoint: service.endpoint, key: service.key, region, timeoutMs: 10_000, clientOptions: { allowInsecureConnection: true, retryOptions: { maxRetries: 0 } } });

  before(() => service.start());
  after(() => service.stop());
  beforeEach(() => service.reset());

  it('is what the factory picks when TRANSLATOR_KEY is set', async () => {
    const picked = await createTranslator({ azure: { key: service.key, endpoint: service.endpoint }, apertium: { dataDir: '/nonexistent' } }, 10_000);
    assert.equal(picked.backendName, 'Azure AI Translator');
    const [result] = await picked.translate(['hello team'], { to: 'es' });
    assert.equal(result.text, '[es] HELLO TEAM');
  });

  it('leaves `from` out to auto-detect, and reports the detected language', async () => {
    const [result] = await translator().translate(['hola equipo'], { to: 'en' });
    const [request] = service.requests;
    assert.equal(request.path, '/translate');
    assert.equal(request.query.get('api-version'), '3.0');
    assert.deepEqual(request.query.getAll('to'), ['en']);
    assert.equal(request.query.has('from'), false);
    assert.deepEqual(request.texts, ['hola equipo']);
    assert.deepEqual(result, { text: '[en] HOLA EQUIPO', to: 'en', from: 'es', detected: { language: 'es', confidence: 0.97 } });
  });

  it('sends `from` when the source is given, and no detection comes back', async () => {
    const [result] = await translator().translate(['hello'], { to: 'de', from: 'en' });
    assert.equal(service.requests[0].query.get('from'), 'en');
    assert.deepEqual(result, { text: '[de] HELLO', to: 'de', from: 'en' });
  });

  it('sends the region header for a regional resource, and none at all for the global endpoint', async () => {
    service.requiredRegion = 'westeurope';
    await translator('westeurope').translate(['hello'], { to: 'es' });
    assert.equal(service.requests[0].headers['ocp-apim-subscription-region'], 'westeurope');
    assert.equal(service.requests[0].headers['ocp-apim-subscription-key'], service.key);

    service.reset();
    await translator().translate(['hello'], { to: 'es' });
    assert.equal('ocp-apim-subscription-region' in service.requests[0].headers, false, 'no empty or "undefined" region header');
  });

  it('splits a 120,000-character text into requests under the limits and puts it back in order', async () => {
    const sentences = Array.from({ length: 1500 }, (_, index) => `Sentence ${String(index).padStart(4, '0')} is about the GPU cluster and more.`);
    const text = sentences.join(' ').padEnd(120_000, ' x');
    assert.ok(text.length >= 120_000);
    const [result] = await translator().translate([text], { to: 'es', from: 'en' });

    assert.ok(service.requests.length >= 3, `${service.requests.length} requests`);
    for (const request of service.requests) {
      const characters = request.texts.reduce((sum, part) => sum + part.length, 0);
      assert.ok(characters <= AZURE_TRANSLATOR_LIMITS.characters, `${characters} characters in one request`);
      assert.ok(request.texts.length <= AZURE_TRANSLATOR_LIMITS.elements);
    }
    // Every part translated, in the original order, with the text between the parts kept.
    const expected = service.requests.flatMap((request) => request.texts);
    assert.equal(expected.join(' ').replace(/\s+/g, ' '), text.replace(/\s+/g, ' ').trim());
    const order = [...result.text.matchAll(/SENTENCE (\d{4})/g)].map((match) => Number(match[1]));
    assert.deepEqual(order, sentences.map((_, index) => index));
    assert.equal(result.text.replace(/\[es\] /g, ''), text.toUpperCase().trimEnd() + text.slice(text.trimEnd().length));
  });

  it('packs many short texts into requests of at most 1,000 elements, answers in order', async () => {
    const texts = Array.from({ length: 2500 }, (_, index) => `line ${index}`);
    const results = await translator().translate(texts, { to: 'es', from: 'en' });
    assert.deepEqual(service.requests.map((request) => request.texts.length), [1000, 1000, 500]);
    assert.deepEqual(results.map((result) => result.text), texts.map((text) => `[es] ${text.toUpperCase()}`));
  });

  describe('html texts (textType=html): tags and notranslate elements come back as they went', () => {
    const protect = (text: string) => `<span class="notranslate">${text}</span>`;

    it('sends textType=html, and the service translates only the text between tags', async () => {
      const html = `Type ${protect('translate off')} to <b>stop</b> &amp; ${protect('AZURE_SUBSCRIPTION_ID')}`;
      const [result] = await translator().translate([html], { to: 'es', from: 'en', textType: 'html' });
      const [request] = service.requests;
      assert.equal(request.query.get('textType'), 'html');
      assert.equal(result.text, `[es] TYPE ${protect('translate off')} TO <b>STOP</b> &amp; ${protect('AZURE_SUBSCRIPTION_ID')}`);
    });

    it('sends each protected element as a numbered stand-in: its content never counts against the limits', async () => {
      const pasted = protect('&lt;'.repeat(25_000));
      const [result] = await translator().translate([`You wrote: ${pasted} today`], { to: 'es', from: 'en', textType: 'html' });
      assert.equal(service.requests.length, 1);
      assert.deepEqual(service.requests[0].texts, [`You wrote: ${protect('0')} today`]);
      assert.equal(result.text, `[es] YOU WROTE: ${pasted} TODAY`);
    });

    it('restores each stand-in by its number: one the service dropped stays missing, for the caller to notice', async () => {
      service.dropsNotranslate = true;
      const [result] = await translator().translate([`${protect('a')} and ${protect('b')}`], { to: 'es', from: 'en', textType: 'html' });
      assert.equal(result.text, `[es]  AND ${protect('b')}`);
    });

    it('sends no textType for plain text, and caches plain and html apart', async () => {
      const cached = await createTranslator({ azure: { key: service.key, endpoint: service.endpoint }, apertium: { dataDir: '/nonexistent' } }, 10_000);
      const [plain] = await cached.translate(['R&amp;D'], { to: 'es', from: 'en' });
      const [html] = await cached.translate(['R&amp;D'], { to: 'es', from: 'en', textType: 'html' });
      await cached.translate(['R&amp;D'], { to: 'es', from: 'en', textType: 'html' });
      assert.equal(plain.text, '[es] R&AMP;D');
      assert.equal(html.text, '[es] R&amp;D');
      assert.deepEqual(service.requests.map((request) => request.query.get('textType')), [null, 'html']);
    });
  });

  it('lists the languages of the translation scope', async () => {
    const supported = await translator().supportedLanguages();
    assert.deepEqual(supported.languages, ['en', 'es', 'de']);
    assert.equal(service.requests[0].path, '/languages');
    assert.equal(service.requests[0].query.get('scope'), 'translation');
  });

  describe('maps the documented error bodies to messages a person can act on', () => {
    async function failure(region?: string): Promise<ServiceError> {
      try {
        await translator(region).translate(['hello'], { to: 'es' });
      } catch (error) {
        assert.ok(error instanceof ServiceError, String(error));
        return error;
      }
      assert.fail('expected a ServiceError');
    }

    it('401000: a wrong key', async () => {
      service.failure = TRANSLATOR_ERRORS.badKey;
      const error = await failure();
      assert.equal(error.code, 'auth');
      assert.match(error.userMessage, /refused the bot's key.*tell the bot's administrator/);
      assert.match(error.adminHint ?? '', /Check that TRANSLATOR_KEY/);
      assert.doesNotMatch(error.userMessage, /401000|credentials are missing/, 'no raw service text in the chat');
    });

    it('401001: a regional resource called without its region', async () => {
      service.requiredRegion = 'westeurope';
      const error = await failure();
      assert.equal(error.code, 'auth');
      assert.doesNotMatch(error.userMessage, /TRANSLATOR_/);
      assert.match(error.adminHint ?? '', /set TRANSLATOR_REGION/);
    });

    it('429001: over the request limits', async () => {
      service.failure = TRANSLATOR_ERRORS.rateLimited;
      const error = await failure();
      assert.equal(error.code, 'rate-limited');
      assert.match(error.userMessage, /busy.*try again in a minute/);
    });
  });
});

import { strict as assert } from 'node:assert';
import { AzureTextAnalyzer } from '../../../services/textAnalytics/AzureTextAnalyzer.js';
import { createTextAnalyzer } from '../../../services/textAnalytics/createTextAnalyzer.js';
import { ServiceError } from '../../../services/errors.js';
import { FakeLanguageService } from '../../support/fakeLanguageService.js';

/** 23 documents' worth of text: 23 sentences just under the 5,120-character document limit. */
function textOf23Documents(): string {
  const sentence = (index: number) => `Sentence ${index} says the GPU is good${' and fast'.repeat(560)}. `;
  return Array.from({ length: 23 }, (_, index) => sentence(index)).join('');
}

describe('AzureTextAnalyzer against a local Text Analytics v3.1 server', () => {
  const service = new FakeLanguageService();
  let analyzer: AzureTextAnalyzer;

  before(async () => {
    await service.start();
    analyzer = (await createTextAnalyzer({ endpoint: service.endpoint, key: service.key }, 10_000)) as AzureTextAnalyzer;
  });
  after(() => service.stop());
  beforeEach(() => service.reset());

  it('is the backend the factory picks when an endpoint and key are configured', () => {
    assert.ok(analyzer instanceof AzureTextAnalyzer);
    assert.equal(analyzer.backendName, 'Azure AI Language');
  });

  it('detects the language first and gives it to every asked-for analysis as its hint', async () => {
    const analyses = await analyzer.analyze('Hola equipo, gracias por todo', ['sentiment', 'keyPhrases']);

    assert.deepEqual(
      service.requests.map((request) => request.path),
      ['/text/analytics/v3.1/languages', '/text/analytics/v3.1/sentiment', '/text/analytics/v3.1/keyPhrases'],
    );
    assert.equal(service.requestsTo('sentiment')[0].documents[0].language, 'es');
    assert.equal(service.requestsTo('keyPhrases')[0].documents[0].language, 'es');
    assert.deepEqual(Object.keys(analyses).sort(), ['keyPhrases', 'language', 'sentiment']);
    assert.ok(analyses.language.available && analyses.language.result.iso === 'es');
  });

  it('sends the key header to the documented paths and maps the answers to domain types', async () => {
    const language = await analyzer.detectLanguage('Hola equipo, gracias por todo');
    const sentiment = await analyzer.analyzeSentiment('The GPU is good.', 'en');
    const entities = await analyzer.recognizeEntities('We met in Seattle.', 'en');
    const phrases = await analyzer.extractKeyPhrases('Training on Azure with Python', 'en');
    const pii = await analyzer.recognizePii('Write to ada@contoso.com today', 'en');

    assert.deepEqual(
      service.requests.map((request) => request.path),
      [
        '/text/analytics/v3.1/languages',
        '/text/analytics/v3.1/sentiment',
        '/text/analytics/v3.1/entities/recognition/general',
        '/text/analytics/v3.1/keyPhrases',
        '/text/analytics/v3.1/entities/recognition/pii',
      ],
    );
    for (const request of service.requests) assert.equal(request.headers['ocp-apim-subscription-key'], service.key);
    assert.equal(service.requestsTo('sentiment')[0].query.get('opinionMining'), 'true');
    assert.equal(service.requestsTo('sentiment')[0].documents[0].language, 'en');

    assert.deepEqual(language, { available: true, result: { iso: 'es', name: 'Spanish', confidence: 0.99 }, partErrors: [] });
    assert.ok(sentiment.available);
    assert.equal(sentiment.result.sentiment, 'positive');
    assert.deepEqual(sentiment.result.sentences[0].opinions, [
      { target: 'GPU', sentiment: 'positive', assessments: [{ text: 'good', sentiment: 'positive', isNegated: false }] },
    ]);
    assert.deepEqual(entities.available && entities.result, [
      { text: 'Seattle', category: 'Location', subcategory: 'GPE', offset: 10, length: 7, confidence: 0.87 },
    ]);
    assert.deepEqual(phrases.available && phrases.result, ['Training', 'Azure', 'Python']);
    assert.ok(pii.available);
    assert.equal(pii.result.redactedText, 'Write to *************** today');
    assert.equal(pii.result.entities[0].category, 'Email');
  });

  it('splits 23 documents of text into batches of each operation\'s limit and shifts offsets back', async () => {
    const text = textOf23Documents();
    const sentiment = await analyzer.analyzeSentiment(text, 'en');
    await analyzer.extractKeyPhrases(text, 'en');
    const entities = await analyzer.recognizeEntities(text, 'en');
    await analyzer.recognizePii(text, 'en');
    await analyzer.detectLanguage(text);

    const sizes = (operation: string) => service.requestsTo(operation).map((request) => request.documents.length);
    assert.deepEqual(sizes('sentiment'), [10, 10, 3]);
    assert.deepEqual(sizes('keyPhrases'), [10, 10, 3]);
    assert.deepEqual(sizes('entities/recognition/general'), [5, 5, 5, 5, 3]);
    assert.deepEqual(sizes('entities/recognition/pii'), [5, 5, 5, 5, 3]);
    assert.deepEqual(sizes('languages'), [23]);
    for (const request of service.requests) {
      for (const doc of request.documents) assert.ok(doc.text.length <= 5120, `document of ${doc.text.length} characters`);
    }
    assert.deepEqual(
      service.requestsTo('sentiment').flatMap((request) => request.documents.map((doc) => doc.id)),
      Array.from({ length: 23 }, (_, index) => String(index)),
    );

    assert.ok(sentiment.available);
    assert.equal(sentiment.result.sentences.length, 23);
    for (const sentence of sentiment.result.sentences) {
      assert.equal(text.slice(sentence.offset, sentence.offset + sentence.text.length), sentence.text);
    }
    assert.ok(entities.available);
    assert.deepEqual(entities.result, []);
  });

  it('turns a per-document error into a note for that part and answers the rest', async () => {
    const good = `The GPU is good${' and fast'.repeat(560)}. `;
    const text = good + `UNSUPPORTED text here${' and there'.repeat(500)}. ` + good;
    const sentiment = await analyzer.analyzeSentiment(text, 'en');
    assert.ok(sentiment.available);
    assert.equal(sentiment.result.sentences.length, 2);
    assert.deepEqual(sentiment.partErrors, [{ part: 2, of: 3, message: 'this language is not supported for this analysis' }]);

    const pii = await analyzer.recognizePii(text, 'en');
    assert.ok(pii.available);
    assert.match(pii.result.redactedText, /\[part 2 could not be checked\]/);
    assert.doesNotMatch(pii.result.redactedText, /UNSUPPORTED/, 'an unchecked part is never shown as if redacted');
  });

  it('maps a refused key (401) to an auth error: whom to tell in the chat, which settings to check in the log', async () => {
    const wrongKey = await createTextAnalyzer({ endpoint: service.endpoint, key: 'wrong' }, 10_000);
    const error = await wrongKey.analyzeSentiment('hello', 'en').then(
      () => assert.fail('expected a ServiceError'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ServiceError);
    assert.equal(error.code, 'auth');
    assert.match(error.userMessage, /tell the bot's administrator/);
    assert.doesNotMatch(error.userMessage, /TEXT_ANALYTICS/);
    assert.match(error.adminHint ?? '', /TEXT_ANALYTICS_KEY and TEXT_ANALYTICS_ENDPOINT/);
    assert.doesNotMatch(error.userMessage, /Access denied/, 'the raw service text stays in the log');
  });

  it('retries a 429 as the SDK does, then maps it to a rate-limit error', async () => {
    service.failure = {
      status: 429,
      headers: { 'retry-after': '0' },
      body: { error: { code: '429', message: 'Requests to the Analyze Text API have exceeded rate limit of your current tier.' } },
    };
    const error = await analyzer.extractKeyPhrases('hello', 'en').then(
      () => assert.fail('expected a ServiceError'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ServiceError);
    assert.equal(error.code, 'rate-limited');
    assert.match(error.userMessage, /try again/);
    assert.ok(service.requests.length > 1, `the SDK retried (${service.requests.length} requests)`);
  });

  it('maps a 503 to an unavailable error', async () => {
    service.failure = { status: 503, body: { error: { code: 'ServiceUnavailable', message: 'down' } } };
    const error = await analyzer.recognizeEntities('hello', 'en').then(
      () => assert.fail('expected a ServiceError'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof ServiceError);
    assert.equal(error.code, 'unavailable');
  });
});

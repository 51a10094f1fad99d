import { strict as assert } from 'node:assert';
import { LocalTextAnalyzer } from '../../../services/textAnalytics/LocalTextAnalyzer.js';
import { WorkerTextAnalyzer } from '../../../services/textAnalytics/WorkerTextAnalyzer.js';
import { ServiceError } from '../../../services/errors.js';

describe('WorkerTextAnalyzer (the offline analyzer on a worker thread)', () => {
  let inWorker: WorkerTextAnalyzer;
  let inProcess: LocalTextAnalyzer;
  before(async () => {
    [inWorker, inProcess] = await Promise.all([WorkerTextAnalyzer.create(), LocalTextAnalyzer.create()]);
  });
  after(() => inWorker.close());

  it('answers exactly as the offline analyzer does in-process', async () => {
    const text = 'Ada Lovelace loved the new GPU in Seattle, but the driver install was painful. Mail ada@lab.org.';
    assert.deepEqual(await inWorker.detectLanguage(text), await inProcess.detectLanguage(text));
    assert.deepEqual(await inWorker.analyzeSentiment(text, 'en'), await inProcess.analyzeSentiment(text, 'en'));
    assert.deepEqual(await inWorker.recognizeEntities(text, 'en'), await inProcess.recognizeEntities(text, 'en'));
    assert.deepEqual(await inWorker.extractKeyPhrases(text, 'en'), await inProcess.extractKeyPhrases(text, 'en'));
    assert.deepEqual(await inWorker.recognizePii(text), await inProcess.recognizePii(text));
  });

  it('pairs concurrent answers with their questions', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => `Message ${i} is ${i % 2 ? 'wonderful' : 'terrible'}.`);
    const results = await Promise.all(texts.map((text) => inWorker.analyzeSentiment(text, 'en')));
    results.forEach((result, i) => {
      assert.ok(result.available);
      assert.equal(result.result.sentences[0].text, texts[i]);
      assert.equal(result.result.sentiment, i % 2 ? 'positive' : 'negative');
    });
  });

  it('fails the calls of a worker that died with an apology, and starts a new one for the next call', async () => {
    const analyzer = await WorkerTextAnalyzer.create();
    try {
      const worker = await (analyzer as unknown as { worker: Promise<import('node:worker_threads').Worker> }).worker;
      const inFlight = analyzer.analyzeSentiment('The run is fine.', 'en');
      await worker.terminate();
      await assert.rejects(inFlight, (error: unknown) => error instanceof ServiceError && error.code === 'unavailable');
      const after = await analyzer.analyzeSentiment('The run is wonderful.', 'en');
      assert.ok(after.available && after.result.sentiment === 'positive');
    } finally {
      await analyzer.close();
    }
  });
});

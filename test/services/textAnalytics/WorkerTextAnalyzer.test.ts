import { strict as assert } from 'node:assert';
import type { Worker } from 'node:worker_threads';
import { LocalTextAnalyzer } from '../../../services/textAnalytics/LocalTextAnalyzer.js';
import { WorkerTextAnalyzer } from '../../../services/textAnalytics/WorkerTextAnalyzer.js';
import { ServiceError } from '../../../services/errors.js';

describe('WorkerTextAnalyzer (the offline analyzer on a worker thread)', () => {
  let inWorker: WorkerTextAnalyzer;
  let inProcess: LocalTextAnalyzer;
  before(async () => {
    inWorker = new WorkerTextAnalyzer();
    inProcess = await LocalTextAnalyzer.create();
  });
  after(() => inWorker.close());

  it('answers exactly as the offline analyzer does in-process', async () => {
    const text = 'Ada Lovelace loved the new GPU in Seattle, but the driver install was painful. Mail ada@lab.org.';
    // Without a language: the worker is told the one guessed on this thread, and refuses or answers as in-process.
    for (const other of [text, 'El nuevo modelo es mucho mejor que el anterior, y el equipo está contento.', 'ok?']) {
      assert.deepEqual(await inWorker.analyzeSentiment(other), await inProcess.analyzeSentiment(other));
      assert.deepEqual(await inWorker.analyze(other, ['sentiment', 'entities', 'keyPhrases', 'pii']), await inProcess.analyze(other, ['sentiment', 'entities', 'keyPhrases', 'pii']));
    }
    assert.deepEqual(await inWorker.detectLanguage(text), await inProcess.detectLanguage(text));
    assert.deepEqual(await inWorker.analyzeSentiment(text, 'en'), await inProcess.analyzeSentiment(text, 'en'));
    assert.deepEqual(await inWorker.recognizeEntities(text, 'en'), await inProcess.recognizeEntities(text, 'en'));
    assert.deepEqual(await inWorker.extractKeyPhrases(text, 'en'), await inProcess.extractKeyPhrases(text, 'en'));
    assert.deepEqual(await inWorker.recognizePii(text), await inProcess.recognizePii(text));
  });

  it('hands a whole request over in one message and answers it as the in-process analyzer does', async () => {
    const text = 'Ada Lovelace loved the new GPU in Seattle, but the driver install was painful.';
    const worker = await (inWorker as unknown as { ensureWorker(): Promise<Worker> }).ensureWorker();
    const posted: unknown[] = [];
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: unknown) => {
      posted.push(message);
      post(message);
    };
    try {
      const analyses = await inWorker.analyze(text, ['sentiment', 'keyPhrases', 'entities']);
      assert.equal(posted.length, 1);
      assert.deepEqual(analyses, await inProcess.analyze(text, ['sentiment', 'keyPhrases', 'entities']));
      assert.ok(analyses.sentiment?.available && analyses.entities?.available && analyses.keyPhrases?.available);
    } finally {
      worker.postMessage = post;
    }
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
    const analyzer = new WorkerTextAnalyzer();
    try {
      await analyzer.analyzeSentiment('The worker starts with the first call.', 'en');
      const worker = await workerOf(analyzer);
      assert.ok(worker);
      const inFlight = analyzer.analyzeSentiment('The run is fine.', 'en');
      await worker.terminate();
      await assert.rejects(inFlight, (error: unknown) => error instanceof ServiceError && error.code === 'unavailable');
      const after = await analyzer.analyzeSentiment('The run is wonderful.', 'en');
      assert.ok(after.available && after.result.sentiment === 'positive');
    } finally {
      await analyzer.close();
    }
  });

  it('starts no thread until the first call, and loads its models then', async () => {
    const analyzer = new WorkerTextAnalyzer();
    try {
      assert.equal(workerOf(analyzer), undefined, 'no worker before any analysis');
      const language = await analyzer.detectLanguage('Das neue Modell ist fertig und läuft schneller als das alte.');
      assert.ok(language.available && language.result.iso === 'de');
      assert.equal(workerOf(analyzer), undefined, 'languages are detected on this thread, with the cld3 the translator shares');
      const first = await analyzer.analyzeSentiment('The new GPU is wonderful.', 'en');
      assert.ok(first.available && first.result.sentiment === 'positive');
      assert.ok(await workerOf(analyzer), 'the worker runs after the first analysis');
    } finally {
      await analyzer.close();
    }
  });

  it('answers with an apology when the worker does not start in time, and tries again on the next call', async () => {
    const analyzer = new WorkerTextAnalyzer(1);
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        await assert.rejects(
          analyzer.analyzeSentiment('Hello there.'),
          (error: unknown) => error instanceof ServiceError && error.code === 'unavailable' && /taking too long to start/.test(error.userMessage),
        );
      }
    } finally {
      await analyzer.close();
    }
  });
});

function workerOf(analyzer: WorkerTextAnalyzer): Promise<Worker> | undefined {
  return (analyzer as unknown as { worker?: Promise<Worker> }).worker;
}

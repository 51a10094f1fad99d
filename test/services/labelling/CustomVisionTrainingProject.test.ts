import { strict as assert } from 'node:assert';
import { CustomVisionTrainingProject } from '../../../services/labelling/CustomVisionTrainingProject.js';
import { isServiceError } from '../../../services/errors.js';
import type { TrainingProject } from '../../../services/labelling/TrainingProject.js';
import { PROJECT_ID } from '../../support/fakeCustomVision.js';
import { FakeCustomVisionTraining, PREDICTION_RESOURCE_ID, TRAINING_KEY } from '../../support/fakeCustomVisionTraining.js';
import { colourImage } from '../../support/imageFixtures.js';

describe('CustomVisionTrainingProject (the training SDK against a local v3.3 server)', () => {
  let fake: FakeCustomVisionTraining;
  const project = (key = TRAINING_KEY): TrainingProject => new CustomVisionTrainingProject({ endpoint: fake.endpoint, key, projectId: PROJECT_ID, predictionResourceId: PREDICTION_RESOURCE_ID, timeoutMs: 10_000 });
  const ada = { key: 'msteams/aad-ada', name: 'Ada' };

  before(async () => {
    fake = new FakeCustomVisionTraining();
    await fake.start();
  });
  after(() => fake.stop());
  beforeEach(() => fake.reset([{ name: 'crack', images: 5 }, { name: 'dent', images: 5 }]));

  it('speaks v3.3 with the Training-Key header, and uploads the image bytes as the imageData part with the tag id', async () => {
    const [crack] = await project().tags();
    assert.deepEqual({ name: crack.name, imageCount: crack.imageCount }, { name: 'crack', imageCount: 5 });
    const jpeg = await colourImage('red', 'jpeg');
    assert.deepEqual(await project().addImage(jpeg, 'jpeg', crack, ada), { kind: 'added' });
    const upload = fake.uploads[0];
    assert.equal(upload.path, `/customvision/v3.3/training/projects/${PROJECT_ID}/images`);
    assert.equal(upload.trainingKey, TRAINING_KEY);
    assert.equal(upload.query.get('tagIds'), crack.id);
    assert.deepEqual(fake.imagesTagged('crack').at(-1)?.bytes, jpeg);
    assert.deepEqual(await project().addImage(jpeg, 'jpeg', crack, ada), { kind: 'duplicate', tags: ['crack'] });
  });

  it('converts WebP, which Custom Vision does not train on, to PNG', async () => {
    const [crack] = await project().tags();
    await project().addImage(await colourImage('blue', 'webp'), 'webp', crack, ada);
    assert.equal(fake.imagesTagged('crack').at(-1)?.bytes.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('finds the tag someone else created meanwhile instead of failing', async () => {
    const first = await project().createTag('rust');
    assert.equal((await project().createTag('Rust')).id, first.id);
  });

  it('trains (Regular unless advanced), reads iterations, performance and publishes to the prediction resource', async () => {
    fake.nextPerformance = { crack: [0.9, 0.8, 0.85], dent: [0.7, 0.6, 0.65] };
    const iteration = await project().train({});
    assert.deepEqual([iteration.name, iteration.status, iteration.trainingType], ['Iteration 1', 'training', 'quick']);
    fake.finishTraining();
    assert.equal((await project().iteration(iteration.id)).status, 'completed');
    const performance = await project().performance(iteration.id);
    assert.deepEqual(performance.perTag.map((tag) => [tag.name, tag.precision, tag.recall]), [['crack', 0.9, 0.8], ['dent', 0.7, 0.6]]);
    assert.equal(fake.requests.find((request) => request.path.endsWith('/performance'))?.query.get('threshold'), '0.5');
    await project().publish(iteration.id, 'Iteration1');
    assert.equal((await project().iterations())[0].publishName, 'Iteration1');
  });

  it('maps refusals to what a person can act on, and the setting to check to the log', async () => {
    const refused = await project('wrong').tags().catch((error: unknown) => error);
    assert.ok(isServiceError(refused));
    assert.equal(refused.code, 'auth');
    assert.match(refused.adminHint ?? '', /CUSTOM_VISION_TRAINING_KEY/);
    fake.failure = { match: /POST .*\/images$/, answer: { status: 200, body: { isBatchSuccessful: false, images: [{ sourceUrl: '"imageData"', status: 'ErrorLimitExceed' }] } } };
    const [crack] = await project().tags();
    const full = await project().addImage(Buffer.from('x'), 'png', crack, ada).catch((error: unknown) => error);
    assert.ok(isServiceError(full));
    assert.equal(full.code, 'quota');
    fake.failure = { match: /POST .*\/publish$/, answer: { status: 400, body: { code: 'BadRequestInvalidPublishTarget', message: 'Invalid target' } } };
    const publish = await project().publish('00000000-0000-4000-8000-000000000009', 'x').catch((error: unknown) => error);
    assert.ok(isServiceError(publish));
    assert.match(publish.adminHint ?? '', /CUSTOM_VISION_PREDICTION_RESOURCE_ID/);
    assert.doesNotMatch(publish.userMessage, /Invalid target/);
  });
});

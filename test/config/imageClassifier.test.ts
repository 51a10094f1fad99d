import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { badVariables } from './configProblems.js';

const customVision = {
  CUSTOM_VISION_PREDICTION_ENDPOINT: 'https://westeurope.api.cognitive.microsoft.com/',
  CUSTOM_VISION_PREDICTION_KEY: 'key',
  CUSTOM_VISION_PROJECT_ID: '64b822c5-8082-4b36-a426-27225f4aa18c',
  CUSTOM_VISION_PUBLISHED_NAME: 'defects-v3',
};

describe('image classification settings', () => {
  it('defaults: no backend, nostore, 4 MB, 4 images, no extra file hosts (each channel brings its own)', () => {
    const { imageClassifier } = loadConfig({});
    assert.equal(imageClassifier.customVision, undefined);
    assert.equal(imageClassifier.modelDir, undefined);
    assert.equal(imageClassifier.attachments.maxBytes, 4 * 1024 * 1024);
    assert.equal(imageClassifier.attachments.maxPerMessage, 4);
    assert.deepEqual(imageClassifier.attachments.fileHosts, []);
    assert.deepEqual(loadConfig({}).slack.fileHosts, ['files.slack.com']);
  });

  it('reads Custom Vision (endpoint without trailing slash, storing off unless asked)', () => {
    const { imageClassifier } = loadConfig(customVision);
    assert.deepEqual(imageClassifier.customVision, {
      endpoint: 'https://westeurope.api.cognitive.microsoft.com',
      key: 'key',
      projectId: '64b822c5-8082-4b36-a426-27225f4aa18c',
      publishedName: 'defects-v3',
      storeImages: false,
    });
    assert.equal(loadConfig({ ...customVision, CUSTOM_VISION_STORE_IMAGES: 'true' }).imageClassifier.customVision?.storeImages, true);
  });

  it('names every bad variable at once', () => {
    assert.deepEqual(
      badVariables({
        CUSTOM_VISION_PREDICTION_ENDPOINT: 'https://x.example',
        CUSTOM_VISION_PROJECT_ID: 'not-a-guid',
        IMAGE_MAX_PER_MESSAGE: '0',
        IMAGE_FILE_HOSTS: 'files.slack.com, https://a.example/path',
      }),
      ['CUSTOM_VISION_PREDICTION_KEY', 'CUSTOM_VISION_PROJECT_ID', 'CUSTOM_VISION_PUBLISHED_NAME', 'IMAGE_FILE_HOSTS', 'IMAGE_MAX_PER_MESSAGE'],
    );
  });

  it('keeps the size cap within Custom Vision\'s 4 MB when Custom Vision is used', () => {
    assert.deepEqual(badVariables({ ...customVision, IMAGE_MAX_BYTES: String(8 * 1024 * 1024) }), ['IMAGE_MAX_BYTES']);
    assert.equal(loadConfig({ IMAGE_MODEL_DIR: '/models/x', IMAGE_MAX_BYTES: String(8 * 1024 * 1024) }).imageClassifier.attachments.maxBytes, 8 * 1024 * 1024);
  });
});

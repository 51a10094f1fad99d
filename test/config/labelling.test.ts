import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';
import { badVariables } from './configProblems.js';

const PROJECT = '64b822c5-8082-4b36-a426-27225f4aa18c';
const RESOURCE = '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/ml/providers/Microsoft.CognitiveServices/accounts/defects-prediction';
const training = { CUSTOM_VISION_TRAINING_ENDPOINT: 'https://westeurope.api.cognitive.microsoft.com/', CUSTOM_VISION_TRAINING_KEY: 'k', CUSTOM_VISION_PROJECT_ID: PROJECT };

describe('labelling settings', () => {
  it('has no labelling by default', () => {
    assert.deepEqual(loadConfig({}).labelling, { dataDir: undefined });
  });

  it('reads the training project (its project id shared with prediction, none of the prediction settings needed) and the prediction resource', () => {
    const { labelling, imageClassifier } = loadConfig({ ...training, CUSTOM_VISION_PREDICTION_RESOURCE_ID: RESOURCE, LABEL_DATA_DIR: '/data/labels' });
    assert.deepEqual(labelling, {
      customVision: { endpoint: 'https://westeurope.api.cognitive.microsoft.com', key: 'k', projectId: PROJECT, predictionResourceId: RESOURCE },
      dataDir: '/data/labels',
    });
    assert.equal(imageClassifier.customVision, undefined);
  });

  it('names what is missing or wrong, all at once', () => {
    assert.deepEqual(badVariables({ CUSTOM_VISION_TRAINING_KEY: 'k' }), ['CUSTOM_VISION_PROJECT_ID', 'CUSTOM_VISION_TRAINING_ENDPOINT']);
    assert.deepEqual(badVariables({ ...training, CUSTOM_VISION_PREDICTION_RESOURCE_ID: 'defects-prediction' }), ['CUSTOM_VISION_PREDICTION_RESOURCE_ID']);
    assert.deepEqual(badVariables({ CUSTOM_VISION_PREDICTION_RESOURCE_ID: RESOURCE }), ['CUSTOM_VISION_TRAINING_ENDPOINT']);
    assert.deepEqual(badVariables({ CUSTOM_VISION_PROJECT_ID: PROJECT }), ['CUSTOM_VISION_PREDICTION_ENDPOINT', 'CUSTOM_VISION_PREDICTION_KEY', 'CUSTOM_VISION_PUBLISHED_NAME'], 'a project id alone still asks for what uses it');
    assert.deepEqual(badVariables({ ...training, CUSTOM_VISION_PROJECT_ID: 'not-a-guid' }), ['CUSTOM_VISION_PROJECT_ID']);
  });
});

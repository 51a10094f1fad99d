import { GUID, type EnvReader } from './envReader.js';

export interface CustomVisionTrainingConfig {
  /** Training resource endpoint, e.g. https://westeurope.api.cognitive.microsoft.com */
  endpoint: string;
  key: string;
  /** CUSTOM_VISION_PROJECT_ID, the project prediction uses too. */
  projectId: string;
  /** CUSTOM_VISION_PREDICTION_RESOURCE_ID: the prediction resource `publish` publishes to; absent: no publishing. */
  predictionResourceId?: string;
}

export interface LabellingConfig {
  /** Labels go to the Custom Vision training project (and `train` and `publish` work) when this is set. */
  customVision?: CustomVisionTrainingConfig;
  /** LABEL_DATA_DIR: the offline dataset folder, used when Custom Vision training is not configured. */
  dataDir?: string;
}

const COGNITIVE_ACCOUNT_ID = /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/]+$/i;

/** Whether any Custom Vision training setting is present (the prediction settings then need no project id of their own). */
export function trainingSettingsPresent(env: EnvReader): boolean {
  return env.optional('CUSTOM_VISION_TRAINING_ENDPOINT') !== undefined || env.optional('CUSTOM_VISION_TRAINING_KEY') !== undefined;
}

/**
 * CUSTOM_VISION_TRAINING_ENDPOINT + CUSTOM_VISION_TRAINING_KEY + CUSTOM_VISION_PROJECT_ID (all or none),
 * CUSTOM_VISION_PREDICTION_RESOURCE_ID (optional: publishing), LABEL_DATA_DIR (offline labels). The project id's
 * format is checked with the prediction settings (config/imageClassifier.ts), so a bad one is named once.
 */
export function readLabelling(env: EnvReader): LabellingConfig {
  const endpoint = env.url('CUSTOM_VISION_TRAINING_ENDPOINT');
  const predictionResourceId = env.optional('CUSTOM_VISION_PREDICTION_RESOURCE_ID');
  if (predictionResourceId !== undefined && !COGNITIVE_ACCOUNT_ID.test(predictionResourceId)) {
    env.problem(
      'CUSTOM_VISION_PREDICTION_RESOURCE_ID',
      `the prediction resource's id (/subscriptions/…/resourceGroups/…/providers/Microsoft.CognitiveServices/accounts/…), got "${predictionResourceId}"`,
    );
  }
  const dataDir = env.optional('LABEL_DATA_DIR');
  if (!trainingSettingsPresent(env)) {
    if (predictionResourceId !== undefined) env.problem('CUSTOM_VISION_TRAINING_ENDPOINT', 'to be set too, because CUSTOM_VISION_PREDICTION_RESOURCE_ID is set (publishing)');
    return { dataDir };
  }
  const complete = env.together(['CUSTOM_VISION_TRAINING_ENDPOINT', 'CUSTOM_VISION_TRAINING_KEY', 'CUSTOM_VISION_PROJECT_ID'], 'Custom Vision training');
  const key = env.optional('CUSTOM_VISION_TRAINING_KEY');
  const projectId = env.optional('CUSTOM_VISION_PROJECT_ID');
  if (!complete || !endpoint || !key || !projectId || !GUID.test(projectId)) return { dataDir };
  const resourceId = predictionResourceId && COGNITIVE_ACCOUNT_ID.test(predictionResourceId) ? predictionResourceId : undefined;
  return { customVision: { endpoint, key, projectId, ...(resourceId ? { predictionResourceId: resourceId } : {}) }, dataDir };
}

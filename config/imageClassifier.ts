import { GUID, type EnvReader } from './envReader.js';
import { trainingSettingsPresent } from './labelling.js';

interface CustomVisionConfig {
  /** Prediction resource endpoint, e.g. https://westeurope.api.cognitive.microsoft.com */
  endpoint: string;
  key: string;
  projectId: string;
  /** The published iteration's name (only a published name works for prediction). */
  publishedName: string;
  /** False (default): `classify/.../image/nostore`, so people's images are not kept by the service. */
  storeImages: boolean;
}

interface ImageAttachmentConfig {
  /** Largest image downloaded, checked while streaming (Custom Vision's prediction limit is 4 MB). */
  maxBytes: number;
  /** Images classified per message; further images are named in the answer, not fetched. */
  maxPerMessage: number;
  /**
   * IMAGE_FILE_HOSTS: hosts an attachment may come from besides the conversation's own service host and the file
   * hosts of the channel it came through. An entry is a host name (`files.example.com`) that matches that host on
   * https, a domain suffix (`.example.com`), or an origin (`http://127.0.0.1:4000`).
   */
  fileHosts: string[];
}

export interface ImageClassifierConfig {
  /** Absent: the local ONNX model, when `modelDir` is set. */
  customVision?: CustomVisionConfig;
  /** IMAGE_MODEL_DIR: a Custom Vision ONNX export (model.onnx + labels.txt). */
  modelDir?: string;
  attachments: ImageAttachmentConfig;
}

const DEFAULT_MAX_IMAGE_BYTES = 4 * 1024 * 1024;
const DEFAULT_MAX_IMAGES_PER_MESSAGE = 4;

function readCustomVision(env: EnvReader): CustomVisionConfig | undefined {
  const names = ['CUSTOM_VISION_PREDICTION_ENDPOINT', 'CUSTOM_VISION_PREDICTION_KEY', 'CUSTOM_VISION_PROJECT_ID', 'CUSTOM_VISION_PUBLISHED_NAME'];
  // The project id is shared with training: with training set up, it alone does not ask for the prediction settings.
  const predictionOnly = names.filter((name) => name !== 'CUSTOM_VISION_PROJECT_ID');
  const projectOnlyForTraining = trainingSettingsPresent(env) && predictionOnly.every((name) => env.optional(name) === undefined);
  const endpoint = env.url('CUSTOM_VISION_PREDICTION_ENDPOINT');
  const complete = !projectOnlyForTraining && env.together(names, 'Custom Vision prediction');
  const projectId = env.optional('CUSTOM_VISION_PROJECT_ID');
  if (projectId && !GUID.test(projectId)) {
    env.problem('CUSTOM_VISION_PROJECT_ID', `the project's id (a GUID, from the Custom Vision project settings), got "${projectId}"`);
    return undefined;
  }
  const storeImages = env.oneOf('CUSTOM_VISION_STORE_IMAGES', ['false', 'true'], 'false') === 'true';
  const key = env.optional('CUSTOM_VISION_PREDICTION_KEY');
  const publishedName = env.optional('CUSTOM_VISION_PUBLISHED_NAME');
  if (!complete || !endpoint || !key || !projectId || !publishedName) return undefined;
  return { endpoint, key, projectId, publishedName, storeImages };
}

export function readImageClassifier(env: EnvReader): ImageClassifierConfig {
  const customVision = readCustomVision(env);
  // Custom Vision refuses more than 4 MB, so the cap cannot go higher with it; up to 20 MB for a local model.
  const maxBytes = env.integer('IMAGE_MAX_BYTES', DEFAULT_MAX_IMAGE_BYTES, 1, customVision ? DEFAULT_MAX_IMAGE_BYTES : 20 * 1024 * 1024);
  return {
    customVision,
    modelDir: env.optional('IMAGE_MODEL_DIR'),
    attachments: {
      maxBytes,
      maxPerMessage: env.integer('IMAGE_MAX_PER_MESSAGE', DEFAULT_MAX_IMAGES_PER_MESSAGE, 1, 10),
      fileHosts: env.hostList('IMAGE_FILE_HOSTS', []),
    },
  };
}

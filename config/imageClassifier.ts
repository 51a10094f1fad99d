import type { EnvReader } from './envReader.js';

export interface CustomVisionConfig {
  /** Prediction resource endpoint, e.g. https://westeurope.api.cognitive.microsoft.com */
  endpoint: string;
  key: string;
  projectId: string;
  /** The published iteration's name (only a published name works for prediction). */
  publishedName: string;
  /** False (default): `classify/.../image/nostore`, so people's images are not kept by the service. */
  storeImages: boolean;
}

export interface ImageAttachmentConfig {
  /** Largest image downloaded, checked while streaming (Custom Vision's prediction limit is 4 MB). */
  maxBytes: number;
  /** Images classified per message; further images are named in the answer, not fetched. */
  maxPerMessage: number;
  /**
   * Channel file hosts an attachment may come from besides the conversation's own service host. An entry is a
   * host name (`files.slack.com`) that matches that host on https, or an origin (`http://127.0.0.1:4000`).
   */
  fileHosts: string[];
  /** Hosts the Slack bot token may be sent to (a subset of the rule above: same entry syntax). */
  slackFileHosts: string[];
}

export interface ImageClassifierConfig {
  /** Absent: the local ONNX model, when `modelDir` is set. */
  customVision?: CustomVisionConfig;
  /** IMAGE_MODEL_DIR: a Custom Vision ONNX export (model.onnx + labels.txt). */
  modelDir?: string;
  attachments: ImageAttachmentConfig;
}

export const DEFAULT_MAX_IMAGE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_MAX_IMAGES_PER_MESSAGE = 4;

/**
 * Where Teams and Slack serve files. Teams inline images come from the conversation's own service URL
 * (smba.trafficmanager.net), which is always allowed; files shared in Teams chats are SharePoint / OneDrive
 * download URLs with a pre-authorised token in the query; Slack serves `url_private_download` from files.slack.com.
 * Entries without a dot-prefix match the host exactly; `.sharepoint.com` matches any subdomain.
 */
export const DEFAULT_FILE_HOSTS = ['.sharepoint.com', '.sharepoint.us', '.sharepoint-df.com', 'files.slack.com'];
export const DEFAULT_SLACK_FILE_HOSTS = ['files.slack.com'];

function readCustomVision(env: EnvReader): CustomVisionConfig | undefined {
  const names = [
    'CUSTOM_VISION_PREDICTION_ENDPOINT',
    'CUSTOM_VISION_PREDICTION_KEY',
    'CUSTOM_VISION_PROJECT_ID',
    'CUSTOM_VISION_PUBLISHED_NAME',
  ];
  const endpoint = env.url('CUSTOM_VISION_PREDICTION_ENDPOINT');
  const complete = env.together(names, 'Custom Vision prediction');
  const projectId = env.optional('CUSTOM_VISION_PROJECT_ID');
  if (projectId && !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(projectId)) {
    env.problem('CUSTOM_VISION_PROJECT_ID', `the project's id (a GUID, from the Custom Vision project settings), got "${projectId}"`);
    return undefined;
  }
  const storeImages = env.oneOf('CUSTOM_VISION_STORE_IMAGES', ['false', 'true'], 'false') === 'true';
  const key = env.optional('CUSTOM_VISION_PREDICTION_KEY');
  const publishedName = env.optional('CUSTOM_VISION_PUBLISHED_NAME');
  if (!complete || !endpoint || !key || !projectId || !publishedName) return undefined;
  return { endpoint, key, projectId, publishedName, storeImages };
}

function positiveInteger(env: EnvReader, name: string, fallback: number, max: number): number {
  const raw = env.optional(name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > max) {
    env.problem(name, `a whole number from 1 to ${max}, got "${raw}"`);
    return fallback;
  }
  return value;
}

function hostList(env: EnvReader, name: string, fallback: string[]): string[] {
  const entries = env.optional(name) === undefined ? fallback : env.list(name);
  for (const entry of entries) {
    if (!isHostEntry(entry)) env.problem(name, `host names (files.slack.com, .sharepoint.com) or origins (https://host:port), got "${entry}"`);
  }
  return entries.filter(isHostEntry);
}

function isHostEntry(entry: string): boolean {
  if (/^https?:\/\//i.test(entry)) {
    try {
      const url = new URL(entry);
      return url.origin === entry.toLowerCase().replace(/\/+$/, '');
    } catch {
      return false;
    }
  }
  return /^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(entry);
}

export function readImageClassifier(env: EnvReader): ImageClassifierConfig {
  const customVision = readCustomVision(env);
  // Custom Vision refuses more than 4 MB, so the cap cannot go higher with it; up to 20 MB for a local model.
  const maxBytes = positiveInteger(env, 'IMAGE_MAX_BYTES', DEFAULT_MAX_IMAGE_BYTES, customVision ? DEFAULT_MAX_IMAGE_BYTES : 20 * 1024 * 1024);
  return {
    customVision,
    modelDir: env.optional('IMAGE_MODEL_DIR'),
    attachments: {
      maxBytes,
      maxPerMessage: positiveInteger(env, 'IMAGE_MAX_PER_MESSAGE', DEFAULT_MAX_IMAGES_PER_MESSAGE, 10),
      fileHosts: hostList(env, 'IMAGE_FILE_HOSTS', DEFAULT_FILE_HOSTS),
      slackFileHosts: hostList(env, 'SLACK_FILE_HOSTS', DEFAULT_SLACK_FILE_HOSTS),
    },
  };
}

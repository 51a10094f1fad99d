import { PredictionAPIClient } from '@azure/cognitiveservices-customvision-prediction';
import { ApiKeyCredentials, type AbortSignalLike, type ServiceClientOptions } from '@azure/ms-rest-js';
import sharp from 'sharp';
import { customVisionCode } from '../azureRestErrors.js';
import { isDeadlineExceeded, noAnswerInTime, withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import { ranked, type Classification, type ImageClassifier, type ImageFormat } from './ImageClassifier.js';

export interface CustomVisionClassifierOptions {
  endpoint: string;
  key: string;
  projectId: string;
  publishedName: string;
  /**
   * The published name to classify with now (a `publish` through labmate changes it without a restart); without it,
   * always `publishedName`. Read on every image; the source caches it.
   */
  published?: () => Promise<string>;
  /** False: `classifyImageWithNoStore`, so the service keeps nothing; true: `classifyImage` (kept 30 days for labelling). */
  storeImages: boolean;
  clientOptions?: ServiceClientOptions;
  /** One prediction must be answered within this (a connection that stalls mid-answer included). */
  timeoutMs: number;
}

/** What Custom Vision prediction accepts (JPEG, PNG, GIF, BMP; up to 4 MB); WebP is converted to PNG first. */
const ACCEPTED: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'gif', 'bmp']);

/** A published Custom Vision classification iteration, through the official prediction SDK. */
export class CustomVisionClassifier implements ImageClassifier {
  readonly backendName = 'Custom Vision';
  readonly configured = true;
  /** The published iteration of the last classification (shown on results and in help). */
  modelName: string;
  private readonly client: PredictionAPIClient;

  constructor(private readonly options: CustomVisionClassifierOptions) {
    this.modelName = options.publishedName;
    const credentials = new ApiKeyCredentials({ inHeader: { 'Prediction-Key': options.key } });
    // No SDK retries: its default waits 30 s between tries, longer than a channel waits for an answer.
    this.client = new PredictionAPIClient(credentials, options.endpoint, { noRetryPolicy: true, ...options.clientOptions });
  }

  async classify(image: Uint8Array, format: ImageFormat): Promise<Classification> {
    // A view of the downloaded bytes, not a copy of them.
    const body = ACCEPTED.has(format) ? Buffer.from(image.buffer, image.byteOffset, image.byteLength) : await sharp(image).png().toBuffer();
    const { projectId, storeImages } = this.options;
    const publishedName = (await this.options.published?.()) ?? this.options.publishedName;
    this.modelName = publishedName;
    try {
      const result = await withDeadline(this.options.timeoutMs, (signal) => {
        // ms-rest-js types its own AbortSignalLike; Node's AbortSignal is one at run time.
        const abortSignal = signal as unknown as AbortSignalLike;
        return storeImages
          ? this.client.classifyImage(projectId, publishedName, body, { abortSignal })
          : this.client.classifyImageWithNoStore(projectId, publishedName, body, { abortSignal });
      });
      return ranked(
        (result.predictions ?? []).map((prediction) => ({ tag: prediction.tagName ?? prediction.tagId ?? '?', probability: prediction.probability ?? 0 })),
      );
    } catch (error) {
      throw this.toServiceError(error, publishedName);
    }
  }

  private toServiceError(error: unknown, publishedName: string): ServiceError {
    const { status, code } = customVisionCode(error);
    const cause = { cause: error };
    if (isDeadlineExceeded(error)) {
      return noAnswerInTime('Custom Vision', this.options.timeoutMs, error);
    }
    if (status === 401 || status === 403) {
      return new ServiceError('auth', "Custom Vision refused the bot's key, so I cannot classify images right now. Please tell the bot's administrator.", {
        ...cause,
        adminHint: "Check CUSTOM_VISION_PREDICTION_KEY, and that CUSTOM_VISION_PREDICTION_ENDPOINT is the prediction resource's endpoint.",
      });
    }
    if (status === 429) {
      return new ServiceError('rate-limited', 'Custom Vision is getting more images than this prediction key allows right now. Please try again in a minute.', cause);
    }
    if (status === 404 || /^NotFound|IterationNotPublished|InvalidPublishName/.test(code)) {
      return new ServiceError('bad-request', "The team's image model is not published where the bot expects it. Please tell the bot's administrator.", {
        ...cause,
        adminHint: `Custom Vision has no published iteration "${publishedName}" in project ${this.options.projectId}: publish it, or check CUSTOM_VISION_PROJECT_ID and CUSTOM_VISION_PUBLISHED_NAME.`,
      });
    }
    if (code === 'BadRequestImageSizeBytes') {
      return new ServiceError('unsupported', 'Custom Vision accepts images up to 4 MB; please send a smaller image.', cause);
    }
    if (code === 'BadRequestImageFormat' || code === 'BadRequestImageDimensions' || code === 'BadRequestImageStream') {
      return new ServiceError('unsupported', 'Custom Vision could not read this image (format or dimensions). Please send it as a JPEG or PNG.', cause);
    }
    return new ServiceError('unavailable', 'Custom Vision did not answer as expected. Please try again in a few minutes.', cause);
  }
}

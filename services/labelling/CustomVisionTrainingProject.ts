import { TrainingAPIClient, type TrainingAPIModels } from '@azure/cognitiveservices-customvision-training';
import { ApiKeyCredentials, type AbortSignalLike, type ServiceClientOptions } from '@azure/ms-rest-js';
import sharp from 'sharp';
import { customVisionCode } from '../azureRestErrors.js';
import { withDeadline } from '../deadline.js';
import { ServiceError } from '../errors.js';
import type { ImageFormat } from '../imageClassifier/ImageClassifier.js';
import { findTag } from './tagNames.js';
import { imageStatusError, trainingServiceError, TRAINING_VALIDATION_FAILED } from './trainingErrors.js';
import {
  MIN_IMAGES_PER_TAG,
  MIN_TAGS,
  shortTags,
  type AddImageOutcome,
  type Iteration,
  type IterationPerformance,
  type ProjectTag,
  type TrainingProject,
  type TrainingRequest,
} from './TrainingProject.js';

export interface CustomVisionTrainingOptions {
  endpoint: string;
  key: string;
  projectId: string;
  /** The prediction resource `publish` publishes to; absent: publishing is not offered. */
  predictionResourceId?: string;
  clientOptions?: ServiceClientOptions;
  /** One call must be answered within this (a connection that stalls mid-answer included). */
  timeoutMs: number;
}

/** The probability threshold the portal shows precision and recall at by default. */
const PERFORMANCE_THRESHOLD = 0.5;

/** What Custom Vision takes for training (JPEG, PNG, GIF, BMP); WebP is converted to PNG first. */
const ACCEPTED: ReadonlySet<ImageFormat> = new Set(['jpeg', 'png', 'gif', 'bmp']);

/**
 * The SDK (5.2.0) speaks v3.4-preview; labmate speaks the generally available v3.3, which has every operation used
 * here with the same paths and shapes. ServiceClient documents setting `baseUri` after construction.
 */
class TrainingApiV33 extends TrainingAPIClient {
  constructor(credentials: ApiKeyCredentials, endpoint: string, options: ServiceClientOptions) {
    super(credentials, endpoint, options);
    this.baseUri = '{Endpoint}/customvision/v3.3/training';
  }
}

/** The team's Custom Vision training project, through the official training SDK. */
export class CustomVisionTrainingProject implements TrainingProject {
  readonly backendName = 'Custom Vision training project';
  readonly configured = true;
  readonly trains = true;
  readonly publishes: boolean;
  /** Custom Vision's limit for a training image (its limits page: 6 MB). */
  readonly maxImageBytes = 6 * 1024 * 1024;
  readonly createsSuggestedTags = false;
  private readonly client: TrainingAPIClient;

  constructor(private readonly options: CustomVisionTrainingOptions) {
    this.publishes = options.predictionResourceId !== undefined;
    const credentials = new ApiKeyCredentials({ inHeader: { 'Training-Key': options.key } });
    // No SDK retries: its default waits 30 s between tries, longer than a channel waits for an answer.
    this.client = new TrainingApiV33(credentials, options.endpoint, { noRetryPolicy: true, ...options.clientOptions });
  }

  async tags(): Promise<ProjectTag[]> {
    const tags = await this.call((abortSignal) => this.client.getTags(this.options.projectId, { abortSignal }));
    return tags.map(toTag);
  }

  async createTag(name: string): Promise<ProjectTag> {
    try {
      return toTag(await this.within((abortSignal) => this.client.createTag(this.options.projectId, name, { abortSignal })));
    } catch (error) {
      // Someone created it meanwhile: that tag is the one wanted.
      if (customVisionCode(error).code !== 'BadRequestTagNameNotUnique') throw trainingServiceError(error, this.options.projectId);
      const existing = findTag(await this.tags(), name);
      if (!existing) throw trainingServiceError(error, this.options.projectId);
      return existing;
    }
  }

  async addImage(image: Uint8Array, format: ImageFormat, tag: ProjectTag): Promise<AddImageOutcome> {
    const body = ACCEPTED.has(format) ? Buffer.from(image) : await sharp(image).png().toBuffer();
    const summary = await this.call((abortSignal) => this.client.createImagesFromData(this.options.projectId, body, { tagIds: [tag.id], abortSignal }));
    const [result] = summary.images ?? [];
    if (result?.status === 'OK') return { kind: 'added' };
    if (result?.status === 'OKDuplicate') return { kind: 'duplicate', tags: (result.image?.tags ?? []).map((t) => t.tagName ?? '').filter(Boolean) };
    throw imageStatusError(result?.status ?? 'no result', this.options.projectId);
  }

  async train(request: TrainingRequest): Promise<Iteration> {
    const advanced = request.advancedHours !== undefined;
    try {
      const iteration = await this.within((abortSignal) =>
        this.client.trainProject(this.options.projectId, {
          trainingType: advanced ? 'Advanced' : 'Regular',
          ...(advanced ? { reservedBudgetInHours: request.advancedHours } : {}),
          abortSignal,
        }),
      );
      return toIteration(iteration);
    } catch (error) {
      if (TRAINING_VALIDATION_FAILED.has(customVisionCode(error).code)) throw await this.tooFewImages(error);
      throw trainingServiceError(error, this.options.projectId);
    }
  }

  async iteration(id: string): Promise<Iteration> {
    return toIteration(await this.call((abortSignal) => this.client.getIteration(this.options.projectId, id, { abortSignal })));
  }

  async iterations(): Promise<Iteration[]> {
    return (await this.call((abortSignal) => this.client.getIterations(this.options.projectId, { abortSignal }))).map(toIteration);
  }

  async performance(iterationId: string): Promise<IterationPerformance> {
    const result = await this.call((abortSignal) => this.client.getIterationPerformance(this.options.projectId, iterationId, { threshold: PERFORMANCE_THRESHOLD, abortSignal }));
    return {
      precision: result.precision ?? 0,
      recall: result.recall ?? 0,
      ...(result.averagePrecision == null ? {} : { averagePrecision: result.averagePrecision }),
      perTag: (result.perTagPerformance ?? []).map((tag) => ({
        tagId: tag.id ?? '',
        name: tag.name ?? '',
        precision: tag.precision ?? 0,
        recall: tag.recall ?? 0,
        ...(tag.averagePrecision == null ? {} : { averagePrecision: tag.averagePrecision }),
      })),
    };
  }

  async publish(iterationId: string, publishName: string): Promise<void> {
    const predictionId = this.options.predictionResourceId;
    if (!predictionId) throw new ServiceError('not-configured', "Publishing is not set up on this bot yet. Ask the bot's administrator to set it up.");
    await this.call((abortSignal) => this.client.publishIteration(this.options.projectId, iterationId, publishName, predictionId, { abortSignal }));
  }

  /** Custom Vision refused to train for lack of images: say which tags are short, from the project's own counts. */
  private async tooFewImages(error: unknown): Promise<ServiceError> {
    const tags = await this.tags().catch(() => undefined);
    const short = tags ? shortTags(tags) : [];
    const enough = tags ? tags.length - short.length : 0;
    const parts = short.slice(0, 8).map((tag) => `${tag.name} has ${tag.imageCount}`);
    const which = parts.length > 0 ? ` Short: ${parts.join(', ')}${short.length > parts.length ? ', …' : ''}.` : '';
    const tagsNote = tags && enough < MIN_TAGS ? ` It also needs at least ${MIN_TAGS} tags with enough images.` : '';
    return new ServiceError(
      'bad-request',
      `Custom Vision needs at least ${MIN_IMAGES_PER_TAG} labelled images for each tag before it can train.${which}${tagsNote} Label some more first: \`label stats\` shows the counts.`,
      { cause: error },
    );
  }

  private async call<T>(request: (abortSignal: AbortSignalLike) => Promise<T>): Promise<T> {
    try {
      return await this.within(request);
    } catch (error) {
      throw trainingServiceError(error, this.options.projectId);
    }
  }

  /** The request, given up at the deadline (ms-rest-js types its own AbortSignalLike; Node's AbortSignal is one). */
  private within<T>(request: (abortSignal: AbortSignalLike) => Promise<T>): Promise<T> {
    return withDeadline(this.options.timeoutMs, (signal) => request(signal as unknown as AbortSignalLike));
  }
}

function toTag(tag: TrainingAPIModels.Tag): ProjectTag {
  return { id: tag.id ?? '', name: tag.name, imageCount: tag.imageCount ?? 0 };
}

function toIteration(iteration: TrainingAPIModels.Iteration): Iteration {
  const status = iteration.status === 'Completed' ? 'completed' : iteration.status === 'Failed' ? 'failed' : 'training';
  return {
    id: iteration.id ?? '',
    name: iteration.name,
    status,
    ...(iteration.publishName ? { publishName: iteration.publishName } : {}),
    trainingType: iteration.trainingType === 'Advanced' ? 'advanced' : 'quick',
  };
}

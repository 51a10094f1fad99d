import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { imagePart, readBody, PROJECT_ID } from './fakeCustomVision.js';
import { LocalJsonService, type JsonAnswer } from './LocalJsonService.js';

/**
 * A local server answering as Custom Vision training v3.3 documents it (azure-rest-api-specs,
 * CustomVision/Training/stable/v3.3/Training.json), base `{endpoint}/customvision/v3.3/training`, key in the
 * `Training-Key` header; errors are a CustomVisionError `{code, message}`, a bad key the gateway's 401
 * `{error: {code, message}}`. What it answers:
 *
 * - `GET  /projects/{p}/tags` → `Tag[]` `{id, name, description, type, imageCount}`;
 *   `POST /projects/{p}/tags?name=&description=&type=` → the new `Tag` (400 `BadRequestTagNameNotUnique` for a taken name).
 * - `POST /projects/{p}/images?tagIds=a,b` with the image as multipart/form-data (part `imageData`) or
 *   application/octet-stream → `ImageCreateSummary` `{isBatchSuccessful, images: [{sourceUrl, status, image}]}`:
 *   200 with status `OK`, or 207 with `OKDuplicate` for bytes the project already holds (the image as it is there).
 * - `POST /projects/{p}/train?trainingType=Regular|Advanced&reservedBudgetInHours=&forceTrain=` → an `Iteration` with
 *   status `Training`; 400 `BadRequestTrainingAlreadyInProgress`, `BadRequestTrainingValidationFailed` (a tag with
 *   fewer than 5 images, or fewer than 2 tags), `BadRequestTrainingNotNeeded` (no new image since the last run).
 * - `GET /projects/{p}/iterations[/{id}]` → `Iteration`(s); status `Training` until `finishTraining()`, then `Completed`.
 * - `GET /projects/{p}/iterations/{id}/performance?threshold=` → `IterationPerformance`
 *   `{perTagPerformance: [{id, name, precision, precisionStdDeviation, recall, recallStdDeviation, averagePrecision}],
 *   precision, precisionStdDeviation, recall, recallStdDeviation, averagePrecision}`.
 * - `POST /projects/{p}/iterations/{id}/publish?publishName=&predictionId=` → `true`; the prediction resource id must
 *   be the one given, the iteration Completed.
 */
export const TRAINING_KEY = 'test-training-key';
export const PREDICTION_RESOURCE_ID =
  '/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/ml-rg/providers/Microsoft.CognitiveServices/accounts/defects-prediction';

export interface FakeTag {
  id: string;
  name: string;
  type: 'Regular' | 'Negative';
}

export interface FakeImage {
  id: string;
  sha256: string;
  bytes: Buffer;
  tagIds: string[];
  created: string;
}

export interface FakeIteration {
  id: string;
  name: string;
  status: 'Training' | 'Completed' | 'Failed';
  created: string;
  trainingType: 'Regular' | 'Advanced';
  reservedBudgetInHours: number;
  publishName: string;
  originalPublishResourceId: string;
  /** Per tag name: [precision, recall, averagePrecision]. */
  performance?: Record<string, [number, number, number]>;
}

export interface TrainingRequestSeen {
  method: string;
  path: string;
  query: URLSearchParams;
  trainingKey?: string;
}

export class FakeCustomVisionTraining extends LocalJsonService {
  readonly requests: TrainingRequestSeen[] = [];
  tags: FakeTag[] = [];
  images: FakeImage[] = [];
  iterations: FakeIteration[] = [];
  /** Performance the next completed run reports, per tag name: [precision, recall, averagePrecision]. */
  nextPerformance: Record<string, [number, number, number]> = {};
  /** When set, requests whose `METHOD path` matches answer with this instead. */
  failure?: { match: RegExp; answer: JsonAnswer };
  /** Told each publish, so the prediction fake can serve the new name. */
  onPublish?: (publishName: string) => void;
  private imagesAtLastTraining = -1;

  /** The images uploaded (created or found duplicate), in order. */
  get uploads(): TrainingRequestSeen[] {
    return this.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/images'));
  }

  reset(tags: Array<{ name: string; images?: number }> = []): void {
    this.requests.length = 0;
    this.images = [];
    this.iterations = [];
    this.failure = undefined;
    this.nextPerformance = {};
    this.imagesAtLastTraining = -1;
    this.tags = tags.map(({ name }) => ({ id: randomUUID(), name, type: 'Regular' }));
    tags.forEach(({ images = 0 }, index) => {
      for (let n = 0; n < images; n++) this.store(Buffer.from(`seed ${this.tags[index].name} ${n}`), [this.tags[index].id]);
    });
  }

  /** A trained iteration (published under `publishName` when given), with its performance. */
  addIteration(name: string, options: { publishName?: string; performance?: Record<string, [number, number, number]>; status?: FakeIteration['status'] } = {}): FakeIteration {
    const iteration = this.iteration(name, options.status ?? 'Completed');
    iteration.performance = options.performance ?? {};
    if (options.publishName) Object.assign(iteration, { publishName: options.publishName, originalPublishResourceId: PREDICTION_RESOURCE_ID });
    return iteration;
  }

  /** Bytes the project already holds (uploaded some other way), tagged `tagName`. */
  addImage(bytes: Buffer, tagName: string): void {
    const tag = this.tags.find((candidate) => candidate.name === tagName);
    if (!tag) throw new Error(`no tag ${tagName}`);
    this.store(bytes, [tag.id]);
  }

  finishTraining(status: 'Completed' | 'Failed' = 'Completed'): void {
    for (const iteration of this.iterations) if (iteration.status === 'Training') this.complete(iteration, status);
  }

  imagesTagged(name: string): FakeImage[] {
    const tag = this.tags.find((t) => t.name === name);
    return tag ? this.images.filter((image) => image.tagIds.includes(tag.id)) : [];
  }

  protected async answer(req: IncomingMessage): Promise<JsonAnswer> {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    const seen: TrainingRequestSeen = { method: req.method ?? '', path: url.pathname, query: url.searchParams, trainingKey: req.headers['training-key'] as string | undefined };
    this.requests.push(seen);
    if (seen.trainingKey !== TRAINING_KEY) {
      return { status: 401, body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint.' } } };
    }
    if (this.failure?.match.test(`${seen.method} ${seen.path}`)) return this.failure.answer;
    const match = /^\/customvision\/v3\.3\/training\/projects\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match) return error(404, 'NotFound', 'Resource not found');
    if (match[1] !== PROJECT_ID) return error(404, 'NotFoundProject', 'Invalid project');
    const route = `${seen.method} ${match[2]}`;
    const iterationRoute = /^(GET|POST) \/iterations\/([^/]+)(\/performance|\/publish)?$/.exec(route);
    if (route === 'GET /tags') return ok(this.tags.map((tag) => this.tagJson(tag)));
    if (route === 'POST /tags') return this.createTag(url.searchParams);
    if (route === 'POST /images') return this.createImages(url.searchParams, imagePart(req.headers['content-type'] ?? '', body));
    if (route === 'POST /train') return this.train(url.searchParams);
    if (route === 'GET /iterations') return ok(this.iterations.map((iteration) => this.iterationJson(iteration)));
    if (iterationRoute) return this.iterationAnswer(iterationRoute[1], iterationRoute[2], iterationRoute[3], url.searchParams);
    return error(404, 'NotFound', 'Resource not found');
  }

  private createTag(query: URLSearchParams): JsonAnswer {
    const name = query.get('name') ?? '';
    if (name.trim() === '') return error(400, 'BadRequestTagName', 'Invalid tag name');
    if (this.tags.some((tag) => tag.name.toLowerCase() === name.toLowerCase())) return error(400, 'BadRequestTagNameNotUnique', 'Name not unique');
    const tag: FakeTag = { id: randomUUID(), name, type: query.get('type') === 'Negative' ? 'Negative' : 'Regular' };
    this.tags.push(tag);
    return ok(this.tagJson(tag));
  }

  private createImages(query: URLSearchParams, bytes: Buffer): JsonAnswer {
    const tagIds = (query.get('tagIds') ?? '').split(',').filter(Boolean);
    if (tagIds.some((id) => !this.tags.some((tag) => tag.id === id))) return error(400, 'BadRequestImageTags', 'Invalid tag ids');
    if (bytes.length === 0) return error(400, 'BadRequestImageStream', 'Empty image');
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const existing = this.images.find((image) => image.sha256 === sha256);
    if (existing) return { status: 207, body: { isBatchSuccessful: false, images: [{ sourceUrl: '"imageData"', status: 'OKDuplicate', image: this.imageJson(existing) }] } };
    const image = this.store(bytes, tagIds);
    return ok({ isBatchSuccessful: true, images: [{ sourceUrl: '"imageData"', status: 'OK', image: this.imageJson(image) }] });
  }

  private train(query: URLSearchParams): JsonAnswer {
    if (this.iterations.some((iteration) => iteration.status === 'Training')) return error(400, 'BadRequestTrainingAlreadyInProgress', 'Training already in progress');
    const counts = this.tags.map((tag) => this.images.filter((image) => image.tagIds.includes(tag.id)).length);
    if (this.tags.length < 2 || counts.some((count) => count < 5)) {
      return error(400, 'BadRequestTrainingValidationFailed', 'Not enough images with tags to train. Need at least 5 images per tag and 2 tags.');
    }
    if (this.images.length === this.imagesAtLastTraining && query.get('forceTrain') !== 'true') return error(400, 'BadRequestTrainingNotNeeded', 'Nothing changed since last training');
    this.imagesAtLastTraining = this.images.length;
    const iteration = this.iteration(`Iteration ${this.iterations.length + 1}`, 'Training');
    iteration.trainingType = query.get('trainingType') === 'Advanced' ? 'Advanced' : 'Regular';
    iteration.reservedBudgetInHours = Number(query.get('reservedBudgetInHours') ?? 0);
    return ok(this.iterationJson(iteration));
  }

  private iterationAnswer(method: string, id: string, sub: string | undefined, query: URLSearchParams): JsonAnswer {
    const iteration = this.iterations.find((candidate) => candidate.id === id);
    if (!iteration) return error(404, 'NotFoundIteration', 'Invalid iteration');
    if (method === 'GET' && sub === undefined) return ok(this.iterationJson(iteration));
    if (method === 'GET' && sub === '/performance') {
      if (iteration.status !== 'Completed' || !iteration.performance) return error(404, 'NotFoundIterationPerformance', 'No performance for this iteration');
      return ok(performanceJson(iteration.performance, this.tags));
    }
    if (method === 'POST' && sub === '/publish') {
      const publishName = query.get('publishName') ?? '';
      if (query.get('predictionId') !== PREDICTION_RESOURCE_ID) return error(400, 'BadRequestInvalidPublishTarget', 'Invalid prediction resource');
      if (iteration.status !== 'Completed') return error(400, 'BadRequestIterationIsNotTrained', 'Iteration is not trained');
      if (!/^[A-Za-z0-9_-]+$/.test(publishName)) return error(400, 'BadRequestInvalidPublishName', 'Invalid publish name');
      Object.assign(iteration, { publishName, originalPublishResourceId: PREDICTION_RESOURCE_ID });
      this.onPublish?.(publishName);
      return ok(true);
    }
    return error(404, 'NotFound', 'Resource not found');
  }

  private iteration(name: string, status: FakeIteration['status']): FakeIteration {
    const iteration: FakeIteration = {
      id: randomUUID(),
      name,
      status,
      created: new Date().toISOString(),
      trainingType: 'Regular',
      reservedBudgetInHours: 0,
      publishName: '',
      originalPublishResourceId: '',
    };
    this.iterations.push(iteration);
    return iteration;
  }

  private complete(iteration: FakeIteration, status: 'Completed' | 'Failed'): void {
    iteration.status = status;
    if (status === 'Completed') iteration.performance = { ...this.nextPerformance };
  }

  private store(bytes: Buffer, tagIds: string[]): FakeImage {
    const image: FakeImage = { id: randomUUID(), sha256: createHash('sha256').update(bytes).digest('hex'), bytes, tagIds, created: new Date().toISOString() };
    this.images.push(image);
    return image;
  }

  private tagJson(tag: FakeTag): unknown {
    return { id: tag.id, name: tag.name, description: null, type: tag.type, imageCount: this.images.filter((image) => image.tagIds.includes(tag.id)).length };
  }

  private imageJson(image: FakeImage): unknown {
    return {
      id: image.id,
      created: image.created,
      width: 320,
      height: 320,
      resizedImageUri: `https://irisprodwetraining.blob.core.windows.net/i-${image.id}`,
      thumbnailUri: `https://irisprodwetraining.blob.core.windows.net/t-${image.id}`,
      originalImageUri: `https://irisprodwetraining.blob.core.windows.net/o-${image.id}`,
      tags: image.tagIds.map((tagId) => ({ tagId, tagName: this.tags.find((tag) => tag.id === tagId)?.name, created: image.created })),
      regions: null,
      metadata: null,
    };
  }

  private iterationJson(iteration: FakeIteration): unknown {
    return {
      id: iteration.id,
      name: iteration.name,
      status: iteration.status,
      created: iteration.created,
      lastModified: iteration.created,
      trainedAt: iteration.status === 'Completed' ? new Date().toISOString() : null,
      projectId: PROJECT_ID,
      exportable: false,
      exportableTo: [],
      domainId: 'ee85a74c-405e-4adc-bb47-ffa8ca0c9f31',
      classificationType: 'Multiclass',
      trainingType: iteration.trainingType,
      reservedBudgetInHours: iteration.reservedBudgetInHours,
      trainingTimeInMinutes: iteration.status === 'Completed' ? 3 : 0,
      publishName: iteration.publishName,
      originalPublishResourceId: iteration.originalPublishResourceId,
    };
  }
}

function performanceJson(performance: Record<string, [number, number, number]>, tags: FakeTag[]): unknown {
  const perTag = Object.entries(performance).map(([name, [precision, recall, averagePrecision]]) => ({
    id: tags.find((tag) => tag.name === name)?.id ?? randomUUID(),
    name,
    precision,
    precisionStdDeviation: 0,
    recall,
    recallStdDeviation: 0,
    averagePrecision,
  }));
  const mean = (index: 0 | 1 | 2) => (perTag.length === 0 ? 0 : Object.values(performance).reduce((sum, values) => sum + values[index], 0) / perTag.length);
  return { perTagPerformance: perTag, precision: mean(0), precisionStdDeviation: 0, recall: mean(1), recallStdDeviation: 0, averagePrecision: mean(2) };
}

function ok(body: unknown): JsonAnswer {
  return { status: 200, body };
}

function error(status: number, code: string, message: string): JsonAnswer {
  return { status, body: { code, message } };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { LocalJsonService } from './LocalJsonService.js';

/**
 * A local server answering as Custom Vision prediction v3.1 documents it (azure-rest-api-specs,
 * CustomVision/Prediction/stable/v3.1/Prediction.json): `POST {endpoint}/customvision/v3.1/prediction/{projectId}/
 * classify/iterations/{publishedName}/image[/nostore]`, key in the `Prediction-Key` header, the image as
 * multipart/form-data (field `imageData`) or application/octet-stream; 200 with an ImagePrediction, errors as a
 * CustomVisionError `{code, message}`. A bad key is answered as the Cognitive Services gateway does, 401 with
 * `{error: {code, message}}`.
 */
export interface CustomVisionCall {
  path: string;
  /** True for `/image/nostore`. */
  noStore: boolean;
  projectId: string;
  publishedName: string;
  predictionKey?: string;
  contentType?: string;
  /** The image bytes as the service would read them (the multipart part, or the whole body). */
  image: Buffer;
}

export interface CustomVisionFailure {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export const PROJECT_ID = '64b822c5-8082-4b36-a426-27225f4aa18c';
export const PUBLISHED_NAME = 'defects-v3';
export const PREDICTION_KEY = 'test-prediction-key';

export class FakeCustomVision extends LocalJsonService {
  readonly calls: CustomVisionCall[] = [];
  /** Tags and probabilities the next predictions answer with (in the service's own order: not sorted). */
  predictions: Array<{ tagName: string; probability: number }> = [
    { tagName: 'scratch', probability: 0.08 },
    { tagName: 'crack', probability: 0.86 },
    { tagName: 'dent', probability: 0.04 },
    { tagName: 'ok', probability: 0.02 },
  ];
  /** When set, every prediction answers with this error. */
  failure?: CustomVisionFailure;
  /** The iterations published to this prediction resource (the training fake adds the ones it publishes). */
  readonly publishedNames = new Set([PUBLISHED_NAME]);

  reset(): void {
    this.calls.length = 0;
    this.failure = undefined;
    this.publishedNames.clear();
    this.publishedNames.add(PUBLISHED_NAME);
  }

  protected async answer(req: IncomingMessage): Promise<CustomVisionFailure> {
    const body = await readBody(req);
    const match = /^\/customvision\/v3\.1\/prediction\/([^/]+)\/classify\/iterations\/([^/]+)\/image(\/nostore)?(?:\?.*)?$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) return { status: 404, body: { code: 'NotFound', message: 'Resource not found' } };
    const call: CustomVisionCall = {
      path: (req.url ?? '').split('?')[0],
      noStore: match[3] !== undefined,
      projectId: decodeURIComponent(match[1]),
      publishedName: decodeURIComponent(match[2]),
      predictionKey: req.headers['prediction-key'] as string | undefined,
      contentType: req.headers['content-type'],
      image: imagePart(req.headers['content-type'] ?? '', body),
    };
    this.calls.push(call);
    if (call.predictionKey !== PREDICTION_KEY) {
      return {
        status: 401,
        body: { error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } },
      };
    }
    if (this.failure) return this.failure;
    if (call.projectId !== PROJECT_ID) return { status: 404, body: { code: 'NotFoundProject', message: 'Invalid project' } };
    if (!this.publishedNames.has(call.publishedName)) return { status: 404, body: { code: 'NotFoundIteration', message: 'Invalid iteration' } };
    if (call.image.length > 4 * 1024 * 1024) return { status: 400, body: { code: 'BadRequestImageSizeBytes', message: 'Image size in bytes is too large' } };
    return {
      status: 200,
      body: {
        id: randomUUID(),
        project: PROJECT_ID,
        iteration: 'fe1e83c4-6f50-4899-9544-6bb08cf0e15a',
        created: new Date().toISOString(),
        predictions: this.predictions.map((prediction) => ({ ...prediction, tagId: randomUUID(), tagType: 'Regular' })),
      },
    };
  }
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The `imageData` part of a multipart/form-data body, or the whole body for application/octet-stream. */
export function imagePart(contentType: string, body: Buffer): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!contentType.startsWith('multipart/form-data') || !boundary) return body;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next < 0) break;
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    const headers = part.subarray(0, headerEnd).toString('utf8');
    if (/name="?imageData"?/i.test(headers)) return part.subarray(headerEnd + 4);
    start = next;
  }
  return Buffer.alloc(0);
}

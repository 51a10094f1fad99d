import { readFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import { ServiceError } from '../errors.js';
import { ranked, type Classification, type ClassifyOptions, type ImageClassifier, type ImageFormat } from './ImageClassifier.js';
import { readModelInfo, withFloatOutput } from './onnxModelFile.js';
import { modelPixels, PIXEL_RANGES, toInputTensor, type PixelLayout } from './preprocess.js';

/** How the scores come out of the model. */
type OutputForm =
  /** Newer exports: one float tensor [1, N] in labels.txt order. */
  | { kind: 'probabilities'; output: string; labels: string[] }
  /**
   * Older exports: `classLabel` + `loss`, a sequence of maps, which onnxruntime-node cannot return ("Non tensor type
   * is temporarily not supported"). The model is loaded with the ZipMap's input tensor added as an output, and the
   * map is rebuilt from it with the ZipMap's own labels: the same numbers `loss` would hold.
   */
  | { kind: 'zipmap'; output: string; labels: string[] };

export interface OnnxModelDescription {
  inputName: string;
  layout: PixelLayout;
  form: OutputForm;
}

/**
 * How the session runs. Spinning off: by default onnxruntime's worker threads keep a core busy after every run,
 * waiting for the next one, and a chat bot's runs are seconds apart while the same cores decode the next image and
 * serve everyone else (measured: about 15 ms of CPU per classified image on a 2-core machine, more than the decode).
 */
export const SESSION_OPTIONS: ort.InferenceSession.SessionOptions = {
  graphOptimizationLevel: 'all',
  extra: { session: { intra_op: { allow_spinning: '0' } } },
};

/**
 * A Custom Vision compact-domain ONNX export (model.onnx + labels.txt) run locally with onnxruntime-node. The
 * session is created once; the input name and size come from the model, the pixel format and range from its
 * metadata properties.
 */
export class OnnxClassifier implements ImageClassifier {
  readonly backendName = 'local ONNX model';
  readonly configured = true;

  private constructor(
    readonly modelName: string,
    private readonly session: ort.InferenceSession,
    readonly description: OnnxModelDescription,
  ) {}

  static async load(modelDir: string): Promise<OnnxClassifier> {
    const dir = resolve(modelDir);
    const [modelBytes, labelsText] = await Promise.all([
      readFile(join(dir, 'model.onnx')).catch((error: unknown) => {
        throw new Error(`IMAGE_MODEL_DIR: cannot read ${join(dir, 'model.onnx')}`, { cause: error });
      }),
      readFile(join(dir, 'labels.txt'), 'utf8').catch((error: unknown) => {
        throw new Error(`IMAGE_MODEL_DIR: cannot read ${join(dir, 'labels.txt')}`, { cause: error });
      }),
    ]);
    const labels = labelsText.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '');
    const info = readModelInfo(modelBytes);
    const bytes = info.zipMap ? withFloatOutput(modelBytes, info.zipMap.input) : modelBytes;
    const session = await ort.InferenceSession.create(bytes, SESSION_OPTIONS);
    const description = describe(session, info.metadata, labels, info.zipMap);
    return new OnnxClassifier(basename(dir), session, description);
  }

  async classify(image: Uint8Array, format: ImageFormat, options: ClassifyOptions = {}): Promise<Classification> {
    const { inputName, layout, form } = this.description;
    const pixels = await modelPixels(image, format, layout.size);
    // Whatever the caller does with the pixels (a thumbnail, in sharp's threads) overlaps the model's run.
    options.onModelInput?.(pixels);
    const input = new ort.Tensor('float32', toInputTensor(pixels, layout), [1, 3, layout.size, layout.size]);
    const outputs = await this.session.run({ [inputName]: input }, [form.output]);
    const scores = outputs[form.output].data as Float32Array;
    if (scores.length !== form.labels.length) {
      throw new ServiceError('unavailable', `The local image model gives ${scores.length} scores for ${form.labels.length} labels; ask the bot's administrator to check labels.txt.`);
    }
    return ranked(form.labels.map((tag, index) => ({ tag, probability: scores[index] })));
  }
}

export function describe(
  session: ort.InferenceSession,
  metadata: Record<string, string>,
  labels: string[],
  zipMap: { input: string; labels: string[] } | undefined,
): OnnxModelDescription {
  const problem = (what: string) => new Error(`IMAGE_MODEL_DIR: ${what}`);
  const [inputName] = session.inputNames;
  const inputMeta = session.inputMetadata.find((meta) => meta.name === inputName);
  const shape = inputMeta && inputMeta.isTensor ? inputMeta.shape : [];
  const [, channels, height, width] = shape;
  if (shape.length !== 4 || channels !== 3 || typeof height !== 'number' || height !== width) {
    throw problem(`expected an image input [1, 3, S, S], the model's input "${inputName}" is [${shape.join(', ')}]`);
  }
  const pixelFormat = (metadata['Image.BitmapPixelFormat'] ?? 'Bgr8').toLowerCase();
  if (pixelFormat !== 'bgr8' && pixelFormat !== 'rgb8') throw problem(`unsupported Image.BitmapPixelFormat "${metadata['Image.BitmapPixelFormat']}"`);
  const rangeName = metadata['Image.NominalPixelRange'] ?? 'NominalRange_0_255';
  const range = PIXEL_RANGES[rangeName];
  if (!range) throw problem(`unsupported Image.NominalPixelRange "${rangeName}"`);
  const layout: PixelLayout = { size: height, channelOrder: pixelFormat === 'bgr8' ? 'bgr' : 'rgb', range };

  if (zipMap) return { inputName, layout, form: { kind: 'zipmap', output: zipMap.input, labels: zipMap.labels } };
  const tensorOutput = session.outputMetadata.find((meta) => meta.isTensor && meta.type === 'float32');
  if (!tensorOutput) throw problem('the model has neither a float probability output nor a ZipMap (classLabel + loss)');
  if (labels.length === 0) throw problem('labels.txt is empty');
  return { inputName, layout, form: { kind: 'probabilities', output: tensorOutput.name, labels } };
}

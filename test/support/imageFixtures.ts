import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';

export type Colour = 'red' | 'green' | 'blue' | 'dark';

const RGB: Record<Colour, { r: number; g: number; b: number }> = {
  red: { r: 230, g: 20, b: 25 },
  green: { r: 20, g: 210, b: 30 },
  blue: { r: 25, g: 30, b: 220 },
  dark: { r: 12, g: 10, b: 14 },
};

/** A real image of one colour in a thin dark frame, encoded by sharp. */
export async function colourImage(colour: Colour, format: 'jpeg' | 'png' | 'webp' | 'gif', size = 320): Promise<Buffer> {
  const inner = Math.round(size * 0.9);
  const centre = await sharp({ create: { width: inner, height: inner, channels: 3, background: RGB[colour] } }).png().toBuffer();
  const image = sharp({ create: { width: size, height: size, channels: 3, background: RGB.dark } }).composite([
    { input: centre, left: Math.round((size - inner) / 2), top: Math.round((size - inner) / 2) },
  ]);
  return image.toFormat(format).toBuffer();
}

/** A noisy JPEG of about `bytes` bytes (for the size limits and the benchmark). */
export async function noisyJpeg(targetBytes: number): Promise<Buffer> {
  let side = Math.round(Math.sqrt(targetBytes / 1.2));
  for (let attempt = 0; attempt < 8; attempt++) {
    const jpeg = await sharp({ create: { width: side, height: side, channels: 3, background: RGB.red, noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg({ quality: 92 })
      .toBuffer();
    if (Math.abs(jpeg.length - targetBytes) / targetBytes < 0.1) return jpeg;
    side = Math.round(side * Math.sqrt(targetBytes / jpeg.length));
  }
  throw new Error(`could not make a JPEG of about ${targetBytes} bytes`);
}

/** An uncompressed 24-bit bottom-up BMP of one colour (sharp writes no BMP). */
export function colourBmp(colour: Colour, width = 64, height = 48): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const file = Buffer.alloc(54 + stride * height);
  file.write('BM', 0, 'ascii');
  file.writeUInt32LE(file.length, 2);
  file.writeUInt32LE(54, 10);
  file.writeUInt32LE(40, 14);
  file.writeInt32LE(width, 18);
  file.writeInt32LE(height, 22);
  file.writeUInt16LE(1, 26);
  file.writeUInt16LE(24, 28);
  file.writeUInt32LE(stride * height, 34);
  const { r, g, b } = RGB[colour];
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const at = 54 + row * stride + column * 3;
      file[at] = b;
      file[at + 1] = g;
      file[at + 2] = r;
    }
  }
  return file;
}

export interface TinyModelOptions {
  form?: 'probabilities' | 'zipmap';
  pixelFormat?: 'Bgr8' | 'Rgb8';
  range?: 'NominalRange_0_255' | 'Normalized_0_1';
  size?: number;
  /** `mobilenet`: a MobileNetV2-class network beside the colour means, the size of a Custom Vision compact export (the bench's model). */
  body?: 'none' | 'mobilenet';
}

const models = new Map<string, string>();

/** A folder with model.onnx + labels.txt made by scripts/make_tiny_onnx.py (Debian's python3-onnx). */
export function tinyModel(options: TinyModelOptions = {}): string {
  const { form = 'probabilities', pixelFormat = 'Bgr8', range = 'NominalRange_0_255', size = 32, body = 'none' } = options;
  // The directory's name is the model's name in replies: the tiny model's stays as the tests name it.
  const key = [form, pixelFormat, range, size, ...(body === 'none' ? [] : [body])].join('-');
  const cached = models.get(key);
  if (cached) return cached;
  const dir = join(mkdtempSync(join(tmpdir(), 'labmate-model-')), key);
  // Debian's interpreter, where python3-onnx is installed (a pyenv or venv python3 on PATH may lack it).
  const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  execFileSync(python, ['scripts/make_tiny_onnx.py', dir, '--form', form, '--pixel-format', pixelFormat, '--range', range, '--size', String(size), '--body', body], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  models.set(key, dir);
  return dir;
}

import sharp, { type Sharp } from 'sharp';
import { ServiceError } from '../errors.js';
import type { ImageFormat, RgbImage } from './ImageClassifier.js';

/** How the model wants its pixels, from the export's metadata properties. */
export interface PixelLayout {
  /** Square input side, from the model's input shape. */
  size: number;
  channelOrder: 'bgr' | 'rgb';
  /** What 0 and 255 in the image become. */
  range: { low: number; high: number };
}

/** `Image.NominalPixelRange` values (Windows ML's image metadata), mapped to what 0..255 becomes. */
export const PIXEL_RANGES: Record<string, { low: number; high: number }> = {
  NominalRange_0_255: { low: 0, high: 255 },
  Normalized_0_1: { low: 0, high: 1 },
  Normalized_1_1: { low: -1, high: 1 },
  NominalRange_16_235: { low: 16, high: 235 },
};

/**
 * Decode, orient by EXIF, centre-crop to a square, resize to 256/224 of the input side and crop the centre, as
 * Custom Vision's own export samples prepare an image: the model's input as packed RGB, in one sharp pipeline.
 */
export async function modelPixels(image: Uint8Array, format: ImageFormat, size: number): Promise<RgbImage> {
  const scaled = Math.round((size * 256) / 224);
  const offset = Math.floor((scaled - size) / 2);
  try {
    const rgb = await decoder(image, format)
      .rotate()
      .resize(scaled, scaled, { fit: 'cover', position: 'centre' })
      .extract({ left: offset, top: offset, width: size, height: size })
      .removeAlpha()
      .toColourspace('srgb')
      .raw()
      .toBuffer();
    return { width: size, height: size, rgb };
  } catch (error) {
    if (error instanceof ServiceError) throw error;
    throw new ServiceError('unsupported', 'I could not read that image: the file seems damaged. Please send it again as a JPEG or PNG.', { cause: error });
  }
}

/** The model's pixels as planar float32 (NCHW) in its channel order and range: the one loop in JS. */
export function toInputTensor(pixels: RgbImage, layout: PixelLayout): Float32Array {
  const { rgb } = pixels;
  const plane = layout.size * layout.size;
  const tensor = new Float32Array(3 * plane);
  const { low, high } = layout.range;
  const scale = (high - low) / 255;
  // Which packed byte (R, G, B) goes to the first, second and third plane.
  const [first, second, third] = layout.channelOrder === 'bgr' ? [2, 1, 0] : [0, 1, 2];
  for (let pixel = 0, at = 0; pixel < plane; pixel++, at += 3) {
    tensor[pixel] = rgb[at + first] * scale + low;
    tensor[plane + pixel] = rgb[at + second] * scale + low;
    tensor[2 * plane + pixel] = rgb[at + third] * scale + low;
  }
  return tensor;
}

function decoder(image: Uint8Array, format: ImageFormat): Sharp {
  // libvips as sharp ships it reads no BMP: uncompressed BMPs are decoded here.
  if (format === 'bmp') {
    const bitmap = decodeBmp(Buffer.from(image.buffer, image.byteOffset, image.byteLength));
    return sharp(bitmap.pixels, { raw: { width: bitmap.width, height: bitmap.height, channels: 3 } });
  }
  return sharp(image, { limitInputPixels: 40_000_000 });
}

/** Uncompressed 24- and 32-bit BMPs (BI_RGB / BI_BITFIELDS with the usual masks), bottom-up or top-down. */
function decodeBmp(file: Buffer): { width: number; height: number; pixels: Buffer } {
  const unsupported = () =>
    new ServiceError('unsupported', 'I can only read uncompressed 24- or 32-bit BMP images. Please send it as a PNG or JPEG.');
  if (file.length < 54) throw unsupported();
  const dataOffset = file.readUInt32LE(10);
  const width = file.readInt32LE(18);
  const rawHeight = file.readInt32LE(22);
  const bits = file.readUInt16LE(28);
  const compression = file.readUInt32LE(30);
  const height = Math.abs(rawHeight);
  if (width <= 0 || height === 0 || width * height > 40_000_000 || (bits !== 24 && bits !== 32) || (compression !== 0 && compression !== 3)) {
    throw unsupported();
  }
  const bytesPerPixel = bits / 8;
  const stride = Math.ceil((width * bytesPerPixel) / 4) * 4;
  if (dataOffset + stride * height > file.length) throw unsupported();
  const pixels = Buffer.alloc(width * height * 3);
  for (let row = 0; row < height; row++) {
    const source = dataOffset + (rawHeight > 0 ? height - 1 - row : row) * stride;
    for (let column = 0; column < width; column++) {
      const from = source + column * bytesPerPixel;
      const to = (row * width + column) * 3;
      pixels[to] = file[from + 2];
      pixels[to + 1] = file[from + 1];
      pixels[to + 2] = file[from];
    }
  }
  return { width, height, pixels };
}

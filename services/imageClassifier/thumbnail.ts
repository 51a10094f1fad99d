import type { Sharp } from 'sharp';
import type { RgbImage } from './ImageClassifier.js';
import { shrinkToFit } from './shrinkPixels.js';

/** Teams caps a message near 28 KB; a few thumbnails must fit beside the results. */
const MAX_DATA_URL_CHARS = 6000;
/** The thumbnail fits within a square of this side. */
const SIDE = 80;

type SharpFunction = typeof import('sharp').default;
/** sharp is loaded with the first thumbnail (a bot without an image model never needs it), and only once. */
let loaded: SharpFunction | undefined;

/**
 * A small JPEG of the image as a data URL, for cards: the attachment's own URL often needs a token the
 * person's client does not have. Made from the pixels the model saw when the backend gives them (no second decode
 * of the upload), else from the image file. Undefined when it cannot be made small enough (or at all).
 * Once sharp is loaded, decoded pixels are shrunk on the caller's thread (a fraction of a millisecond) and the
 * encoding is handed to sharp's threads before this returns: what the caller does next runs alongside it.
 */
export function thumbnailDataUrl(image: Uint8Array | RgbImage): Promise<string | undefined> {
  if (loaded) return encode(loaded, image);
  return import('sharp').then(
    (module) => encode((loaded = module.default), image),
    () => undefined,
  );
}

async function encode(sharp: SharpFunction, image: Uint8Array | RgbImage): Promise<string | undefined> {
  try {
    // A file may have an orientation and transparency. Decoded pixels are opaque RGB already, and larger ones are
    // shrunk here, so that sharp only encodes them; smaller ones sharp enlarges, as it does a file.
    let source: Sharp;
    if (image instanceof Uint8Array) {
      source = sharp(image).rotate().flatten({ background: '#ffffff' }).resize(SIDE, SIDE, { fit: 'inside' });
    } else {
      const small = shrinkToFit(image, SIDE);
      source = sharp(small.rgb, { raw: { width: small.width, height: small.height, channels: 3 } });
      if (small === image) source = source.resize(SIDE, SIDE, { fit: 'inside' });
    }
    const jpeg = await source.jpeg({ quality: 60 }).toBuffer();
    const url = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    return url.length <= MAX_DATA_URL_CHARS ? url : undefined;
  } catch {
    return undefined;
  }
}

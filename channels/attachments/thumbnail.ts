import sharp from 'sharp';

/** Teams caps a message near 28 KB; a few thumbnails must fit beside the results. */
const MAX_DATA_URL_CHARS = 6000;

/**
 * A small JPEG of the image as a data URL, for cards: the attachment's own URL often needs a token the
 * person's client does not have. Undefined when it cannot be made small enough (or at all).
 */
export async function thumbnailDataUrl(image: Uint8Array): Promise<string | undefined> {
  try {
    const jpeg = await sharp(image).rotate().resize(80, 80, { fit: 'inside' }).flatten({ background: '#ffffff' }).jpeg({ quality: 60 }).toBuffer();
    const url = `data:image/jpeg;base64,${jpeg.toString('base64')}`;
    return url.length <= MAX_DATA_URL_CHARS ? url : undefined;
  } catch {
    return undefined;
  }
}

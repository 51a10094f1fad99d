import type { ImageFormat } from './ImageClassifier.js';

export type DownloadProblem = 'refused' | 'too-large' | 'not-an-image' | 'failed';

/** One image a message carried, fetched under the download rules, or the reason it was not. */
export type DownloadedImage =
  | { ok: true; name: string; bytes: Buffer; type: ImageFormat }
  | { ok: false; name: string; problem: DownloadProblem; reason: string };

/** The images of one message, as the channel's download gave them. */
export interface MessageImages {
  /** Every image within the per-message limit, downloaded or refused with a reason. */
  images: DownloadedImage[];
  /** Images over the per-message limit: named in the answer, never fetched. */
  skipped: ReadonlyArray<{ name: string }>;
  maxPerMessage: number;
}

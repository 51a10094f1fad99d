import type { DownloadPolicy } from './downloadPolicy.js';
import type { ImageReference } from './imageAttachments.js';
import { sniffImageType, SNIFF_BYTES, type ImageType } from './imageType.js';

export interface DownloadLimits {
  maxBytes: number;
  timeoutMs: number;
  maxRedirects: number;
}

/** Where tokens come from; each is asked for only when the policy lets it go to the URL at hand. */
export interface DownloadTokens {
  botConnector(): Promise<string | undefined>;
  slack?: string;
}

export type DownloadProblem = 'refused' | 'too-large' | 'not-an-image' | 'failed';

export type DownloadedImage =
  | { ok: true; name: string; bytes: Buffer; type: ImageType }
  | { ok: false; name: string; problem: DownloadProblem; reason: string };

type Fetch = typeof fetch;

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;

/**
 * Downloads one image under the policy: the URL and every redirect are checked before a request is made, tokens
 * go only where the policy sends them, the size is counted while streaming and the type read from the bytes.
 */
export async function downloadImage(
  reference: ImageReference,
  policy: DownloadPolicy,
  tokens: DownloadTokens,
  limits: DownloadLimits,
  fetchImpl: Fetch = fetch,
): Promise<DownloadedImage> {
  const fail = (problem: DownloadProblem, reason: string): DownloadedImage => ({ ok: false, name: reference.name, problem, reason });
  if (reference.source === 'inline') return decodeDataUrl(reference, limits.maxBytes);

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), limits.timeoutMs);
  try {
    let current = reference.url;
    let tokenOrigin: string | undefined;
    for (let hop = 0; hop <= limits.maxRedirects; hop++) {
      const decision = policy.check(current);
      if (!decision.allowed) return fail('refused', `I did not download it: ${decision.reason}${hop > 0 ? ' (it was a redirect)' : ''}.`);
      const url = decision.url;
      if (hop === 0) tokenOrigin = url.origin;
      const headers: Record<string, string> = {};
      // A token stays with the origin the first request went to; a redirect elsewhere is followed without it.
      const kind = url.origin === tokenOrigin ? policy.tokenFor(url, reference.source) : undefined;
      const token = kind === 'slack' ? tokens.slack : kind === 'bot-connector' ? await tokens.botConnector() : undefined;
      if (token) headers.authorization = `Bearer ${token}`;

      const response = await fetchImpl(url, { headers, redirect: 'manual', signal: controller.signal });
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        current = new URL(location, url).href;
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        return fail('failed', `the file host answered HTTP ${response.status}${response.status === 401 || response.status === 403 ? ' (the bot may lack access to this file)' : ''}.`);
      }
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > limits.maxBytes) {
        await response.body?.cancel();
        return fail('too-large', `it is ${megabytes(declared)}; I classify images up to ${megabytes(limits.maxBytes)}.`);
      }
      return await readImage(reference.name, response, limits.maxBytes, fail, controller);
    }
    return fail('failed', `the file host redirected more than ${limits.maxRedirects} times.`);
  } catch (error) {
    if (controller.signal.aborted) return fail('failed', `the download took longer than ${limits.timeoutMs / 1000} s.`);
    return fail('failed', `the download failed (${(error as Error).message}).`);
  } finally {
    clearTimeout(timer);
  }
}

async function readImage(
  name: string,
  response: Response,
  maxBytes: number,
  fail: (problem: DownloadProblem, reason: string) => DownloadedImage,
  controller: AbortController,
): Promise<DownloadedImage> {
  if (!response.body) return fail('not-an-image', 'the file is empty.');
  const reader = response.body.getReader();
  // Hang up at once rather than drain what the host still sends.
  const stop = async () => {
    controller.abort();
    await reader.cancel().catch(() => undefined);
  };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let sniffed = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await stop();
      return fail('too-large', `it is over ${megabytes(maxBytes)}, the most I classify.`);
    }
    chunks.push(value);
    // Stop as soon as the first bytes show it is not an image, whatever the attachment claimed.
    if (!sniffed && total >= SNIFF_BYTES) {
      sniffed = true;
      if (!sniffImageType(Buffer.concat(chunks))) {
        await stop();
        return fail('not-an-image', 'it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.');
      }
    }
  }
  const bytes = Buffer.concat(chunks);
  const type = sniffImageType(bytes);
  if (!type) return fail('not-an-image', 'it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.');
  return { ok: true, name, bytes, type };
}

function decodeDataUrl(reference: ImageReference, maxBytes: number): DownloadedImage {
  const fail = (problem: DownloadProblem, reason: string): DownloadedImage => ({ ok: false, name: reference.name, problem, reason });
  const comma = reference.url.indexOf(',');
  const header = reference.url.slice(0, Math.max(comma, 0));
  if (comma < 0 || !/;base64$/i.test(header)) return fail('not-an-image', 'it is an inline image that is not base64-encoded.');
  const payload = reference.url.slice(comma + 1);
  // Checked on the encoded length, before decoding anything.
  if (Math.floor((payload.length * 3) / 4) - 2 > maxBytes) {
    return fail('too-large', `it is over ${megabytes(maxBytes)}, the most I classify.`);
  }
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length > maxBytes) return fail('too-large', `it is over ${megabytes(maxBytes)}, the most I classify.`);
  const type = sniffImageType(bytes);
  if (!type) return fail('not-an-image', 'it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.');
  return { ok: true, name: reference.name, bytes, type };
}

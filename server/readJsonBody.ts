import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * Reads a JSON object body, counting bytes as they arrive so an oversized body is refused without being
 * held in memory.
 */
export async function readJsonObject(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLarge(maxBytes);
  const contentType = request.headers['content-type'] ?? '';
  if (contentType !== '' && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return { ok: false, status: 415, message: 'expected Content-Type: application/json' };
  }

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return tooLarge(maxBytes);
    chunks.push(chunk);
  }

  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'the body is not valid JSON' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, status: 400, message: 'the body must be a JSON object' };
  }
  return { ok: true, value: value as Record<string, unknown> };
}

function tooLarge(maxBytes: number): BodyResult {
  return { ok: false, status: 413, message: `the body is larger than ${maxBytes} bytes` };
}

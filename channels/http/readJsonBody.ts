import type { IncomingMessage } from 'node:http';
import { readRawBody } from './readRawBody.js';

type BodyResult =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; status: 400 | 413 | 415; message: string };

/**
 * Reads a JSON object body under a size limit (readRawBody: an oversized body is refused without being held in
 * memory). The content type is checked first, so a body of another type is not read at all.
 */
export async function readJsonObject(request: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const contentType = request.headers['content-type'] ?? '';
  if (contentType !== '' && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return { ok: false, status: 415, message: 'expected Content-Type: application/json' };
  }
  const raw = await readRawBody(request, maxBytes);
  if (!raw) return { ok: false, status: 413, message: `the body is larger than ${maxBytes} bytes` };

  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    return { ok: false, status: 400, message: 'the body is not valid JSON' };
  }
  const object = asJsonObject(value);
  if (!object) return { ok: false, status: 400, message: 'the body must be a JSON object' };
  return { ok: true, value: object };
}

/** The JSON object `source` holds; undefined for anything else (invalid JSON, an array, a string...). */
export function parseJsonObject(source: string): Record<string, unknown> | undefined {
  try {
    return asJsonObject(JSON.parse(source));
  } catch {
    return undefined;
  }
}

/** The value when it is a JSON object (not null, not an array); else undefined. */
export function asJsonObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

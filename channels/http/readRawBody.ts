import type { IncomingMessage } from 'node:http';

/**
 * The body's bytes exactly as sent (signatures cover them), counted as they arrive so an oversized body is refused
 * without being held in memory. Undefined when it is larger than `maxBytes`.
 */
export async function readRawBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | undefined> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

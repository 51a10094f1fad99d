import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** One request an exporter made: its path and its body as text (gunzipped), parsed when it is JSON. */
export interface Export {
  path: string;
  contentType: string;
  text: string;
  json: unknown;
}

/**
 * A local collector on 127.0.0.1 that takes whatever an exporter posts and answers as the receiver's protocol
 * documents success: OTLP/HTTP (`POST /v1/traces`, `/v1/metrics`, 200 with an empty response in the request's
 * encoding) and Application Insights ingestion (`POST /v2.1/track`, gzip JSON envelopes, 200 with
 * `{itemsReceived, itemsAccepted, errors: []}`).
 */
export class TelemetryReceiver {
  readonly exports: Export[] = [];
  private server: Server;
  private waiters: Array<() => void> = [];

  /** `https`: the Application Insights exporter sends over TLS whatever the endpoint says (the test certificate). */
  constructor(private readonly options: { https?: boolean } = {}) {
    const handle = (req: IncomingMessage, res: ServerResponse) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        let body = Buffer.concat(chunks);
        if (req.headers['content-encoding'] === 'gzip') body = gunzipSync(body);
        const text = body.toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const path = (req.url ?? '/').split('?')[0];
        this.exports.push({ path, contentType: String(req.headers['content-type'] ?? ''), text, json });
        for (const wake of this.waiters.splice(0)) wake();
        if (path.endsWith('/track')) {
          const items = Array.isArray(json) ? json.length : text.split('\n').filter(Boolean).length;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ itemsReceived: items, itemsAccepted: items, errors: [] }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{}');
      });
    };
    const key = process.env.LABMATE_TEST_TLS_KEY;
    const cert = process.env.LABMATE_TEST_TLS_CERT;
    if (options.https && (!key || !cert)) throw new Error('LABMATE_TEST_TLS_KEY and LABMATE_TEST_TLS_CERT (set by .mocharc.cjs) name the test certificate');
    this.server = options.https ? createHttpsServer({ key: readFileSync(key as string), cert: readFileSync(cert as string) }, handle) : createServer(handle);
  }

  async start(): Promise<string> {
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this.url;
  }

  get url(): string {
    return `${this.options.https ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Everything exported so far, as one text (for "nothing personal left the process"). */
  allText(): string {
    return this.exports.map((item) => item.text).join('\n');
  }

  /** Waits until `found` returns something for what has arrived. */
  async waitFor<T>(found: () => T | undefined, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = found();
      if (value !== undefined) return value;
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`not exported within ${timeoutMs} ms; paths seen: ${this.exports.map((item) => item.path).join(', ')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

/** OTLP JSON spans (resourceSpans[].scopeSpans[].spans[]), attributes flattened to a record. */
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
  links: Array<{ traceId: string; spanId: string }>;
  status?: { code?: number; message?: string };
}

type AnyValue = { stringValue?: string; boolValue?: boolean; intValue?: string | number; doubleValue?: number };

function flatten(attributes: Array<{ key: string; value: AnyValue }> = []): Record<string, unknown> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? value.boolValue ?? (value.intValue !== undefined ? Number(value.intValue) : value.doubleValue)]));
}

export function otlpSpans(receiver: TelemetryReceiver): OtlpSpan[] {
  const spans: OtlpSpan[] = [];
  for (const item of receiver.exports.filter((entry) => entry.path === '/v1/traces')) {
    const body = item.json as { resourceSpans?: Array<{ scopeSpans?: Array<{ spans?: Array<Record<string, unknown>> }> }> };
    for (const resource of body?.resourceSpans ?? []) {
      for (const scope of resource.scopeSpans ?? []) {
        for (const span of scope.spans ?? []) {
          spans.push({
            ...(span as unknown as OtlpSpan),
            attributes: flatten(span.attributes as Array<{ key: string; value: AnyValue }>),
            links: ((span.links as Array<{ traceId: string; spanId: string }>) ?? []).map(({ traceId, spanId }) => ({ traceId, spanId })),
          });
        }
      }
    }
  }
  return spans;
}

/** The latest cumulative sum of an OTLP counter, per data point's flattened attributes. */
export function otlpCounter(receiver: TelemetryReceiver, name: string): Array<{ attributes: Record<string, unknown>; value: number }> {
  let latest: Array<{ attributes: Record<string, unknown>; value: number }> = [];
  for (const item of receiver.exports.filter((entry) => entry.path === '/v1/metrics')) {
    const body = item.json as { resourceMetrics?: Array<{ scopeMetrics?: Array<{ metrics?: Array<{ name: string; sum?: { dataPoints: Array<{ attributes: Array<{ key: string; value: AnyValue }>; asInt?: string | number; asDouble?: number }> } }> }> }> };
    for (const resource of body?.resourceMetrics ?? []) {
      for (const scope of resource.scopeMetrics ?? []) {
        for (const metric of scope.metrics ?? []) {
          if (metric.name !== name || !metric.sum) continue;
          latest = metric.sum.dataPoints.map((point) => ({ attributes: flatten(point.attributes), value: Number(point.asInt ?? point.asDouble ?? 0) }));
        }
      }
    }
  }
  return latest;
}

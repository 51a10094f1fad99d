import type { Counter, Histogram, Link, Span } from '@opentelemetry/api';
import { errorCode } from './errorCode.js';
import { idHasher, type EndableSpan, type SpanHandle, type SpanOptions, type Telemetry, type TelemetryAttributes } from './Telemetry.js';

type OpenTelemetryApi = typeof import('@opentelemetry/api');

/**
 * The port over the OpenTelemetry API; whichever SDK registered itself globally (the Azure distro or the Node SDK)
 * exports. The API object is passed in: it must be the copy that SDK registered with.
 */
export class OpenTelemetry implements Telemetry {
  readonly enabled = true;
  readonly hashId: (id: string) => string;
  private readonly tracer;
  private readonly meter;
  private readonly counters = new Map<string, Counter>();
  private readonly histograms = new Map<string, Histogram>();

  constructor(
    private readonly api: OpenTelemetryApi,
    hashKey: string | undefined,
    private readonly flush: () => Promise<void>,
  ) {
    this.hashId = idHasher(hashKey);
    this.tracer = api.trace.getTracer('labmate');
    this.meter = api.metrics.getMeter('labmate');
  }

  withSpan<T>(name: string, attributes: TelemetryAttributes, work: (span: SpanHandle) => Promise<T>, options: SpanOptions = {}): Promise<T> {
    return this.tracer.startActiveSpan(name, this.spanOptions(attributes, options), async (span) => {
      try {
        return await work(this.handleOf(span));
      } catch (error) {
        // The error's name or code only: a message can quote what a person sent.
        this.handleOf(span).fail(errorCode(error));
        throw error;
      } finally {
        span.end();
      }
    });
  }

  startSpan(name: string, attributes: TelemetryAttributes, options: SpanOptions = {}): EndableSpan {
    const span = this.tracer.startSpan(name, this.spanOptions(attributes, options));
    return { ...this.handleOf(span), end: () => span.end() };
  }

  count(name: string, attributes?: TelemetryAttributes, value = 1): void {
    let counter = this.counters.get(name);
    if (!counter) this.counters.set(name, (counter = this.meter.createCounter(name)));
    counter.add(value, attributes);
  }

  record(name: string, value: number, attributes?: TelemetryAttributes): void {
    let histogram = this.histograms.get(name);
    if (!histogram) this.histograms.set(name, (histogram = this.meter.createHistogram(name, { unit: name.endsWith('.duration') ? 's' : undefined })));
    histogram.record(value, attributes);
  }

  currentIds(): { traceId: string; spanId: string } | undefined {
    const span = this.api.trace.getActiveSpan()?.spanContext();
    return span && this.api.trace.isSpanContextValid(span) ? { traceId: span.traceId, spanId: span.spanId } : undefined;
  }

  shutdown(): Promise<void> {
    return this.flush();
  }

  private spanOptions(attributes: TelemetryAttributes, options: SpanOptions) {
    const kinds = { internal: this.api.SpanKind.INTERNAL, client: this.api.SpanKind.CLIENT, server: this.api.SpanKind.SERVER };
    const links = (options.links ?? []).map((traceparent) => this.linkOf(traceparent)).filter((link): link is Link => link !== undefined);
    return { kind: kinds[options.kind ?? 'internal'], attributes, links, startTime: options.startTime };
  }

  private handleOf(span: Span): SpanHandle {
    return {
      setAttributes: (attributes) => span.setAttributes(attributes),
      fail: (code) => {
        span.setStatus({ code: this.api.SpanStatusCode.ERROR, message: code });
        span.setAttribute('error.type', code);
      },
      traceparent: () => {
        const { traceId, spanId, traceFlags } = span.spanContext();
        return `00-${traceId}-${spanId}-${traceFlags.toString(16).padStart(2, '0')}`;
      },
    };
  }

  /** A W3C traceparent (`00-<trace id>-<span id>-<flags>`) as a link. */
  private linkOf(traceparent: string): Link | undefined {
    const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/.exec(traceparent);
    if (!match) return undefined;
    const context = { traceId: match[1], spanId: match[2], traceFlags: parseInt(match[3], 16), isRemote: true };
    return this.api.trace.isSpanContextValid(context) ? { context } : undefined;
  }
}

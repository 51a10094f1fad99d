import { createHmac, randomBytes } from 'node:crypto';

/** What a span or a metric may carry: names, codes, counts and booleans we chose; never text a person wrote. */
export type TelemetryAttributes = Record<string, string | number | boolean>;

export interface SpanHandle {
  setAttributes(attributes: TelemetryAttributes): void;
  /** Marks the span failed with an error's name or code (never its message, which can quote what was sent). */
  fail(code: string): void;
  /** The W3C traceparent of this span, for a record that another instance continues (a VM operation). */
  traceparent(): string | undefined;
}

/** A span that is not the active one (around a call that may be synchronous): ended by its caller. */
export interface EndableSpan extends SpanHandle {
  end(): void;
}

export interface SpanOptions {
  kind?: 'internal' | 'client' | 'server';
  /** traceparents of spans this one continues (a VM start's request, seen from its outcome). */
  links?: readonly string[];
  /** When the work began (ms since the epoch), for a span started after the fact. */
  startTime?: number;
}

/**
 * The telemetry port: spans around work, counters and histograms. Off, it is a null object that loads nothing;
 * on, it speaks the OpenTelemetry API (services/telemetry/OpenTelemetry.ts).
 */
export interface Telemetry {
  readonly enabled: boolean;
  withSpan<T>(name: string, attributes: TelemetryAttributes, work: (span: SpanHandle) => Promise<T>, options?: SpanOptions): Promise<T>;
  startSpan(name: string, attributes: TelemetryAttributes, options?: SpanOptions): EndableSpan;
  count(name: string, attributes?: TelemetryAttributes, value?: number): void;
  record(name: string, value: number, attributes?: TelemetryAttributes): void;
  /** The active span's ids, for the log line written inside it. */
  currentIds(): { traceId: string; spanId: string } | undefined;
  /** A user or conversation id as a keyed hash: the same id gives the same hash in this process (or with the configured key). */
  hashId(id: string): string;
  /** Flushes what is buffered (at shutdown). */
  shutdown(): Promise<void>;
}

export function idHasher(key?: string): (id: string) => string {
  const secret = key ?? randomBytes(32);
  return (id) => createHmac('sha256', secret).update(id).digest('base64url').slice(0, 22);
}

const NULL_SPAN: SpanHandle = { setAttributes: () => undefined, fail: () => undefined, traceparent: () => undefined };

/** Telemetry off: nothing recorded, nothing loaded. */
export const NULL_TELEMETRY: Telemetry = {
  enabled: false,
  withSpan: (_name, _attributes, work) => work(NULL_SPAN),
  startSpan: () => ({ ...NULL_SPAN, end: () => undefined }),
  count: () => undefined,
  record: () => undefined,
  currentIds: () => undefined,
  hashId: idHasher(),
  shutdown: () => Promise.resolve(),
};

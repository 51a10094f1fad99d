import type { EnvReader } from './envReader.js';

/**
 * Telemetry: off unless Application Insights or an OTLP collector is named. Application Insights wins when both are
 * set (its distro also instruments the Azure SDK and HTTP). The OTLP endpoint is the standard base URL; the
 * exporters post to `<base>/v1/traces` and `<base>/v1/metrics` unless the per-signal variables say otherwise.
 */
export type TelemetryConfig =
  | { kind: 'off' }
  | { kind: 'azureMonitor'; connectionString: string; serviceName: string; hashKey?: string; metricIntervalMs: number; spanDelayMs: number }
  | {
      kind: 'otlp';
      tracesUrl: string;
      metricsUrl: string;
      serviceName: string;
      hashKey?: string;
      metricIntervalMs: number;
      spanDelayMs: number;
    };

export function readTelemetry(env: EnvReader): TelemetryConfig {
  const connectionString = env.optional('APPLICATIONINSIGHTS_CONNECTION_STRING');
  const endpoint = env.url('OTEL_EXPORTER_OTLP_ENDPOINT');
  const tracesEndpoint = env.url('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const metricsEndpoint = env.url('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT');
  if (!connectionString && !endpoint && !tracesEndpoint) return { kind: 'off' };
  const common = {
    serviceName: env.string('OTEL_SERVICE_NAME', 'labmate'),
    // A configured key keeps hashed user and conversation ids comparable across instances and restarts.
    hashKey: env.optional('TELEMETRY_ID_HASH_KEY'),
    metricIntervalMs: env.integer('OTEL_METRIC_EXPORT_INTERVAL', 60_000, 10, 86_400_000),
    spanDelayMs: env.integer('OTEL_BSP_SCHEDULE_DELAY', 5_000, 0, 3_600_000),
  };
  if (connectionString) {
    if (!/InstrumentationKey=|IngestionEndpoint=/i.test(connectionString)) env.problem('APPLICATIONINSIGHTS_CONNECTION_STRING', 'an Application Insights connection string (InstrumentationKey=...;IngestionEndpoint=...)');
    return { kind: 'azureMonitor', connectionString, ...common };
  }
  const base = endpoint ?? '';
  return {
    kind: 'otlp',
    tracesUrl: tracesEndpoint ?? `${base}/v1/traces`,
    metricsUrl: metricsEndpoint ?? (base ? `${base}/v1/metrics` : (tracesEndpoint ?? '').replace(/\/v1\/traces$/, '/v1/metrics')),
    ...common,
  };
}

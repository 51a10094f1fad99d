import type { TelemetryConfig } from '../../config/index.js';
import { NULL_TELEMETRY, type Telemetry } from './Telemetry.js';

type OpenTelemetryApi = typeof import('@opentelemetry/api');

/**
 * Starts the configured OpenTelemetry SDK before the app is imported, so that what it instruments loads after it.
 * Off (neither variable set), this module imports nothing else: no telemetry package is loaded at all.
 */
export async function startTelemetry(config: TelemetryConfig | undefined): Promise<Telemetry> {
  if (!config || config.kind === 'off') return NULL_TELEMETRY;
  // The loader hook that lets instrumentations patch ES modules (the Azure SDK's ES builds) imported after this.
  const { register } = await import('node:module');
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const { api, flush } = config.kind === 'azureMonitor' ? await startAzureMonitor(config) : await startOtlp(config);
  const { OpenTelemetry } = await import('./OpenTelemetry.js');
  return new OpenTelemetry(api, config.hashKey, flush);
}

type AzureMonitorConfig = Extract<TelemetryConfig, { kind: 'azureMonitor' }>;
type OtlpConfig = Extract<TelemetryConfig, { kind: 'otlp' }>;

interface Started {
  /** The OpenTelemetry API the SDK registered its globals with (an API of a newer minor version sees none of them). */
  api: OpenTelemetryApi;
  flush: () => Promise<void>;
}

type AzureMonitorResource = NonNullable<NonNullable<Parameters<typeof import('@azure/monitor-opentelemetry').useAzureMonitor>[0]>['resource']>;

async function startAzureMonitor(config: AzureMonitorConfig): Promise<Started> {
  const [{ useAzureMonitor, shutdownAzureMonitor }, { httpHooks }, { createRequire }] = await Promise.all([
    import('@azure/monitor-opentelemetry'),
    import('./httpHooks.js'),
    import('node:module'),
  ]);
  // The distro 1.21 brings its own OpenTelemetry 2.x and API 1.9: use the API and resources it resolves, not ours.
  const distro = createRequire(import.meta.resolve('@azure/monitor-opentelemetry'));
  const api = distro('@opentelemetry/api') as OpenTelemetryApi;
  const { resourceFromAttributes } = distro('@opentelemetry/resources') as { resourceFromAttributes(attributes: Record<string, string>): AzureMonitorResource };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.connectionString },
    resource: resourceFromAttributes({ 'service.name': config.serviceName }),
    // Every turn: labmate's volume is a team's chat, not a web shop's.
    samplingRatio: 1,
    tracesPerSecond: 0,
    enableLiveMetrics: false,
    instrumentationOptions: { http: { enabled: true, ...httpHooks }, azureSdk: { enabled: true } },
  });
  return { api, flush: () => shutdownAzureMonitor() };
}

async function startOtlp(config: OtlpConfig): Promise<Started> {
  const [api, { NodeSDK }, { OTLPTraceExporter }, { OTLPMetricExporter }, { PeriodicExportingMetricReader }, { BatchSpanProcessor }, { HttpInstrumentation }, { httpHooks }] = await Promise.all([
    import('@opentelemetry/api'),
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/exporter-metrics-otlp-http'),
    import('@opentelemetry/sdk-metrics'),
    import('@opentelemetry/sdk-trace'),
    import('@opentelemetry/instrumentation-http'),
    import('./httpHooks.js'),
  ]);
  const sdk = new NodeSDK({
    serviceName: config.serviceName,
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: config.tracesUrl }), scheduledDelayMillis: config.spanDelayMs })],
    metricReaders: [new PeriodicExportingMetricReader({ exporter: new OTLPMetricExporter({ url: config.metricsUrl }), exportIntervalMillis: config.metricIntervalMs, exportTimeoutMillis: Math.min(30_000, config.metricIntervalMs) })],
    // One server span per incoming request, with the same redaction as the Azure distro's. Outgoing HTTP is not
    // instrumented (it cost 15 % of the analyze throughput in the bench, incoming nothing measurable): our own client
    // spans wrap every port call, the Bot Connector's sends and Slack's calls (services/telemetry/traced.ts).
    instrumentations: [new HttpInstrumentation({ requestHook: httpHooks.requestHook, headersToSpanAttributes: httpHooks.headersToSpanAttributes, disableOutgoingRequestInstrumentation: true })],
  });
  sdk.start();
  return { api, flush: () => sdk.shutdown() };
}

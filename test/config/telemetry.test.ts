import { strict as assert } from 'node:assert';
import { loadConfig } from '../../config/index.js';

describe('config: telemetry', () => {
  it('is off with neither APPLICATIONINSIGHTS_CONNECTION_STRING nor OTEL_EXPORTER_OTLP_ENDPOINT', () => {
    assert.deepEqual(loadConfig({}).telemetry, { kind: 'off' });
  });

  it('OTLP: the standard base endpoint gives /v1/traces and /v1/metrics; the service is labmate unless named', () => {
    const telemetry = loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/', OTEL_METRIC_EXPORT_INTERVAL: '1000' }).telemetry;
    assert.deepEqual(telemetry, {
      kind: 'otlp',
      tracesUrl: 'http://collector:4318/v1/traces',
      metricsUrl: 'http://collector:4318/v1/metrics',
      serviceName: 'labmate',
      hashKey: undefined,
      metricIntervalMs: 1000,
      spanDelayMs: 5000,
    });
  });

  it('Application Insights wins when both are set, with the service name given', () => {
    const telemetry = loadConfig({
      APPLICATIONINSIGHTS_CONNECTION_STRING: 'InstrumentationKey=k;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/',
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
      OTEL_SERVICE_NAME: 'labmate-prod',
    }).telemetry;
    assert.equal(telemetry?.kind, 'azureMonitor');
    assert.equal(telemetry?.kind === 'azureMonitor' && telemetry.serviceName, 'labmate-prod');
  });

  it('names a bad endpoint and a bad connection string at start', () => {
    assert.throws(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }), /OTEL_EXPORTER_OTLP_ENDPOINT/);
    assert.throws(() => loadConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: 'not a connection string' }), /APPLICATIONINSIGHTS_CONNECTION_STRING/);
  });
});

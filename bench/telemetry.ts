import { emulatorMessage } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/connector.js';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { TelemetryReceiver } from '../test/support/telemetryReceivers.js';
import { interleaved, measureLoad, postActivity, ratio, report } from './harness.js';

/**
 * Analyze throughput with telemetry on (OTLP/HTTP to a local collector, short export intervals so that exporting
 * happens during the load) and off, two labmate processes on the local backends, measured in the same run,
 * interleaved. Target: on >= 0.9x off.
 */
export async function benchTelemetry(): Promise<void> {
  const connector = new FakeConnector({ keepCalls: false });
  const collector = new TelemetryReceiver();
  await Promise.all([connector.start(), collector.start()]);
  const local = { APERTIUM_WARM_LANGUAGES: 'none' };
  const [off, on] = await Promise.all([
    LabmateProcess.start(local, 90_000),
    LabmateProcess.start({ ...local, OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '200', OTEL_METRIC_EXPORT_INTERVAL: '1000' }, 90_000),
  ]);
  try {
    const load = (instance: LabmateProcess) => () =>
      measureLoad({
        total: 200,
        concurrency: 8,
        send: (index) => postActivity(`${instance.url}/api/messages`, emulatorMessage({ serviceUrl: connector.url, text: `analyze The results of run ${index} look really good` })),
      });
    // Warm-up: the analyzer's models load with the first analysis.
    await Promise.all([load(off)(), load(on)()]);
    const results = await interleaved(4, { off: load(off), on: load(on) });
    report('telemetry: analyze throughput, OTLP export on / off (same run)', [
      ['off', `${results.off.throughput.toFixed(1)} turns/s, p99 ${results.off.p99.toFixed(1)} ms`],
      ['on (exporting to a local collector)', `${results.on.throughput.toFixed(1)} turns/s, p99 ${results.on.p99.toFixed(1)} ms`],
      ['on / off (target >= 0.90x)', ratio(results.on.throughput, results.off.throughput)],
      ['exports received by the collector', String(collector.exports.length)],
    ]);
  } finally {
    await Promise.all([off.kill(), on.kill()]);
    await Promise.all([connector.stop(), collector.stop()]);
  }
}

import { strict as assert } from 'node:assert';
import { emulatorMessage } from '../../support/activities.js';
import { FakeConnector, shownText } from '../../support/connector.js';
import { FakeLanguageService } from '../../support/fakeLanguageService.js';
import { LabmateProcess } from '../../support/labmateProcess.js';
import { TelemetryReceiver } from '../../support/telemetryReceivers.js';

interface Envelope {
  name: string;
  data: { baseType: string; baseData: Record<string, unknown> & { properties?: Record<string, string> } };
}

const PII = 'jane.doe@example.com';
const NOTICE_SECRET = 'notice-secret-9f8e7d6c5b4a39281706';

/** labmate as a process with APPLICATIONINSIGHTS_CONNECTION_STRING's IngestionEndpoint at a local server. */
describe('telemetry to Application Insights (the Azure Monitor distro, a local ingestion endpoint)', function () {
  this.timeout(60_000);
  const ingestion = new TelemetryReceiver({ https: true });
  const connector = new FakeConnector();
  const language = new FakeLanguageService();
  let labmate: LabmateProcess;
  const envelopes = () =>
    ingestion.exports
      .filter((item) => item.path === '/v2.1/track')
      .flatMap((item) => (Array.isArray(item.json) ? (item.json as Envelope[]) : item.text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Envelope)));

  before(async () => {
    await Promise.all([ingestion.start(), connector.start(), language.start()]);
    labmate = await LabmateProcess.start({
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=${ingestion.url}/`,
      APPLICATIONINSIGHTS_STATSBEAT_DISABLED_ALL: 'true',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '500',
      TEXT_ANALYTICS_ENDPOINT: language.endpoint,
      TEXT_ANALYTICS_KEY: language.key,
      APERTIUM_WARM_LANGUAGES: 'none',
      PUBLIC_URL: 'https://labmate.example.net',
      VM_NOTICE_SECRET: NOTICE_SECRET,
    });
  });
  after(async () => {
    await labmate?.kill();
    await Promise.all([ingestion.stop(), connector.stop(), language.stop()]);
  });

  it('an analyze turn arrives as a request with the command name, and the Azure Language call as a dependency', async () => {
    const activity = emulatorMessage({ serviceUrl: connector.url, text: `analyze I love it, mail ${PII}` });
    assert.equal((await labmate.post(activity)).status, 200);
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1, 10_000);
    assert.match(shownText(reply), /sentiment/i);
    const turn = await ingestion.waitFor(() => envelopes().find((envelope) => envelope.data.baseData.properties?.['labmate.command'] === 'analyze'));
    assert.equal(turn.data.baseData.properties?.['labmate.outcome'], 'answered');
    const languagePort = new URL(language.endpoint).port;
    const dependency = await ingestion.waitFor(() =>
      envelopes().find((envelope) => envelope.data.baseType === 'RemoteDependencyData' && JSON.stringify(envelope.data.baseData).includes(`:${languagePort}`)),
    );
    assert.ok(dependency, 'the Language call is a dependency');
    assert.ok(!ingestion.allText().includes(PII), 'no message text in what was sent');
  });

  it('the shutdown notices route is recorded by its template, never with its secret', async () => {
    await fetch(`${labmate.url}/api/notices/autoshutdown/${NOTICE_SECRET}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }).catch(() => undefined);
    const request = await ingestion.waitFor(() =>
      envelopes().find((envelope) => envelope.data.baseType === 'RequestData' && JSON.stringify(envelope).includes('/api/notices/autoshutdown/:secret')),
    );
    assert.ok(request, 'the notice request, by its route template');
    assert.ok(!ingestion.allText().includes(NOTICE_SECRET), 'the notice secret was exported');
  });
});

import { strict as assert } from 'node:assert';
import { emulatorMessage } from '../../support/activities.js';
import { FakeConnector, shownText } from '../../support/connector.js';
import { FakeArm, trainingVmsEnv } from '../../support/fakeArm.js';
import { FakeLanguageService } from '../../support/fakeLanguageService.js';
import { LabmateProcess } from '../../support/labmateProcess.js';
import { otlpCounter, otlpSpans, TelemetryReceiver } from '../../support/telemetryReceivers.js';

const PII = 'jane.doe@example.com';
const SECRET = 'sk-live-7f3a9c1e5b';
const USER = 'user-pii-42';

/** labmate as a process with OTEL_EXPORTER_OTLP_ENDPOINT at a local collector: what reaches it, and what never does. */
describe('telemetry over OTLP/HTTP to a local collector', function () {
  this.timeout(60_000);
  const receiver = new TelemetryReceiver();
  const connector = new FakeConnector();
  const language = new FakeLanguageService();
  const arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
  let labmate: LabmateProcess;

  before(async () => {
    await Promise.all([receiver.start(), connector.start(), language.start(), arm.start()]);
    labmate = await LabmateProcess.start({
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_METRIC_EXPORT_INTERVAL: '300',
      TEXT_ANALYTICS_ENDPOINT: language.endpoint,
      TEXT_ANALYTICS_KEY: language.key,
      APERTIUM_WARM_LANGUAGES: 'none',
      ...trainingVmsEnv(arm),
      VM_OPERATORS: 'emulator/operator-1',
      LABMATE_TEST_POLL_MS: '50',
    });
  });
  after(async () => {
    await labmate?.kill();
    arm.completeAll();
    await Promise.all([receiver.stop(), connector.stop(), language.stop(), arm.stop()]);
  });

  const say = async (text: string, fromId = USER) => {
    const activity = emulatorMessage({ serviceUrl: connector.url, text, fromId });
    assert.equal((await labmate.post(activity)).status, 200);
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1, 10_000);
    return { activity, reply: shownText(reply) };
  };

  it('an analyze turn is one span named by the command, with the analyzer call as its child, and counted', async () => {
    const { activity, reply } = await say(`analyze I love this, write to ${PII}`);
    assert.match(reply, /sentiment/i, 'the person got their analysis');
    const turn = await receiver.waitFor(() => otlpSpans(receiver).find((span) => span.name === 'labmate.turn' && span.attributes['labmate.command'] === 'analyze'));
    assert.equal(typeof turn.attributes['labmate.channel'], 'string');
    assert.equal(turn.attributes['labmate.outcome'], 'answered');
    assert.equal(turn.attributes['labmate.translated'], false);
    const child = otlpSpans(receiver).find((span) => span.parentSpanId === turn.spanId && span.attributes['labmate.service'] === 'textAnalytics');
    assert.ok(child, `a textAnalytics span under the turn; spans: ${otlpSpans(receiver).map((span) => span.name).join(', ')}`);
    assert.equal(child.traceId, turn.traceId);
    assert.ok(language.requests.length > 0, 'Azure Language was called');
    const counted = await receiver.waitFor(() =>
      otlpCounter(receiver, 'labmate.turns').find((point) => point.attributes['labmate.command'] === 'analyze' && point.attributes['labmate.outcome'] === 'answered'),
    );
    assert.equal(counted.value, 1);
    assert.ok(!receiver.allText().includes(activity.conversation.id), 'the conversation id is only hashed');
  });

  it('each incoming request is a server span with its route, the turn under it, and the reply to the Bot Connector a client span under the turn, counted', async () => {
    const { activity } = await say('language bonjour tout le monde');
    const turn = await receiver.waitFor(() => otlpSpans(receiver).find((span) => span.name === 'labmate.turn' && span.attributes['labmate.command'] === 'language'));
    const request = otlpSpans(receiver).find((span) => span.spanId === turn.parentSpanId);
    assert.ok(request, `the turn has a parent span; spans: ${otlpSpans(receiver).map((span) => span.name).join(', ')}`);
    assert.equal(request.kind, 2, 'a server span');
    assert.equal(request.name, 'POST /api/messages');
    const reply = await receiver.waitFor(() => otlpSpans(receiver).find((span) => span.parentSpanId === turn.spanId && span.name === 'botConnector send'));
    assert.equal(reply.kind, 3, 'a client span');
    assert.ok(!JSON.stringify(reply.attributes).includes(activity.conversation.id), 'no conversation id in it');
    const sent = await receiver.waitFor(() => otlpCounter(receiver, 'labmate.outside_calls').find((point) => point.attributes['labmate.service'] === 'botConnector'));
    assert.ok(sent.value >= 1, 'the sends are counted as outside calls');
  });

  it('a VM start: its outcome span links to the turn that asked, and the operation is counted started and ended', async () => {
    const { activity } = await say('vm start gpu-01', 'operator-1');
    await connector.waitForMessages(activity.conversation.id, 2, 15_000);
    const turn = await receiver.waitFor(() => otlpSpans(receiver).find((span) => span.name === 'labmate.turn' && span.attributes['labmate.command'] === 'vm'));
    const outcome = await receiver.waitFor(() => otlpSpans(receiver).find((span) => span.name === 'labmate.vm_operation.outcome'));
    assert.equal(outcome.attributes['labmate.outcome'], 'succeeded');
    assert.deepEqual(outcome.links, [{ traceId: turn.traceId, spanId: turn.spanId }]);
    assert.ok(otlpSpans(receiver).some((span) => span.parentSpanId === turn.spanId && span.attributes['labmate.service'] === 'compute'), 'the ARM call under the turn');
    const requestLine = labmate.logs.find((line) => line.event === 'request' && line.vm === 'gpu-01');
    assert.equal(requestLine?.traceId, turn.traceId, 'the audit line of the turn carries its trace id');
    const ended = await receiver.waitFor(() => otlpCounter(receiver, 'labmate.vm_operations.ended').find((point) => point.attributes['labmate.outcome'] === 'succeeded'));
    assert.equal(ended.value, 1);
  });

  it('sends PII and a secret through every command, and none of it, nor the person\'s id, reaches the collector', async () => {
    const texts = ['help', 'sentiment', 'entities', 'keyphrases', 'language', 'pii', 'translate es', 'vm list', 'vm start', 'label stats', 'train', 'publish 1', 'nonsense'].map(
      (command) => `${command} ${PII} ${SECRET}`,
    );
    for (const text of texts) await say(text);
    await receiver.waitFor(() => (otlpSpans(receiver).filter((span) => span.name === 'labmate.turn').length >= texts.length + 1 ? true : undefined));
    const exported = receiver.allText();
    for (const secret of [PII, SECRET, USER, 'write to']) assert.ok(!exported.includes(secret), `"${secret}" was exported`);
  });
});

describe('telemetry with an unreachable collector', function () {
  this.timeout(60_000);
  const connector = new FakeConnector();
  const language = new FakeLanguageService();
  let labmate: LabmateProcess;

  before(async () => {
    await Promise.all([connector.start(), language.start()]);
    labmate = await LabmateProcess.start({
      // Port 9 (discard) on this machine: nothing listens, every export fails.
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9',
      OTEL_BSP_SCHEDULE_DELAY: '50',
      OTEL_METRIC_EXPORT_INTERVAL: '200',
      TEXT_ANALYTICS_ENDPOINT: language.endpoint,
      TEXT_ANALYTICS_KEY: language.key,
      APERTIUM_WARM_LANGUAGES: 'none',
    });
  });
  after(async () => {
    await labmate?.kill();
    await Promise.all([connector.stop(), language.stop()]);
  });

  it('changes nothing a person sees: every message is answered, as without telemetry', async () => {
    for (let i = 0; i < 3; i++) {
      const activity = emulatorMessage({ serviceUrl: connector.url, text: 'analyze What a lovely day' });
      assert.equal((await labmate.post(activity)).status, 200);
      const [reply] = await connector.waitForMessages(activity.conversation.id, 1, 10_000);
      assert.match(shownText(reply), /sentiment/i);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    assert.equal(
      labmate.logs.filter((line) => line.level === 'error').length,
      0,
      'no error logged for the person to notice',
    );
  });
});

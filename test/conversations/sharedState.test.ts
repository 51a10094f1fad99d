import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage, teamsChannelMessage, type TestActivity } from '../support/activities.js';
import { Azurite } from '../support/azurite.js';
import { adaptiveCardOf, FakeConnector, shownText, type ConnectorCall } from '../support/connector.js';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { FakeLanguageService } from '../support/fakeLanguageService.js';
import { FakeTranslator } from '../support/fakeTranslator.js';
import { LabmateProcess } from '../support/labmateProcess.js';

const OPERATOR = '5e1b0d4e-0000-4000-8000-00000000a11c';

/**
 * Two labmate processes behind one address, sharing state in one Azurite container, against one Bot Connector and
 * one Resource Manager: they must behave as one bot.
 */
describe('two instances sharing state in Azure Blob Storage (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let connector: FakeConnector;
  let arm: FakeArm;
  let translator: FakeTranslator;
  // Azure AI Language's fake spares each process loading the local models: instances start sooner.
  const language = new FakeLanguageService();
  let env: Record<string, string>;
  const instances: LabmateProcess[] = [];
  let a: LabmateProcess;
  let b: LabmateProcess;

  const start = async () => {
    const instance = await LabmateProcess.start(env);
    instances.push(instance);
    return instance;
  };

  before(async () => {
    connector = new FakeConnector();
    arm = new FakeArm(['gpu-01', 'gpu-02', 'gpu-03', 'gpu-04'].map((name) => ({ resourceGroup: 'ml-rg', name, power: 'deallocated' })));
    translator = new FakeTranslator();
    [azurite] = await Promise.all([Azurite.start(), connector.start(), arm.start(), translator.start(), language.start()]);
    env = {
      STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(),
      STATE_STORAGE_CONTAINER: 'labmate-state',
      ...trainingVmsEnv(arm),
      VM_OPERATORS: `msteams/${OPERATOR}, emulator/operator-1`,
      TRANSLATOR_KEY: translator.key,
      TRANSLATOR_ENDPOINT: translator.endpoint,
      TEXT_ANALYTICS_ENDPOINT: language.endpoint,
      TEXT_ANALYTICS_KEY: language.key,
      LABMATE_TEST_POLL_MS: '50',
      LABMATE_TEST_LEASE_MS: '15000',
      LABMATE_TEST_RECOVERY_MS: '500',
    };
    [a, b] = await Promise.all([start(), start()]);
  });
  after(async () => {
    await Promise.all(instances.map((instance) => instance.kill()));
    arm?.completeAll();
    await Promise.all([azurite?.stop(), arm?.stop(), connector?.stop(), translator?.stop(), language.stop()]);
  });
  beforeEach(() => {
    arm.behaviour = { inProgressPolls: 1, outcome: 'Succeeded', retryAfter: '0', conflict: false };
  });

  const teams = (text: string, conversationId?: string) => teamsChannelMessage({ serviceUrl: connector.url, text, fromId: OPERATOR, conversationId });
  const posted = (calls: ConnectorCall[], pattern: RegExp) => calls.filter((call) => call.method === 'POST' && pattern.test(shownText(call)));
  const settle = () => new Promise((resolve) => setTimeout(resolve, 700));

  it('acts once on a Teams activity delivered to both instances: one start call, one acknowledgement, one outcome', async () => {
    arm.behaviour = { ...arm.behaviour, manual: true };
    const activity = teams('vm start gpu-01');
    const answers = await Promise.all([a.post(activity), b.post(activity)]);
    assert.deepEqual(answers.map((answer) => answer.status), [200, 200]);
    await connector.waitForMessages(activity.conversation.id, 1);
    await settle();
    assert.equal(connector.messagesTo(activity.conversation.id).length, 1, 'the redelivery is not answered');
    assert.equal(arm.actionCalls('start', 'gpu-01').length, 1);
    arm.completeAll();
    const calls = await connector.waitForMessages(activity.conversation.id, 3);
    await settle();
    assert.equal(posted(connector.messagesTo(activity.conversation.id), /gpu-01 is running/).length, 1);
    assert.equal(calls.filter((call) => call.method === 'PUT').length, 1, 'the acknowledgement card is updated once');
  });

  it('confirms one `vm stop` once when both instances take the click: one deallocate', async () => {
    arm.vms.get('ml-rg/gpu-03')!.power = 'running';
    const conversationId = `conv-${randomUUID()}`;
    await a.post(emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', text: 'vm stop gpu-03' }));
    const [question] = await connector.waitForMessages(conversationId, 1);
    const confirm = (adaptiveCardOf(question) as { actions: Array<{ data: { command: string } }> }).actions.find((action) => /^vm confirm/.test(action.data.command))!.data;
    const click = (): TestActivity => {
      const activity = emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', value: confirm });
      delete activity.text;
      return activity;
    };
    await Promise.all([a.post(click()), b.post(click())]);
    const calls = await connector.waitForMessages(conversationId, 4);
    await settle();
    assert.equal(arm.actionCalls('deallocate', 'gpu-03').length, 1);
    assert.equal(posted(calls, /no pending stop with that code/).length, 1, 'the second click is told it was already confirmed');
    assert.equal(posted(connector.messagesTo(conversationId), /gpu-03 is deallocated/).length, 1);
  });

  it('finishes a start whose instance was killed while Azure still said InProgress: reported once, no second start', async () => {
    arm.behaviour = { ...arm.behaviour, manual: true };
    const activity = teams('vm start gpu-02');
    await a.post(activity);
    await connector.waitForMessages(activity.conversation.id, 1);
    const operation = [...arm.operations.values()].find((op) => op.vm.name === 'gpu-02')!;
    await a.kill();
    // A restarted instance comes up meanwhile: whichever instance finds the lapsed lease first resumes it.
    const restarted = await start();
    const taker = await Promise.any(
      [b, restarted].map(async (instance) => {
        await instance.waitForLog((line) => line.message === 'resuming a VM operation' && line.vm === 'gpu-02', 25_000);
        return instance;
      }),
    );
    assert.equal(operation.status, 'InProgress', 'Azure was still starting it when the other instance took over');
    arm.completeAll();
    await connector.waitForMessages(activity.conversation.id, 3);
    await settle();
    const calls = connector.messagesTo(activity.conversation.id);
    assert.equal(posted(calls, /gpu-02 is running/).length, 1, 'reported exactly once');
    assert.ok(calls.some((call) => call.method === 'PUT' && /Starting: gpu-02\n.*ended at .*The outcome is in the message below/.test(shownText(call))), 'and the acknowledgement card points to it');
    assert.equal(arm.actionCalls('start', 'gpu-02').length, 1, 'no second start call');
    assert.ok(taker.logs.some((line) => line.message === 'audit' && line.vm === 'gpu-02' && line.result === 'succeeded' && line.userName === 'Ada Lovelace'));
    a = restarted;
  });

  it('keeps a conversation\'s auto-translation and a pending confirmation across a restart', async () => {
    arm.vms.get('ml-rg/gpu-04')!.power = 'running';
    const conversationId = `conv-${randomUUID()}`;
    const say = async (instance: LabmateProcess, text: string, count: number) => {
      await instance.post(emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', text }));
      return (await connector.waitForMessages(conversationId, count))[count - 1];
    };
    await say(b, 'translate auto spanish', 1);
    const question = await say(b, 'vm stop gpu-04', 2);
    const code = /vm confirm ([0-9a-f]{8})/.exec(JSON.stringify(adaptiveCardOf(question)))?.[1];
    assert.ok(code);
    await b.kill();
    b = await start();
    const translated = translator.requests.length;
    assert.match(shownText(await say(b, 'sentiment I love this cluster', 3)), /\[es\]/, 'the answer is still translated');
    assert.ok(translator.requests.length > translated);
    await b.post(emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', text: `vm confirm ${code}` }));
    await connector.waitForMessages(conversationId, 5);
    assert.equal(arm.actionCalls('deallocate', 'gpu-04').length, 1, 'the confirmation asked for before the restart was honoured');
  });
});

import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText, visibleTexts, type ConnectorCall } from '../support/connector.js';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { COMPUTE_API_VERSION, computeInstancesEnv, FakeAzureMlCompute } from '../support/fakeAzureMlCompute.js';
import { FakeRetailPrices } from '../support/fakeRetailPrices.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { waitFor } from '../support/waitFor.js';
import { MemoryStateStore } from '../../state/MemoryStateStore.js';

const HOUR = 3_600_000;

describe('Azure ML compute instances through the vm commands (local connector, local HTTPS Resource Manager)', function () {
  this.timeout(20_000);
  let connector: FakeConnector;
  let arm: FakeArm;
  let compute: FakeAzureMlCompute;
  let prices: FakeRetailPrices;
  let env: Record<string, string>;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
    compute = new FakeAzureMlCompute(arm, 'ml-rg', 'team-ws', []);
    prices = new FakeRetailPrices();
    await Promise.all([connector.start(), arm.start(), prices.start()]);
    env = {
      ...trainingVmsEnv(arm),
      ...computeInstancesEnv(compute, { AZUREML_COMPUTE_INSTANCES: 'ci-ada,ci-bob,ci-cyd' }),
      VM_OPERATORS: 'emulator/operator-1, emulator/operator-2',
      AZURE_RETAIL_PRICES_URL: prices.pricesUrl,
    };
    bot = await startApp(env, { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 3_600_000 } });
  });
  after(async () => {
    compute.completeAll();
    await bot.stop();
    await Promise.all([arm.stop(), connector.stop(), prices.stop()]);
  });
  beforeEach(() => {
    connector.reset();
    arm.reset();
    compute.reset();
    compute.instances.clear();
    compute.add({ name: 'ci-ada', state: 'Running', lastOperation: { operationName: 'Start', operationTime: Date.now() - 2 * HOUR, operationStatus: 'Succeeded' } });
    compute.add({ name: 'ci-bob', state: 'Stopped', idleTimeBeforeShutdown: 'PT45M' });
    compute.add({ name: 'ci-cyd', state: 'JobRunning', idleTimeBeforeShutdown: 'PT1H' });
    // Another compute of the workspace, not listed: never shown, never touched.
    compute.add({ name: 'gpu-cluster', state: 'Running', computeType: 'AmlCompute' });
    prices.items = [{ armSkuName: 'Standard_NC6s_v3', armRegionName: 'westeurope', retailPrice: 3.06, productName: 'Virtual Machines NCSv3 Series', skuName: 'NC6s v3', meterName: 'NC6s v3' }];
  });

  const say = async (text: string, fromId = 'operator-1', conversationId = `conv-${randomUUID()}`, count = 1): Promise<ConnectorCall[]> => {
    const before = connector.messagesTo(conversationId).length;
    const response = await bot.post(emulatorMessage({ serviceUrl: connector.url, text, fromId, conversationId }));
    assert.equal(response.status, 200);
    return (await connector.waitForMessages(conversationId, before + count)).slice(before);
  };
  const cardText = (call: ConnectorCall) => visibleTexts(adaptiveCardOf(call)).join('\n');

  it('lists the compute instances beside the VMs: state, billing, size, price, running time and cost, idle shutdown', async () => {
    compute.pageSize = 1;
    const [reply] = await say('vm list', 'stranger');
    const text = cardText(reply);
    assert.match(text, /Training VMs and compute instances/);
    assert.match(text, /gpu-01\nPower state: deallocated/);
    assert.match(text, /ci-ada \(Azure ML compute instance of the workspace team-ws\)\nWarning: ci-ada has no idle shutdown, .* Set one with vm autostop ci-ada idle 30\.\nState: Running\nSize: Standard_NC6s_v3\nLocation: westeurope\nBilling: billed for compute\nIdle shutdown: off\nPrice: 3\.06 USD\/h \(pay-as-you-go, Linux\)\nRunning for: 2 h\nCost so far: about 6\.12 USD/);
    assert.match(text, /ci-bob \(Azure ML compute instance of the workspace team-ws\)\nState: Stopped\n.*Billing: not billed for compute\nIdle shutdown: after 45 min idle/s);
    assert.match(text, /ci-cyd .*\nState: JobRunning\n.*Billing: billed for compute\nIdle shutdown: after 1 h idle/s);
    assert.doesNotMatch(text, /ci-cyd[^]*Running for/, 'Azure says of no start for ci-cyd: no time, no cost');
    assert.doesNotMatch(text, /Warning: ci-(bob|cyd)/);
    assert.doesNotMatch(text, /gpu-cluster/);
    const lists = compute.requests.filter((request) => request.method === 'GET' && request.path.startsWith(`${compute.workspaceId}/computes?`));
    assert.ok(lists.length >= 3, 'one list, its pages followed by nextLink');
    assert.ok(compute.requests.every((request) => request.path.includes(`api-version=${COMPUTE_API_VERSION}`)));
    assert.equal(compute.requests.filter((request) => /\/computes\/[^/?]+\?/.test(request.path)).length, 0, 'no read per instance');
  });

  it('shows one instance with vm status', async () => {
    const [reply] = await say('vm status CI-BOB', 'stranger');
    assert.match(cardText(reply), /Compute instance ci-bob/);
    assert.match(cardText(reply), /State: Stopped/);
  });

  it('refuses a name that is neither a training VM nor a listed instance, naming both, with no Azure call', async () => {
    const [reply] = await say('vm start gpu-cluster');
    assert.equal(shownText(reply), "I don't manage a VM called gpu-cluster. The training VMs are: gpu-01; the Azure ML compute instances: ci-ada, ci-bob, ci-cyd.");
    assert.equal(arm.requests.length, 0);
  });

  it('starts an instance: one start call, acknowledged at once, the outcome posted when Azure says it is done', async () => {
    compute.behaviour = { ...compute.behaviour, manual: true };
    const conversationId = `conv-${randomUUID()}`;
    const [ack] = await say('vm start ci-bob', 'operator-1', conversationId);
    assert.match(shownText(ack), /Starting ci-bob\.\.\. Azure has accepted the request; I'll tell you here when it is running/);
    assert.equal(compute.actionCalls('start', 'ci-bob').length, 1);
    const polls = compute.operationPolls().length;
    await waitFor(() => compute.operationPolls().length >= polls + 2, 'two more polls of the operation');
    assert.equal(connector.messagesTo(conversationId).length, 1, 'nothing more while Azure says InProgress');
    compute.completeAll();
    const [, outcome] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(outcome), /ci-bob is running/);
    assert.equal(compute.actionCalls('start').length, 1, 'one start call for the activity');
    assert.ok(bot.logger.entries.some((e) => e.message === 'audit' && e.fields.event === 'outcome' && e.fields.result === 'succeeded' && e.fields.vm === 'ci-bob' && e.fields.user === 'operator-1'));

    const [already] = await say('vm start ci-cyd');
    assert.equal(shownText(already), 'ci-cyd is already running; nothing to do.');
    assert.equal(compute.actionCalls('start', 'ci-cyd').length, 0);
  });

  it('stops an instance only after the requester confirms, then posts the outcome', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const [question] = await say('vm stop ci-ada', 'operator-1', conversationId);
    assert.match(cardText(question), /Stop ci-ada\?/);
    assert.match(cardText(question), /no longer billed for compute/);
    assert.equal(compute.actionCalls('stop').length, 0, 'nothing before the confirmation');
    const code = /vm confirm ([0-9a-f]{8})/.exec(JSON.stringify(question.activity))?.[1];
    assert.ok(code);
    const [refused] = await say(`vm confirm ${code}`, 'operator-2', conversationId);
    assert.match(shownText(refused), /Only User can confirm stopping ci-ada/);
    assert.equal(compute.actionCalls('stop').length, 0);
    await say(`vm confirm ${code}`, 'operator-1', conversationId, 2);
    const messages = connector.messagesTo(conversationId);
    assert.ok(messages.some((call) => /Stopping ci-ada\.\.\. Azure has accepted the request/.test(shownText(call))));
    assert.ok(messages.some((call) => call.method === 'POST' && /ci-ada is stopped; compute billing has stopped/.test(shownText(call))), messages.map(shownText).join('\n---\n'));
    assert.ok(!messages.some((call) => /deallocat/i.test(shownText(call))), 'a compute instance is stopped, not deallocated');
    assert.equal(compute.actionCalls('stop', 'ci-ada').length, 1);
    assert.equal(compute.instance('ci-ada').state, 'Stopped');
  });

  it('tells the person when Azure reports the start failed', async () => {
    compute.behaviour = { ...compute.behaviour, outcome: 'Failed' };
    const [, outcome] = await say('vm start ci-bob', 'operator-1', undefined, 2);
    assert.match(shownText(outcome), /Azure reports that starting the compute instance ci-bob failed \(ComputeInstanceStartFailed\)\. Its page in Azure Machine Learning studio says why/);
  });

  it('sets and clears the idle shutdown with updateIdleShutdownSetting, and says what Azure reports afterwards', async () => {
    const [set] = await say('vm autostop ci-ada idle 30');
    assert.match(shownText(set), /ci-ada stops after 30 min idle/);
    assert.deepEqual(compute.idleShutdownCalls().map((call) => call.body), [{ idleTimeBeforeShutdown: 'PT30M' }]);
    assert.equal(compute.instance('ci-ada').idleTimeBeforeShutdown, 'PT30M');
    const [off] = await say('vm autostop ci-ada off');
    assert.match(shownText(off), /ci-ada no longer stops when idle/);
    assert.deepEqual(compute.idleShutdownCalls()[1].body, {});
    assert.ok(bot.logger.entries.some((e) => e.message === 'audit' && e.fields.action === 'vm autostop' && e.fields.vm === 'ci-ada' && e.fields.result === 'idle shutdown PT30M'));
    assert.ok(bot.logger.entries.some((e) => e.message === 'audit' && e.fields.action === 'vm autostop' && e.fields.vm === 'ci-ada' && e.fields.result === 'idle shutdown off'));

    compute.requests.length = 0;
    for (const text of ['vm autostop ci-ada idle 5', 'vm autostop ci-ada 19:00', 'vm autostop ci-ada idle soon']) {
      const [refused] = await say(text);
      assert.match(shownText(refused), /Say vm autostop ci-ada idle ‹minutes›, e\.g\. vm autostop ci-ada idle 30, or vm autostop ci-ada off\./, `${text}: ${shownText(refused)}`);
    }
    assert.equal(compute.requests.length, 0, 'bad input is answered before any Azure call');
    const [stranger] = await say('vm autostop ci-ada idle 30', 'stranger');
    assert.match(shownText(stranger), /only operators may use vm autostop/);
    assert.equal(compute.idleShutdownCalls().length, 0);
  });

  it('answers a 403 and a 5xx of the workspace with what did not answer, the role to give in the log', async () => {
    compute.failWith = 403;
    const [refused] = await say('vm list');
    assert.match(shownText(refused), /Azure did not allow the bot to go on listing the compute instances of the workspace team-ws\. Please tell the bot's administrator\./);
    assert.ok(bot.logger.entries.some((entry) => JSON.stringify(entry.fields).includes('computes/updateIdleShutdownSetting/action')), 'the role to give is in the log');
    const [start] = await say('vm start ci-bob');
    assert.match(shownText(start), /Azure did not allow the bot/);
    assert.equal(compute.actionCalls('start').length, 0);
    compute.failWith = 500;
    const [broken] = await say('vm status ci-bob');
    assert.match(shownText(broken), /Azure did not answer properly while reading the state of the compute instance ci-bob in the workspace team-ws\. Please try again in a few minutes\./);
    assert.doesNotMatch(shownText(broken), /failure for the test/, 'no raw error in the chat');
    compute.failWith = 429;
    const [throttled] = await say('vm status ci-bob');
    assert.match(shownText(throttled), /Azure is throttling requests to the workspace team-ws; try again in a minute\./);
  });

  it('says so when the workspace has no such instance (404, or missing from the list), the setting to check in the log', async () => {
    compute.instances.delete('ci-cyd');
    const [status] = await say('vm status ci-cyd');
    assert.equal(shownText(status), "The workspace team-ws has no compute instance ci-cyd. Please tell the bot's administrator.");
    const [list] = await say('vm list');
    assert.equal(shownText(list), "The workspace team-ws has no compute instance ci-cyd. Please tell the bot's administrator.");
    const hints = bot.logger.entries.map((entry) => String(entry.fields.adminHint ?? '')).filter((hint) => /AZUREML_COMPUTE_INSTANCES names ci-cyd/.test(hint));
    assert.equal(hints.length, 2, 'both logged with what to check');
  });

  it('tells the person when the workspace does not answer at all', async () => {
    const impatient = await startApp({ ...env, SERVICE_TIMEOUT_MS: '300' }, { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 3_600_000 } });
    try {
      compute.hang = true;
      const conversationId = `conv-${randomUUID()}`;
      await impatient.post(emulatorMessage({ serviceUrl: connector.url, text: 'vm list', fromId: 'operator-1', conversationId }));
      const [reply] = await connector.waitForMessages(conversationId, 1);
      assert.match(shownText(reply), /Azure did not answer in time while listing the compute instances of the workspace team-ws\. Please try again in a few minutes\./);
    } finally {
      compute.hang = false;
      await impatient.stop();
    }
  });

  it('works with compute instances and no training VM', async () => {
    const instancesOnly = Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'TRAINING_VMS'));
    const alone = await startApp(instancesOnly, { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 3_600_000 } });
    try {
      const post = async (text: string) => {
        const conversationId = `conv-${randomUUID()}`;
        await alone.post(emulatorMessage({ serviceUrl: connector.url, text, fromId: 'operator-1', conversationId }));
        return (await connector.waitForMessages(conversationId, 1))[0];
      };
      const list = await post('vm list');
      assert.match(cardText(list), /^Compute instances\nci-ada/);
      assert.match(cardText(list), /Price: 3\.06 USD\/h/, 'prices without training VMs');
      assert.doesNotMatch(cardText(list), /gpu-01/);
      assert.equal(shownText(await post('vm start gpu-01')), "I don't manage a VM called gpu-01. The Azure ML compute instances are: ci-ada, ci-bob, ci-cyd.");
    } finally {
      await alone.stop();
    }
  });

  it('finishes following a start after the bot restarts, with no second start call', async () => {
    await bot.stop();
    const store = new MemoryStateStore();
    const overrides = { compute: { pollIntervalMs: 5 }, costs: { idleCheckMs: 3_600_000 }, stateStore: store, state: { leaseMs: 1000, recoveryIntervalMs: 100 } };
    let first: RunningApp | undefined = await startApp(env, overrides);
    try {
      compute.behaviour = { ...compute.behaviour, manual: true };
      const conversationId = `conv-${randomUUID()}`;
      await first.post(emulatorMessage({ serviceUrl: connector.url, text: 'vm start ci-bob', fromId: 'operator-1', conversationId }));
      const [ack] = await connector.waitForMessages(conversationId, 1);
      assert.match(shownText(ack), /Starting ci-bob/);
      await first.stop();
      first = undefined;
      bot = await startApp(env, overrides);
      const polls = compute.operationPolls().length;
      await waitFor(() => compute.operationPolls().length > polls, 'the restarted bot polls the saved operation');
      compute.completeAll();
      const [, outcome] = await connector.waitForMessages(conversationId, 2);
      assert.match(shownText(outcome), /ci-bob is running/);
      assert.equal(compute.actionCalls('start', 'ci-bob').length, 1, 'the restarted bot did not ask Azure to start it again');
      assert.ok(bot.logger.entries.some((entry) => entry.message === 'resuming a VM operation' && entry.fields.vm === 'ci-bob'));
    } finally {
      await first?.stop();
    }
  });
});

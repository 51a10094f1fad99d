import { strict as assert } from 'node:assert';
import { emulatorMessage } from '../support/activities.js';
import { Azurite } from '../support/azurite.js';
import { adaptiveCardOf, FakeConnector, shownText } from '../support/connector.js';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { FakeLanguageService } from '../support/fakeLanguageService.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { StorageFaults } from '../support/storageFaults.js';
import { waitFor } from '../support/waitFor.js';

describe('the state storage failing for a while (503 ServerBusy from a proxy in front of Azurite)', function () {
  this.timeout(40_000);
  let azurite: Azurite;
  let faults: StorageFaults;
  let connector: FakeConnector;
  let arm: FakeArm;
  const language = new FakeLanguageService();
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' },
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'running' },
    ]);
    [azurite] = await Promise.all([Azurite.start(), connector.start(), arm.start(), language.start()]);
    faults = new StorageFaults(azurite.origin);
    await faults.start();
    bot = await startApp(
      {
        STATE_STORAGE_CONNECTION_STRING: azurite.connectionString(`${faults.origin}/devstoreaccount1`),
        ...trainingVmsEnv(arm),
        VM_OPERATORS: 'emulator/operator-1',
        TEXT_ANALYTICS_ENDPOINT: language.endpoint,
        TEXT_ANALYTICS_KEY: language.key,
      },
      { compute: { pollIntervalMs: 20 }, state: { retry: { maxTries: 2, retryDelayInMs: 20, maxRetryDelayInMs: 20 }, leaseMs: 15_000 } },
    );
  });
  after(async () => {
    arm.completeAll();
    await bot?.stop();
    await Promise.all([faults?.stop(), azurite?.stop(), arm.stop(), connector.stop(), language.stop()]);
  });

  it('answers clearly while it fails, keeps serving, and loses nothing once it is back', async () => {
    const conversationId = 'conv-outage';
    let count = 0;
    const say = async (text: string) => {
      assert.equal((await bot.post(emulatorMessage({ serviceUrl: connector.url, conversationId, fromId: 'operator-1', text }))).status, 200);
      return (await connector.waitForMessages(conversationId, ++count))[count - 1];
    };

    // Before the outage: a start Azure is still working on, and a stop waiting for its confirmation.
    arm.behaviour = { inProgressPolls: 0, manual: true, outcome: 'Succeeded', retryAfter: '0', conflict: false };
    assert.match(shownText(await say('vm start gpu-01')), /Starting gpu-01\.\.\./);
    const question = await say('vm stop gpu-02');
    const code = /vm confirm ([0-9a-f]{8})/.exec(JSON.stringify(adaptiveCardOf(question)))?.[1];
    assert.ok(code);

    faults.fail(503, 'ServerBusy');
    for (const text of ['sentiment The new GPUs are great', 'vm start gpu-02']) {
      assert.equal(shownText(await say(text)), 'The storage where I keep conversations and operations is busy right now, so I could not finish that. Please try again in a minute.');
    }
    // Azure finishes the start during the outage: the outcome cannot be claimed yet, so it waits.
    arm.completeAll();
    await waitFor(() => bot.logger.entries.some((entry) => entry.message === 'could not report the end of a VM operation yet; trying again'), 'a failed report of the outcome');
    assert.equal(connector.messagesTo(conversationId).length, count, 'nothing is posted that the storage could not record');
    assert.equal((await fetch(`${bot.url}/healthz`)).status, 200, 'the bot keeps running');
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'could not report the end of a VM operation yet; trying again'));

    faults.heal();
    const outcome = (await connector.waitForMessages(conversationId, ++count, 10_000))[count - 1];
    assert.match(shownText(outcome), /gpu-01 is running/, 'the start asked for before the outage is reported once storage is back');
    arm.behaviour = { ...arm.behaviour, manual: false };
    assert.match(shownText(await say(`vm confirm ${code}`)), /Deallocating gpu-02/, 'the pending confirmation survived the outage');
    assert.match(shownText((await connector.waitForMessages(conversationId, ++count))[count - 1]), /gpu-02 is deallocated/);
    assert.match(shownText(await say('sentiment The new GPUs are great')), /positive/i, 'normal service');
    // The later events (the confirmation, its outcome and this answer) all came after gpu-01's one report.
    const calls = connector.messagesTo(conversationId);
    assert.equal(calls.filter((call) => /gpu-01 is running/.test(shownText(call))).length, 1, 'reported once');
    assert.equal(arm.actionCalls('start', 'gpu-02').length, 0, 'nothing started during the outage');
    assert.equal(arm.actionCalls('deallocate', 'gpu-02').length, 1);
  });
});

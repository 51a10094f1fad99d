import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { emulatorMessage, teamsCardInvoke, teamsChannelMessage, type TestActivity } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText, visibleTexts } from '../support/connector.js';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { cardButtons } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { waitFor } from '../support/waitFor.js';

const TEAMS_OPERATOR = '5e1b0d4e-0000-4000-8000-00000000a11c';

describe('vm commands through POST /api/messages (local connector, local HTTPS Resource Manager)', () => {
  let connector: FakeConnector;
  let arm: FakeArm;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' },
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'stopped' },
      { resourceGroup: 'ml-rg', name: 'gpu-03', power: 'running' },
    ]);
    await arm.start();
    bot = await startApp(
      {
        ...trainingVmsEnv(arm),
        VM_OPERATORS: `emulator/operator-1, emulator/operator-2, msteams/${TEAMS_OPERATOR}, slack/U0123`,
      },
      { compute: { pollIntervalMs: 5 } },
    );
  });
  after(async () => {
    arm.completeAll();
    await bot.stop();
    await arm.stop();
    await connector.stop();
  });
  beforeEach(() => {
    connector.reset();
    arm.reset();
    arm.behaviour = { inProgressPolls: 1, outcome: 'Succeeded', retryAfter: '0', conflict: false };
    arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
    arm.vms.get('ml-rg/gpu-02')!.power = 'stopped';
    arm.vms.get('ml-rg/gpu-03')!.power = 'running';
  });

  const say = async (text: string, fromId = 'operator-1', conversationId = `conv-${randomUUID()}`) => {
    const activity = emulatorMessage({ serviceUrl: connector.url, text, fromId, conversationId });
    const response = await bot.post(activity);
    assert.equal(response.status, 200);
    return activity;
  };

  /** A Teams operator asks to stop `vm` (in a thread, when `replyToId` names its post); the question's Execute button. */
  const askTeamsToStop = async (vm: string, replyToId?: string) => {
    const ask = { ...teamsChannelMessage({ serviceUrl: connector.url, text: `vm stop ${vm}`, fromId: TEAMS_OPERATOR }), ...(replyToId ? { replyToId } : {}) };
    await bot.post(ask);
    const [question] = await connector.waitForMessages(ask.conversation.id, 1);
    const execute = (adaptiveCardOf(question) as { actions: Array<{ verb: string; data: { command: string } }> }).actions[0];
    return { ask, execute };
  };

  it('acknowledges a start at once, while Azure still reports InProgress, then posts the outcome proactively', async () => {
    arm.behaviour = { ...arm.behaviour, manual: true };
    const activity = await say('vm start gpu-01');
    const [ack] = await connector.waitForMessages(activity.conversation.id, 1);
    assert.equal(ack.activityId, activity.id, 'the acknowledgement is a reply to the command');
    assert.match(shownText(ack), /Starting gpu-01\.\.\..*I'll tell you here when it is running/s);
    assert.equal(arm.actionCalls('start', 'gpu-01').length, 1);
    const [operation] = [...arm.operations.values()].filter((op) => op.vm.name === 'gpu-01' && op.status === 'InProgress');
    assert.ok(operation, 'the HTTP request returned and the acknowledgement arrived while the operation is in progress');
    // The positive event: the bot polled the operation twice more and heard InProgress each time.
    const polls = arm.operationPolls().length;
    await waitFor(() => arm.operationPolls().length >= polls + 2, 'two more polls of the operation');
    assert.equal(connector.messagesTo(activity.conversation.id).length, 1, 'nothing more while Azure says InProgress');

    arm.completeAll();
    const [, outcome] = await connector.waitForMessages(activity.conversation.id, 2);
    assert.equal(outcome.method, 'POST');
    assert.notEqual(outcome.activityId, activity.id, 'a new message, not a reply to the command');
    assert.match(shownText(outcome), /gpu-01 is running/);
    assert.ok(bot.logger.entries.some((e) => e.message === 'audit' && e.fields.event === 'outcome' && e.fields.result === 'succeeded' && e.fields.vm === 'gpu-01' && e.fields.user === 'operator-1' && typeof e.fields.durationMs === 'number'));
  });

  it('in Teams, posts the outcome once: a new message says it, the acknowledgement card points to it', async () => {
    const activity = teamsChannelMessage({ serviceUrl: connector.url, text: 'vm start gpu-01', fromId: TEAMS_OPERATOR });
    assert.equal((await bot.post(activity)).status, 200);
    await connector.waitForMessages(activity.conversation.id, 3);
    const calls = connector.messagesTo(activity.conversation.id);
    const ack = calls.find((call) => call.method === 'POST' && call.activityId === activity.id)!;
    assert.match(shownText(ack), /Starting: gpu-01/);
    const update = calls.find((call) => call.method === 'PUT')!;
    assert.ok(update, 'the card is updated with PUT .../activities/{id}');
    assert.equal(update.activityId, ack.responseId, 'the PUT names the id the connector gave the acknowledgement');
    assert.match(shownText(update), /Starting: gpu-01\nAsked at \d\d:\d\d UTC; ended at \d\d:\d\d UTC\. The outcome is in the message below\./);

    // What the conversation shows once it settled: the acknowledgement (as updated), then the outcome, said once.
    const shown = connector.conversationAsShown(activity.conversation.id);
    assert.equal(shown.length, 2);
    assert.match(shown[1], /^Done: gpu-01\ngpu-01 is running\./);
    assert.equal(shown.filter((text) => /is running|Done:/.test(text)).length, 1, `the outcome appears once in:\n${shown.join('\n---\n')}`);
  });

  it('refuses a start from someone who is not an operator, names their id, and calls no start', async () => {
    const activity = await say('vm start gpu-01', 'stranger');
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
    assert.match(shownText(reply), /only operators may use vm start/);
    assert.match(shownText(reply), /giving your id: emulator\/stranger/);
    assert.equal(arm.actionCalls('start').length, 0);
    assert.ok(bot.logger.entries.some((e) => e.message === 'audit' && e.fields.event === 'refusal' && e.fields.user === 'stranger' && e.fields.vm === 'gpu-01'));
  });

  it('does not take a client that names itself after a Slack operator for one', async () => {
    const activity = { ...emulatorMessage({ serviceUrl: connector.url, text: 'vm start gpu-01' }), channelId: 'directline', from: { id: 'U0123', name: 'Mallory' } };
    await bot.post(activity);
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
    assert.match(shownText(reply), /only operators may use vm start/);
    assert.equal(arm.actionCalls('start').length, 0);
  });

  it('stops only after the requester confirms; another operator\'s confirmation does nothing', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const ask = await say('vm stop gpu-02', 'operator-1', conversationId);
    const [question] = await connector.waitForMessages(conversationId, 1);
    assert.equal(ask.id, question.activityId);
    const card = adaptiveCardOf(question) as { actions: Array<{ type: string; title: string; verb: string; data: { command: string }; fallback: { type: string } }> };
    assert.match(visibleTexts(card).join('\n'), /Deallocate gpu-02\?/);
    const execute = card.actions.find((action) => action.title === 'Deallocate gpu-02')!;
    assert.equal(execute.type, 'Action.Execute');
    assert.match(execute.data.command, /^vm confirm [0-9a-f]{8}$/, 'the button runs what a person could type');
    assert.equal(execute.fallback.type, 'Action.Submit');
    assert.equal(arm.actionCalls('deallocate').length, 0, 'nothing happens before the confirmation');

    // The Action.Submit fallback arrives as a message whose value is the button's data.
    const submit = (fromId: string): TestActivity => {
      const activity = emulatorMessage({ serviceUrl: connector.url, conversationId, fromId, value: execute.data });
      delete activity.text;
      return activity;
    };
    await bot.post(submit('operator-2'));
    const [, refused] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(refused), /Only User can confirm stopping gpu-02/);
    assert.equal(arm.actionCalls('deallocate').length, 0);

    await bot.post(submit('operator-1'));
    const messages = await connector.waitForMessages(conversationId, 4);
    assert.match(shownText(messages[2]), /Deallocating gpu-02/);
    assert.match(shownText(messages[3]), /gpu-02 is deallocated; compute billing has stopped\. \(User asked just now\.\)/, 'a quick outcome is "just now", not "0 s ago"');
    assert.equal(connector.conversationAsShown(conversationId).filter((text) => /gpu-02 is deallocated;/.test(text)).length, 1, `the outcome is said once:\n${connector.conversationAsShown(conversationId).join('\n---\n')}`);
    assert.equal(arm.actionCalls('deallocate', 'gpu-02').length, 1);

    await bot.post(submit('operator-1'));
    const [, , , , again] = await connector.waitForMessages(conversationId, 5);
    assert.match(shownText(again), /no pending stop with that code/, 'a confirmation is used once');
    assert.equal(arm.actionCalls('deallocate').length, 1);
  });

  it('takes a Teams Action.Execute confirmation as an invoke and answers it within the request', async () => {
    const { ask, execute } = await askTeamsToStop('gpu-03');
    const response = await bot.post(teamsCardInvoke({ serviceUrl: connector.url, fromId: TEAMS_OPERATOR, conversationId: ask.conversation.id, action: execute }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' });
    await connector.waitForMessages(ask.conversation.id, 3);
    assert.equal(arm.actionCalls('deallocate', 'gpu-03').length, 1);
    // Once it ended, the conversation says the outcome once: in its own message, not in the updated acknowledgement too.
    await waitFor(() => connector.conversationAsShown(ask.conversation.id).some((text) => /message below/.test(text)), 'the acknowledgement updated');
    const shown = connector.conversationAsShown(ask.conversation.id);
    assert.equal(shown.filter((text) => /gpu-03 is deallocated;/.test(text)).length, 1, `the outcome is said once:\n${shown.join('\n---\n')}`);
  });

  it('answers a Teams invoke within its budget when the command is slow, and posts the work after', async function () {
    this.timeout(20_000);
    const { ask, execute } = await askTeamsToStop('gpu-03');
    arm.actionDelayMs = 4_000;
    try {
      const response = await bot.post(teamsCardInvoke({ serviceUrl: connector.url, fromId: TEAMS_OPERATOR, conversationId: ask.conversation.id, action: execute }));
      assert.deepEqual(await response.json(), { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' });
      assert.equal(arm.actionCalls('deallocate', 'gpu-03').length, 1, 'the deallocate was asked for');
      assert.equal(connector.messagesTo(ask.conversation.id).length, 1, 'answered while Azure had not yet accepted the deallocate');
      const [, acknowledgement] = await connector.waitForMessages(ask.conversation.id, 2);
      assert.match(shownText(acknowledgement), /Deallocating gpu-03/);
      await connector.waitForMessages(ask.conversation.id, 3);
    } finally {
      arm.actionDelayMs = 0;
    }
  });

  it("answers a confirmation typed in a Teams thread with a reply, never rewriting the thread's post", async () => {
    const threadPost = '1700000000000';
    const { ask, execute } = await askTeamsToStop('gpu-03', threadPost);
    const typed = { ...teamsChannelMessage({ serviceUrl: connector.url, text: execute.data.command, fromId: TEAMS_OPERATOR, conversationId: ask.conversation.id }), replyToId: threadPost };
    await bot.post(typed);
    const [, acknowledgement] = await connector.waitForMessages(ask.conversation.id, 2);
    assert.match(shownText(acknowledgement), /Deallocating gpu-03/);
    const rewrites = connector.calls.filter((call) => call.method === 'PUT' && call.activityId === threadPost);
    assert.deepEqual(rewrites, [], "the thread's post is left as it was");
    await connector.waitForMessages(ask.conversation.id, 3);
  });

  it('asks for a typed confirmation where cards do not render (Slack through Azure Bot Service)', async () => {
    const conversationId = `conv-${randomUUID()}`;
    const slack = (text: string) => ({ ...emulatorMessage({ serviceUrl: connector.url, text, conversationId }), channelId: 'slack', from: { id: 'U0123:T0456', name: 'Grace' } });
    await bot.post(slack('vm stop gpu-02'));
    const [question] = await connector.waitForMessages(conversationId, 1);
    assert.equal(question.activity.attachments, undefined);
    const code = /To answer, reply `vm confirm ([0-9a-f]{8})` \(Deallocate gpu-02\) or `vm cancel [0-9a-f]{8}` \(Cancel\)/.exec(question.activity.text ?? '')?.[1];
    assert.ok(code, question.activity.text);
    await bot.post(slack(`vm confirm ${code}`));
    const messages = await connector.waitForMessages(conversationId, 3);
    assert.match(messages[1].activity.text ?? '', /Deallocating gpu-02/);
    assert.match(messages[2].activity.text ?? '', /gpu-02 is deallocated/);
    assert.equal(arm.actionCalls('deallocate', 'gpu-02').length, 1);
  });

  it('acts once on an activity delivered twice (one ARM call, one answer)', async () => {
    arm.behaviour = { ...arm.behaviour, manual: true };
    const activity = emulatorMessage({ serviceUrl: connector.url, text: 'vm start gpu-01', fromId: 'operator-1' });
    const [first, second] = await Promise.all([bot.post(activity), bot.post(activity)]);
    assert.equal(first.status, 200);
    assert.equal(second.status, 200);
    await connector.waitForMessages(activity.conversation.id, 1);
    // Both turns have ended (each POST returns when its turn does), so their answers have all been sent.
    assert.equal(connector.messagesTo(activity.conversation.id).length, 1, 'the redelivery is not answered again');
    assert.equal(arm.actionCalls('start').length, 1);
    arm.completeAll();
    await connector.waitForMessages(activity.conversation.id, 2);
  });

  it('refuses a VM that is not in TRAINING_VMS, lists the ones that are, and calls no Azure API', async () => {
    const activity = await say('vm start prod-db');
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
    assert.equal(shownText(reply), "I don't manage a VM called prod-db. The training VMs are: gpu-01, gpu-02, gpu-03.");
    assert.equal(arm.requests.length, 0);
  });

  it('says so when the VM is already in the asked state, or the bot is already working on it', async () => {
    const running = await say('vm start gpu-03');
    const [already] = await connector.waitForMessages(running.conversation.id, 1);
    assert.equal(shownText(already), 'gpu-03 is already running; nothing to do.');

    arm.behaviour = { ...arm.behaviour, manual: true };
    const conversationId = `conv-${randomUUID()}`;
    await say('vm start gpu-01', 'operator-1', conversationId);
    await connector.waitForMessages(conversationId, 1);
    await say('vm start gpu-01', 'operator-2', conversationId);
    const [, busy] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(busy), /I am already starting gpu-01 \(asked by User\)/);
    assert.equal(arm.actionCalls('start').length, 1);
    arm.completeAll();
    await connector.waitForMessages(conversationId, 3);
  });

  it('lists the VMs with power state and size, warning that a stopped-allocated VM is still billed', async () => {
    const activity = await say('vm list', 'stranger');
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
    const card = adaptiveCardOf(reply)!;
    const texts = visibleTexts(card).join('\n');
    assert.match(texts, /gpu-01\nPower state: deallocated\nSize: Standard_NC6s_v3/);
    assert.match(texts, /gpu-02 is stopped but still allocated, so it is still billed for compute/);
    assert.deepEqual(cardButtons(card), [['Deallocate gpu-02', 'vm stop gpu-02']], 'one Deallocate button, on the VM that is still billed');
  });

  it('tells the user when Azure refuses (409) or the operation fails', async () => {
    arm.behaviour = { ...arm.behaviour, conflict: true };
    const conflict = await say('vm start gpu-01');
    const [busy] = await connector.waitForMessages(conflict.conversation.id, 1);
    assert.match(shownText(busy), /Azure is still busy with another operation on gpu-01/);

    arm.behaviour = { ...arm.behaviour, conflict: false, outcome: 'Failed' };
    const failing = await say('vm start gpu-01');
    const [, outcome] = await connector.waitForMessages(failing.conversation.id, 2);
    assert.match(shownText(outcome), /Azure reports that starting gpu-01 failed \(AllocationFailed\)/);
  });
});

describe('vm commands without compute configuration', () => {
  it('says training VMs are not set up (not that the person is no operator), and logs how to set them up', async () => {
    const connector = new FakeConnector();
    await connector.start();
    const bot = await startApp();
    try {
      for (const text of ['vm start gpu-01', 'vm list']) {
        const activity = emulatorMessage({ serviceUrl: connector.url, text, fromId: 'anyone' });
        await bot.post(activity);
        const [reply] = await connector.waitForMessages(activity.conversation.id, 1);
        const shown = visibleTexts(adaptiveCardOf(reply)).join('\n');
        assert.equal(shown, "Training VM control is not set up on this bot yet. Ask the bot's administrator to set it up.");
      }
      const hints = bot.logger.entries.filter((entry) => entry.fields.adminHint !== undefined).map((entry) => String(entry.fields.adminHint));
      assert.ok(hints.length === 2 && hints.every((hint) => /AZURE_SUBSCRIPTION_ID and TRAINING_VMS/.test(hint)), hints.join('\n'));
    } finally {
      await bot.stop();
      await connector.stop();
    }
  });
});

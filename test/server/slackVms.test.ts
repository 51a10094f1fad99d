import { strict as assert } from 'node:assert';
import { FakeArm, TEST_SUBSCRIPTION_ID } from '../support/fakeArm.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { blockActionsBody, BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../support/slack.js';

interface SlackBlock {
  type: string;
  text?: { text: string };
  elements?: Array<{ type: string; text?: { text: string }; value?: string; action_id?: string }>;
}

describe('a VM stop confirmed with Slack buttons (real server, local Slack, local HTTPS Resource Manager)', () => {
  let slack: FakeSlack;
  let arm: FakeArm;
  let bot: RunningApp;

  before(async () => {
    slack = new FakeSlack();
    await slack.start();
    arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-02', power: 'stopped' }]);
    await arm.start();
    bot = await startApp(
      {
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        AZURE_SUBSCRIPTION_ID: TEST_SUBSCRIPTION_ID,
        TRAINING_VMS: 'ml-rg/gpu-02',
        AZURE_RESOURCE_MANAGER_ENDPOINT: arm.endpoint,
        VM_OPERATORS: 'slack/U0ADA',
      },
      // Every answer goes through the response_url, where the fake Slack records it.
      { compute: { pollIntervalMs: 5 }, slackInlineAnswerMs: 0 },
    );
  });
  after(async () => {
    arm.completeAll();
    await bot.stop();
    await arm.stop();
    await slack.stop();
  });

  const post = async (path: string, body: string) => {
    const response = await fetch(`${bot.url}/api/slack/${path}`, { method: 'POST', headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
  };

  it('asks with Deallocate/Cancel buttons, and the requester’s click on Deallocate deallocates the VM once', async () => {
    const commandUrl = slack.newResponseUrl();
    await post('commands', slashCommandBody({ text: 'vm stop gpu-02', responseUrl: commandUrl, userId: 'U0ADA' }));
    const [question] = await slack.waitFor(new URL(commandUrl).pathname, 1);
    const blocks = question.body.blocks as SlackBlock[];
    assert.equal(blocks[0].text?.text, 'Deallocate gpu-02?');
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    assert.deepEqual(buttons.map((button) => button.text?.text), ['Deallocate gpu-02', 'Cancel']);
    assert.match(String(question.body.text), /reply `vm confirm [0-9a-f]{8}`/, 'the notification text still says how to confirm by typing');
    assert.equal(arm.actionCalls('deallocate').length, 0, 'nothing is deallocated before the confirmation');

    const clickUrl = slack.newResponseUrl();
    const click = blockActionsBody({ value: buttons[0].value ?? '', actionId: buttons[0].action_id, responseUrl: clickUrl, userId: 'U0ADA' });
    await post('interactions', click);
    const [replaced, ack] = await slack.waitFor(new URL(clickUrl).pathname, 2);
    assert.equal(replaced.body.replace_original, true, 'the answered question loses its buttons');
    assert.match(String(replaced.body.text), /Deallocate gpu-02\?\* Confirmed by ada/);
    assert.match((ack.body.blocks as SlackBlock[])[0].text?.text ?? '', /Deallocating: gpu-02/);
    assert.equal(ack.body.replace_original, undefined);
    assert.equal(arm.actionCalls('deallocate', 'gpu-02').length, 1);

    // The same click again (a double click, a retried request): the confirmation was used once.
    const againUrl = slack.newResponseUrl();
    await post('interactions', blockActionsBody({ value: buttons[0].value ?? '', actionId: buttons[0].action_id, responseUrl: againUrl, userId: 'U0ADA' }));
    const [again] = await slack.waitFor(new URL(againUrl).pathname, 1);
    assert.match(String(again.body.text), /no pending stop with that code/);
    assert.equal(arm.actionCalls('deallocate').length, 1);
  });
});

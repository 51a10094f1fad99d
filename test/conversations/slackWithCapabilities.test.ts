import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { colourImage, tinyModel } from '../support/imageFixtures.js';
import { blockKitTexts } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { blockActionsBody, BOT_TOKEN, eventBody, FakeSlack, signedHeaders, slackAppEnv, slashCommandBody } from '../support/slack.js';

interface SlackButton {
  type: string;
  text?: { text: string };
  value?: string;
  action_id?: string;
}

interface SlackBlock {
  type: string;
  text?: { text: string };
  elements?: SlackButton[];
  accessory?: SlackButton;
}

/** Every button of a message, in actions blocks and beside sections. */
function buttonsOf(body: Record<string, unknown>): SlackButton[] {
  return (body.blocks as SlackBlock[]).flatMap((block) => [...(block.type === 'actions' ? (block.elements ?? []) : []), ...(block.accessory ? [block.accessory] : [])]);
}

/** The direct Slack app with the other capabilities set up: what images, labelling, VMs and translation add to the Slack side. */
describe('Slack app with images, labelling, training VMs and translation (local Slack, local HTTPS Resource Manager, Apertium)', () => {
  let slack: FakeSlack;
  let arm: FakeArm;
  let bot: RunningApp;
  const labelDir = join(mkdtempSync(join(tmpdir(), 'labmate-slack-labels-')), 'labels');

  const post = async (path: string, body: string) => {
    const response = await fetch(`${bot.url}/api/slack/${path}`, { method: 'POST', headers: signedHeaders(body), body });
    assert.equal(response.status, 200);
    return response;
  };
  /** What a person reads in a Slack message: its blocks' texts, else its text. */
  const textOf = (body: Record<string, unknown>) => (Array.isArray(body.blocks) ? blockKitTexts(body.blocks).join('\n') : String(body.text ?? ''));

  before(async () => {
    slack = new FakeSlack();
    await slack.start();
    arm = new FakeArm([
      { resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' },
      { resourceGroup: 'ml-rg', name: 'gpu-02', power: 'stopped' },
    ]);
    await arm.start();
    bot = await startApp(
      {
        ...slackAppEnv(slack),
        SLACK_FILE_HOSTS: slack.url,
        IMAGE_MODEL_DIR: tinyModel(),
        LABEL_DATA_DIR: labelDir,
        ...trainingVmsEnv(arm),
        VM_OPERATORS: 'slack/U0OPS, slack/U0ADA',
      },
      // Every answer goes through the response_url or chat.postMessage, where the fake Slack records it.
      { compute: { pollIntervalMs: 5 }, slackInlineAnswerMs: 0 },
    );
  });
  after(async () => {
    arm.completeAll();
    await bot.stop();
    await arm.stop();
    await slack.stop();
  });
  beforeEach(() => {
    slack.calls.length = 0;
    arm.reset();
    arm.vms.get('ml-rg/gpu-01')!.power = 'deallocated';
    arm.vms.get('ml-rg/gpu-02')!.power = 'stopped';
  });

  it('classifies a file posted in a DM: downloads it with the bot token and posts the tags with chat.postMessage', async () => {
    slack.files.set('/files-pri/T0001-F0LEAF/download/leaf.png', { bytes: await colourImage('green', 'png'), contentType: 'image/png' });
    const body = eventBody({
      type: 'message',
      subtype: 'file_share',
      channel: 'D0ADA',
      channel_type: 'im',
      user: 'U0ADA',
      text: '',
      ts: '1700000300.000100',
      files: [{ id: 'F0LEAF', name: 'leaf.png', mimetype: 'image/png', url_private_download: `${slack.url}/files-pri/T0001-F0LEAF/download/leaf.png` }],
    });
    const response = await post('events', body);
    assert.equal(response.status, 200);

    const [posted] = await slack.waitFor('/api/chat.postMessage', 1);
    const [download] = slack.to('/files-pri/T0001-F0LEAF/download/leaf.png');
    assert.equal(download.authorization, `Bearer ${BOT_TOKEN}`);
    assert.equal(posted.body.channel, 'D0ADA');
    assert.equal(posted.authorization, `Bearer ${BOT_TOKEN}`);
    assert.match(textOf(posted.body), /leaf\.png/);
    assert.match(textOf(posted.body), /^█+░* \d+% green$/m);
  });

  it('labels a posted image in two clicks (its Label button, then a suggested tag), and replaces the answered card', async () => {
    const png = await colourImage('red', 'png', 300);
    slack.files.set('/files-pri/T0001-F0RED/download/red.png', { bytes: png, contentType: 'image/png' });
    const file = { id: 'F0RED', name: 'red.png', mimetype: 'image/png', url_private_download: `${slack.url}/files-pri/T0001-F0RED/download/red.png` };
    await post('events', eventBody({ type: 'message', subtype: 'file_share', channel: 'D0ADA', channel_type: 'im', user: 'U0ADA', text: '', ts: '1700000400.000100', files: [file] }));
    const [result] = await slack.waitFor('/api/chat.postMessage', 1);
    const label = buttonsOf(result.body).find((button) => button.text?.text === 'Label');
    assert.ok(label, JSON.stringify(result.body.blocks));

    const press = async (button: SlackButton) => {
      const responseUrl = slack.newResponseUrl();
      await post('interactions', blockActionsBody({ value: button.value ?? '', actionId: button.action_id, responseUrl, userId: 'U0ADA', channelId: 'D0ADA' }));
      return (await slack.waitFor(new URL(responseUrl).pathname, 1))[0];
    };
    const card = await press(label);
    assert.deepEqual(buttonsOf(card.body).map((button) => button.text?.text).slice(-2), ['Other…', 'Skip']);
    const red = buttonsOf(card.body).find((button) => button.text?.text === 'red');
    assert.ok(red);
    const answered = await press(red);
    assert.equal(answered.body.replace_original, true, 'the card loses its buttons');
    assert.equal(textOf(answered.body), 'Label red.png\nLabelled red by ada.');
    assert.deepEqual(readdirSync(join(labelDir, 'red')), [`${createHash('sha256').update(png).digest('hex')}.png`]);
  });

  it('refuses `/labmate vm start` from a user who is not an operator, with no call to Azure', async () => {
    const responseUrl = slack.newResponseUrl();
    const body = slashCommandBody({ text: 'vm start gpu-01', responseUrl, userId: 'U0EVE' });
    assert.equal((await post('commands', body)).status, 200);
    const [refusal] = await slack.waitFor(new URL(responseUrl).pathname, 1);
    assert.match(textOf(refusal.body), /slack\/U0EVE/, 'the refusal names the id an administrator would add');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(arm.actionCalls('start', 'gpu-01').length, 0);
  });

  it('starts a VM for an operator and reports the end to the same Slack conversation', async () => {
    const responseUrl = slack.newResponseUrl();
    const body = slashCommandBody({ text: 'vm start gpu-01', responseUrl, userId: 'U0OPS' });
    assert.equal((await post('commands', body)).status, 200);
    const path = new URL(responseUrl).pathname;
    const [ack] = await slack.waitFor(path, 1);
    assert.match(textOf(ack.body), /Starting gpu-01\.\.\. Azure has accepted the request/);
    assert.equal(arm.actionCalls('start', 'gpu-01').length, 1);

    // The outcome is posted proactively through the Slack adapter: the command's response_url, or chat.postMessage.
    const deadline = Date.now() + 5000;
    const outcome = () => [...slack.to(path).slice(1), ...slack.to('/api/chat.postMessage')].find((call) => /running/i.test(textOf(call.body)));
    while (!outcome() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(outcome(), `no outcome among ${JSON.stringify(slack.calls.map((call) => call.body))}`);
  });

  it('asks with Deallocate/Cancel buttons, and the requester’s click on Deallocate deallocates the VM once', async () => {
    const commandUrl = slack.newResponseUrl();
    await post('commands', slashCommandBody({ text: 'vm stop gpu-02', responseUrl: commandUrl, userId: 'U0ADA' }));
    const [question] = await slack.waitFor(new URL(commandUrl).pathname, 1);
    const blocks = question.body.blocks as SlackBlock[];
    assert.equal(blocks[0].text?.text, 'Deallocate gpu-02?');
    const buttons = blocks.find((block) => block.type === 'actions')?.elements ?? [];
    assert.deepEqual(buttons.map((button) => button.text?.text), ['Deallocate gpu-02', 'Cancel']);
    assert.equal(question.body.text, 'Deallocate gpu-02?', 'the notification says what is asked');
    assert.equal(arm.actionCalls('deallocate').length, 0, 'nothing is deallocated before the confirmation');

    const clickUrl = slack.newResponseUrl();
    const click = blockActionsBody({ value: buttons[0].value ?? '', actionId: buttons[0].action_id, responseUrl: clickUrl, userId: 'U0ADA' });
    await post('interactions', click);
    const [replaced, ack] = await slack.waitFor(new URL(clickUrl).pathname, 2);
    assert.equal(replaced.body.replace_original, true, 'the answered question loses its buttons');
    assert.equal(textOf(replaced.body), 'Deallocate gpu-02?\nConfirmed by ada.');
    assert.match((ack.body.blocks as SlackBlock[])[0].text?.text ?? '', /Deallocating: gpu-02/);
    assert.equal(ack.body.replace_original, undefined);
    assert.equal(arm.actionCalls('deallocate', 'gpu-02').length, 1);

    // The same click again (a double click, a retried request): the confirmation was used once.
    const againUrl = slack.newResponseUrl();
    await post('interactions', blockActionsBody({ value: buttons[0].value ?? '', actionId: buttons[0].action_id, responseUrl: againUrl, userId: 'U0ADA' }));
    const [again] = await slack.waitFor(new URL(againUrl).pathname, 1);
    assert.match(textOf(again.body), /no pending stop with that code/);
    assert.equal(arm.actionCalls('deallocate').length, 1);
  });

  it('translates the Block Kit answers of a conversation switched to Spanish, leaving button values alone', async () => {
    const channelId = 'C0SPANISH';
    const say = async (text: string) => {
      const responseUrl = slack.newResponseUrl();
      await post('commands', slashCommandBody({ text, responseUrl, userId: 'U0ADA', channelId }));
      return (await slack.waitFor(new URL(responseUrl).pathname, 1))[0].body;
    };
    await say('translate auto spanish');
    const help = await say('help');
    const blocks = help.blocks as SlackBlock[];
    assert.doesNotMatch(blocks[0].text?.text ?? '', /^What labmate can do$/, 'the header is translated');
    assert.match(JSON.stringify(blocks), /puede/, 'Apertium wrote Spanish into the blocks');
    const button = blocks.find((block) => block.type === 'actions')?.elements?.[0];
    assert.deepEqual(JSON.parse(button?.value ?? '{}'), { command: 'analyze I loved the new GPU, but the driver install was painful' });
    await say('translate off');
  });
});

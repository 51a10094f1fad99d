import { strict as assert } from 'node:assert';
import { activityFromEvent, activityFromInteraction, activityFromSlashCommand } from '../../../channels/slack/slackActivities.js';
import { parseEventEnvelope, parseInteraction, parseSlashCommand } from '../../../channels/slack/slackPayloads.js';
import { blockActionsBody, eventBody, slashCommandBody } from '../../support/slack.js';

const API = 'https://slack.com/api/';

function eventActivity(event: Record<string, unknown>) {
  const envelope = parseEventEnvelope(Buffer.from(eventBody(event)));
  assert.ok(envelope.ok && envelope.value.type === 'event_callback');
  return activityFromEvent(envelope.value, API);
}

describe('Slack requests as activities for the bot', () => {
  it('a slash command: Slack user id as from.id, channel as conversation, text decoded, response_url kept', () => {
    const parsed = parseSlashCommand(Buffer.from(slashCommandBody({ text: 'analyze Tom &amp; Jerry <https://example.com|site>', responseUrl: 'https://hooks.slack.com/commands/T1/2/x' })));
    assert.ok(parsed.ok);
    const activity = activityFromSlashCommand(parsed.value, API);
    assert.equal(activity.channelId, 'slack');
    assert.equal(activity.from?.id, 'U0ADA');
    assert.equal(activity.conversation?.id, 'C0LAB');
    assert.equal(activity.serviceUrl, API);
    assert.equal(activity.text, 'analyze Tom & Jerry site');
    assert.deepEqual(activity.channelData, { slackApp: { source: 'command', teamId: 'T0001', responseUrl: 'https://hooks.slack.com/commands/T1/2/x' } });
  });

  it('an @mention: the bot’s mention removed, other mentions and channels readable', () => {
    const activity = eventActivity({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> sentiment <@U0BOB|bob> loves <#C0GEN|general>', channel: 'C0LAB', ts: '1.2' });
    assert.equal(activity?.text, 'sentiment @bob loves #general');
    assert.equal(activity?.conversation?.id, 'C0LAB');
    assert.equal(activity?.id, '1.2');
  });

  it('a message in a thread: the conversation is the thread', () => {
    const activity = eventActivity({ type: 'app_mention', user: 'U0ADA', text: '<@U0BOT> help', channel: 'C0LAB', ts: '1.3', thread_ts: '1.1' });
    assert.equal(activity?.conversation?.id, 'C0LAB:1.1');
  });

  it('a direct message with a file: the file as an attachment to download with the bot token', () => {
    const activity = eventActivity({
      type: 'message',
      subtype: 'file_share',
      user: 'U0ADA',
      text: '',
      channel: 'D0ADA',
      channel_type: 'im',
      ts: '1.4',
      files: [{ id: 'F1', name: 'cat.jpg', mimetype: 'image/jpeg', url_private_download: 'https://files.slack.com/files-pri/T1-F1/download/cat.jpg', size: 1234 }],
    });
    assert.deepEqual(activity?.attachments, [{ contentType: 'image/jpeg', contentUrl: 'https://files.slack.com/files-pri/T1-F1/download/cat.jpg', name: 'cat.jpg' }]);
    assert.equal(activity?.conversation?.conversationType, 'personal');
  });

  it('ignores what is not for the bot: its own messages, other bots, edits, channel messages without a mention', () => {
    const base = { text: 'hello', channel: 'D0ADA', channel_type: 'im', ts: '1.5' };
    assert.equal(eventActivity({ ...base, type: 'message', user: 'U0BOT' }), undefined);
    assert.equal(eventActivity({ ...base, type: 'message', user: 'U0OTHER', bot_id: 'B1' }), undefined);
    assert.equal(eventActivity({ ...base, type: 'message', user: 'U0ADA', subtype: 'message_changed' }), undefined);
    assert.equal(eventActivity({ ...base, type: 'message', user: 'U0ADA', channel: 'C0LAB', channel_type: 'channel' }), undefined);
    assert.ok(eventActivity({ ...base, type: 'message', user: 'U0ADA' }));
  });

  it('a button: a message whose value is the button’s JSON; a value that is not a JSON object is ignored', () => {
    const parse = (value: string) => {
      const parsed = parseInteraction(Buffer.from(blockActionsBody({ value, responseUrl: 'https://hooks.slack.com/actions/T1/2/y' })));
      assert.ok(parsed.ok && parsed.value.type === 'block_actions');
      return activityFromInteraction(parsed.value, API);
    };
    const activity = parse(JSON.stringify({ action: 'vm-stop', vm: 'gpu-01', nonce: 'n1' }));
    assert.deepEqual(activity?.value, { action: 'vm-stop', vm: 'gpu-01', nonce: 'n1' });
    assert.equal(activity?.text, undefined);
    assert.equal(activity?.from?.id, 'U0ADA');
    assert.equal((activity?.channelData as { slackApp: { responseUrl: string } }).slackApp.responseUrl, 'https://hooks.slack.com/actions/T1/2/y');
    assert.equal(parse('not json'), undefined);
    assert.equal(parse('"a string"'), undefined);
  });

  it('refuses payloads that are not what Slack sends', () => {
    assert.equal(parseSlashCommand(Buffer.from('text=hello')).ok, false);
    assert.equal(parseEventEnvelope(Buffer.from('not json')).ok, false);
    assert.equal(parseEventEnvelope(Buffer.from('{"type":"url_verification"}')).ok, false);
    assert.equal(parseInteraction(Buffer.from('payload=%7Bbroken')).ok, false);
  });
});

import { strict as assert } from 'node:assert';
import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { createSlackApi } from '../../../channels/slack/SlackApi.js';
import { SlackAdapter } from '../../../channels/slack/SlackAdapter.js';
import { RESPONSE_URL_LIFETIME_MS, ResponseUrls } from '../../../channels/slack/ResponseUrls.js';
import { activityFromSlashCommand } from '../../../channels/slack/slackActivities.js';
import { parseSlashCommand } from '../../../channels/slack/slackPayloads.js';
import { createMemoryLogger } from '../../../logging/logger.js';
import { BOT_TOKEN, FakeSlack, slashCommandBody } from '../../support/slack.js';

describe('SlackAdapter (local Slack Web API and response URLs)', () => {
  let slack: FakeSlack;
  before(async () => {
    slack = new FakeSlack();
    await slack.start();
  });
  after(() => slack.stop());
  beforeEach(() => (slack.calls.length = 0));

  const adapterFor = (token: string | undefined = BOT_TOKEN) =>
    new SlackAdapter({
      api: createSlackApi({ botToken: token, apiUrl: slack.apiUrl, timeoutMs: 10_000 }),
      responseUrls: new ResponseUrls(),
      logger: createMemoryLogger(),
    });

  const slashActivity = (text: string, responseUrl: string): Partial<Activity> => {
    const parsed = parseSlashCommand(Buffer.from(slashCommandBody({ text, responseUrl })));
    assert.ok(parsed.ok);
    return activityFromSlashCommand(parsed.value, slack.apiUrl);
  };

  it('uses a response_url five times at most, then posts with chat.postMessage', async () => {
    const adapter = adapterFor();
    const responseUrl = slack.newResponseUrl();
    await adapter.processActivity(slashActivity('help', responseUrl), async (context) => {
      for (let i = 1; i <= 6; i++) await context.sendActivity(`message ${i}`);
    });
    assert.equal(slack.to(new URL(responseUrl).pathname).length, 5);
    const [posted] = slack.to('/api/chat.postMessage');
    assert.equal(posted.body.text, 'message 6');
    assert.equal(posted.body.channel, 'C0LAB');
  });

  it('sends a proactive message (continueConversationAsync) to where the command was given, through its response_url, as written', async () => {
    const adapter = adapterFor();
    const responseUrl = slack.newResponseUrl();
    let reference: Partial<ConversationReference> = {};
    await adapter.processActivity(slashActivity('vm start gpu-01', responseUrl), async (context) => {
      reference = TurnContext.getConversationReference(context.activity);
      await context.sendActivity('Starting gpu-01…');
    });
    await adapter.continueConversationAsync('', reference, async (context) => {
      await context.sendActivity('*gpu-01* is running.');
    });
    const delivered = slack.to(new URL(responseUrl).pathname).map((call) => call.body.text);
    assert.deepEqual(delivered, ['Starting gpu-01…', '*gpu-01* is running.']);
  });

  it('posts a proactive message with chat.postMessage when no response_url is left, in the conversation’s thread', async () => {
    const adapter = adapterFor();
    const reference: Partial<ConversationReference> = {
      channelId: 'slack',
      serviceUrl: slack.apiUrl,
      conversation: { id: 'C0LAB:1700000000.000100', isGroup: true, conversationType: 'channel', name: '' },
      user: { id: 'U0ADA', name: 'ada' },
      bot: { id: 'U0BOT', name: 'labmate' },
    };
    await adapter.continueConversationAsync('', reference, async (context) => {
      const sent = await context.sendActivity('done');
      await context.updateActivity({ id: sent?.id, conversation: context.activity.conversation, type: 'message', text: 'done, really' });
      await context.deleteActivity({ activityId: sent?.id, conversation: context.activity.conversation } as Partial<ConversationReference>);
    });
    const [posted] = slack.to('/api/chat.postMessage');
    assert.equal(posted.authorization, `Bearer ${BOT_TOKEN}`);
    assert.deepEqual([posted.body.channel, posted.body.thread_ts, posted.body.text], ['C0LAB', '1700000000.000100', 'done']);
    const [updated] = slack.to('/api/chat.update');
    assert.equal(updated.body.text, 'done, really');
    assert.equal(slack.to('/api/chat.delete')[0].body.ts, updated.body.ts);
  });

  it('does not follow a response_url to a host that is not Slack’s', async () => {
    const adapter = adapterFor();
    let failure: unknown;
    adapter.onTurnError = async (_context, error) => {
      failure = error;
    };
    await adapter.processActivity(slashActivity('help', 'https://attacker.example/commands/1'), async (context) => {
      await context.sendActivity('hello');
    });
    assert.match(String(failure), /refusing to post to a response_url on attacker\.example/);
    assert.deepEqual(slack.calls, []);
  });
});

describe('ResponseUrls', () => {
  it('forgets a response_url after 30 minutes', () => {
    let now = 0;
    const urls = new ResponseUrls(100, () => now);
    urls.remember('https://hooks.slack.com/x', 'C1', 'U1');
    assert.equal(urls.latestFor('C1', 'U1'), 'https://hooks.slack.com/x');
    now = RESPONSE_URL_LIFETIME_MS;
    assert.equal(urls.take('https://hooks.slack.com/x'), false);
    assert.equal(urls.latestFor('C1', 'U1'), undefined);
  });

  it('stays bounded', () => {
    const urls = new ResponseUrls(3);
    for (let i = 0; i < 10; i++) urls.remember(`https://hooks.slack.com/${i}`, 'C1', `U${i}`);
    assert.equal(urls.take('https://hooks.slack.com/0'), false);
    assert.equal(urls.take('https://hooks.slack.com/9'), true);
  });
});

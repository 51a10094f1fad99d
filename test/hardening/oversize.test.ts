import { strict as assert } from 'node:assert';
import { absSlackMessage, teamsChannelMessage } from '../support/activities.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { blockKitTexts } from '../support/renderedText.js';
import { startBotWithSlack, type BotWithSlack } from '../support/botWithSlack.js';
import type { RunningApp } from '../support/runningApp.js';
import { FakeSlack, slashCommand } from '../support/slack.js';

/** As many short English sentences as one message may hold (25,000 characters): a line each in the answer. */
const SHORT_SENTENCES = ['It works.', 'We won.', 'So slow.', 'Love it.', 'Too bad.'];
const SENTENCES = 2_700;
const LONG_TEXT = Array.from({ length: SENTENCES }, (_, index) => SHORT_SENTENCES[index % SHORT_SENTENCES.length]).join(' ');
/** What Teams takes in one activity, about; the card itself is kept under 24,000 bytes. */
const TEAMS_ACTIVITY_BYTES = 28_000;
/** Slack: at most 50 blocks in a message; mrkdwn text is cut at 40,000 characters. */
const SLACK_MAX_BLOCKS = 50;
const SLACK_TEXT_CHARS = 40_000;

const LEFT_OUT = /… [\d,]+ more lines left out/;

describe(`a result of ${SENTENCES.toLocaleString('en')} sentences is cut to fit, with a note (real server)`, function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let slack: FakeSlack;
  let bot: RunningApp;

  let running: BotWithSlack;

  before(async () => ({ bot, slack, connector } = running = await startBotWithSlack()));
  after(() => running.stop());

  it('in Teams: one card within what Teams takes, its first sentences and how many were left out', async () => {
    const reply = await postForReply(bot, connector, teamsChannelMessage({ serviceUrl: connector.url, text: `sentiment ${LONG_TEXT}` }), 20_000);
    const bytes = Buffer.byteLength(JSON.stringify(reply.activity));
    assert.ok(bytes <= TEAMS_ACTIVITY_BYTES, `the activity is ${bytes} bytes`);
    const shown = shownText(reply);
    assert.match(shown, /^Sentiment\n/);
    assert.match(shown, /: It works\.\n.*: We won\./s, 'the first sentences are there');
    assert.match(shown, LEFT_OUT);
    assert.doesNotMatch(shown, /sorry|went wrong/i);
  });

  it('in the Slack app: Block Kit within Slack’s limits, with the note', async () => {
    const { blocks = [] } = await slashCommand(bot.url, slack, `sentiment ${LONG_TEXT}`, { timeoutMs: 20_000 });
    assert.ok(blocks.length <= SLACK_MAX_BLOCKS, `${blocks.length} blocks`);
    assert.match(blockKitTexts(blocks).join('\n'), LEFT_OUT);
  });

  it("on Azure Bot Service's Slack channel: mrkdwn text within Slack's limit, with the note", async () => {
    const reply = await postForReply(bot, connector, absSlackMessage({ serviceUrl: connector.url, text: `sentiment ${LONG_TEXT}` }), 20_000);
    const text = reply.activity.text ?? '';
    assert.ok(text.length <= SLACK_TEXT_CHARS, `${text.length} characters`);
    assert.match(text, LEFT_OUT);
  });
});

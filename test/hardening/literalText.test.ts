import { strict as assert } from 'node:assert';
import { absSlackMessage, emulatorMessage, type ActivityOptions, type TestActivity } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { blockKitTexts, markdownTexts } from '../support/renderedText.js';
import { startBotWithSlack, type BotWithSlack } from '../support/botWithSlack.js';
import type { RunningApp } from '../support/runningApp.js';
import { FakeSlack, slashCommand } from '../support/slack.js';

/** What a hostile person types: a Markdown link, Slack's links and mentions, formatting markers. */
const FRAGMENTS = ['[Reset your password](https://evil.example/login)', '<!channel>', '<@U0123>', '<https://evil.example|click>', '**everyone**', '_urgent_', '~old~', '`code`'];
const HOSTILE = `Great news ${FRAGMENTS.join(' ')} today`;

/** Markup in raw output that a client would turn into a link, a mention or a notification. */
const LIVE_MRKDWN = /<(?:https?:|mailto:|!|@|#)/;

type Block = Parameters<typeof blockKitTexts>[0][number];

/**
 * Whether every fragment is shown as typed. The analyzer may end a sentence inside one (`<!` then `channel>`),
 * so the sentences are joined again: sentiment labels and spacing left out.
 */
function assertShownAsTyped(shown: string, fragments = FRAGMENTS): void {
  const compact = (text: string) => text.replace(/\n\S+ (?:Positive|Neutral|Negative|Mixed): /gu, '').replace(/\s+/g, '');
  for (const fragment of fragments) assert.ok(compact(shown).includes(compact(fragment)), `${fragment} shown as typed in:\n${shown}`);
}

/** The text as Slack sends what a person typed: `&`, `<` and `>` escaped (a real mention or link comes as `<...>`). */
function asSlackSendsIt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Every text Slack reads as mrkdwn: the message's own text (its notification) and every mrkdwn text object. */
function mrkdwnOf(message: SlackMessage): string[] {
  const found: string[] = [message.text];
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const object = value as Record<string, unknown>;
      if (object.type === 'mrkdwn' && typeof object.text === 'string') found.push(object.text);
      Object.values(object).forEach(visit);
    }
  };
  visit(message.blocks);
  return found;
}

/** Rich-text elements that a client shows as a link or a mention, wherever they are in the blocks. */
function liveElements(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(liveElements);
  if (!value || typeof value !== 'object') return [];
  const element = value as Record<string, unknown>;
  const own = ['link', 'user', 'usergroup', 'channel', 'broadcast'].includes(String(element.type)) ? [JSON.stringify(element)] : [];
  return [...own, ...Object.values(element).flatMap(liveElements)];
}

describe("a person's text stays text in every rendering (real server)", () => {
  let connector: FakeConnector;
  let slack: FakeSlack;
  let bot: RunningApp;

  let running: BotWithSlack;

  before(async () => ({ bot, slack, connector } = running = await startBotWithSlack()));
  after(() => running.stop());

  /** Sends `text` as the channel's `message` to /api/messages, and returns the bot's reply. */
  const viaBotFramework = (text: string, message: (options: ActivityOptions) => TestActivity) => postForReply(bot, connector, message({ serviceUrl: connector.url, text }));

  const viaSlashCommand = async (text: string) => (await slashCommand(bot.url, slack, text)) as SlackMessage;

  it('an Adaptive Card (Teams, Web Chat, Emulator) shows it as typed, in TextRuns, with no link', async () => {
    const reply = await viaBotFramework(`sentiment ${HOSTILE}`, emulatorMessage);
    assertShownAsTyped(shownText(reply));
    const card = JSON.stringify(adaptiveCardOf(reply));
    assert.doesNotMatch(card, /"type":"TextBlock"/, 'no TextBlock, whose Markdown clients render');
    assert.doesNotMatch(card, /evil\.example[^"]*"(?:,"[^"]+":[^,]+)*,?"type":"Action\.OpenUrl"|"url":"https:\/\/evil/, 'no button or link to the URL');
  });

  it('Block Kit in the Slack app shows it as typed, with no link or mention', async () => {
    // Typed as text, and as Slack sends real mentions and links: those are shown by their names, as text.
    const answer = await viaSlashCommand(`sentiment ${asSlackSendsIt(HOSTILE)} and <!channel> <@U0456|ada> <https://evil.example/b|here>`);
    assertShownAsTyped(blockKitTexts(answer.blocks).join('\n'), [...FRAGMENTS, '@channel @ada here']);
    assert.deepEqual(liveElements(answer.blocks), [], 'no link or mention element');
    for (const text of mrkdwnOf(answer)) assert.doesNotMatch(text, LIVE_MRKDWN, 'no live <...> in any mrkdwn');
  });

  it('a translation in the Slack app posts no live link, mention or formatting of the text', async () => {
    const answer = await viaSlashCommand(`translate to es [Reset your password](https://evil.example/login) hello ${asSlackSendsIt('<!channel> <https://evil.example|click>')} <!here>`);
    assert.match(blockKitTexts(answer.blocks).join('\n'), /Spanish/);
    assert.deepEqual(liveElements(answer.blocks), []);
    for (const text of mrkdwnOf(answer)) assert.doesNotMatch(text, LIVE_MRKDWN);
  });

  it("mrkdwn text on Azure Bot Service's Slack channel shows it as typed, with no link or mention", async () => {
    const reply = await viaBotFramework(`sentiment ${HOSTILE}`, absSlackMessage);
    const raw = reply.activity.text ?? '';
    assert.equal(reply.activity.attachments, undefined);
    assert.doesNotMatch(raw, LIVE_MRKDWN, raw);
    assertShownAsTyped(markdownTexts(raw, 'mrkdwn'));
  });

  it('Markdown text (channels without cards) shows it as typed, with no link', async () => {
    const reply = await viaBotFramework(`sentiment ${HOSTILE}`, (options) => ({ ...emulatorMessage(options), channelId: 'telegram' }));
    const raw = reply.activity.text ?? '';
    // CommonMark: a backslash makes the next character literal, so only an unescaped `](` or `<` could start a link.
    assert.doesNotMatch(raw, /(?<!\\)\]\(https:\/\/evil|(?<!\\)<https:\/\/evil/, raw);
    assertShownAsTyped(markdownTexts(raw, 'markdown'));
  });
});

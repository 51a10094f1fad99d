import { strict as assert } from 'node:assert';
import { blockKitTexts } from '../support/renderedText.js';
import { startBotWithSlack, type BotWithSlack } from '../support/botWithSlack.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { FakeSlack, signedHeaders, slackAppEnv, slashCommand, slashCommandBody } from '../support/slack.js';

/**
 * Help is built and rendered once and shared by every turn: what each person sees must still be theirs (their
 * conversation's language, whichever way the answer travels).
 */
describe('help over the Slack app, shared between turns (real Apertium for auto-translation)', function () {
  this.timeout(30_000);
  let slack: FakeSlack;
  let bot: RunningApp;

  let running: BotWithSlack;

  before(async () => ({ bot, slack } = running = await startBotWithSlack()));
  after(() => running.stop());

  /** `/labmate <text>` in a channel, as a user. */
  const command = (text: string, channelId: string, userId: string) => slashCommand(bot.url, slack, text, { channelId, userId, timeoutMs: 15_000 });

  it('is the same for everyone, and in Spanish only in the conversation that asked for it', async () => {
    const english = await command('help', 'C0ONE', 'U0ADA');
    assert.deepEqual(await command('help', 'C0TWO', 'U0BOB'), english, 'another person elsewhere sees the same help');
    assert.equal(blockKitTexts(english.blocks ?? [])[0], 'What labmate can do');

    await command('translate auto spanish', 'C0ES', 'U0ADA');
    const spanish = await command('help', 'C0ES', 'U0ADA');
    const spanishTexts = blockKitTexts(spanish.blocks ?? []);
    assert.notEqual(spanishTexts[0], 'What labmate can do');
    assert.ok(spanishTexts.includes('analyze ‹text›'), 'command words and placeholders stay as typed');

    assert.deepEqual(await command('help', 'C0ONE', 'U0ADA'), english, 'the translation changed nothing for the others');
    assert.deepEqual(await command('help', 'C0ES', 'U0BOB'), spanish, 'and the Spanish conversation stays Spanish');
  });

  it('reads the same through the response_url as in the HTTP answer', async () => {
    const inline = await command('help', 'C0ONE', 'U0ADA');
    const late = await startApp(slackAppEnv(slack), { slackInlineAnswerMs: 0 });
    try {
      const responseUrl = slack.newResponseUrl();
      const body = slashCommandBody({ text: 'help', responseUrl });
      await fetch(`${late.url}/api/slack/commands`, { method: 'POST', headers: signedHeaders(body), body });
      const [posted] = await slack.waitFor(new URL(responseUrl).pathname, 1);
      assert.deepEqual(posted.body, inline);
    } finally {
      await late.stop();
    }
  });
});

import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { asText, defineCommand } from '../../dialogs/Command.js';
import { COMMANDS } from '../../dialogs/index.js';
import { emulatorMessage } from '../support/activities.js';
import { FakeConnector, shownText } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { blockKitTexts, cardTexts } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { FakeSlack, slackAppEnv, slashCommand } from '../support/slack.js';
import { openEvents, postFromPage } from '../support/tryoutPage.js';

/** A command that exists only in this test, whose handler fails as an unexpected bug would. */
const explode = defineCommand({
  name: 'explode',
  description: 'Fails.',
  topic: 'text',
  menu: false,
  parse: asText,
  handle: async () => {
    throw new Error('disk full at /var/secret key=abc123');
  },
});

const APOLOGY = /Sorry, something went wrong on my side/;
const LEAK = /disk full|secret|abc123/;

describe('a turn that fails gets the apology in every channel (real server)', () => {
  let connector: FakeConnector;
  let slack: FakeSlack;
  let bot: RunningApp;

  before(async () => {
    connector = new FakeConnector();
    slack = new FakeSlack();
    await Promise.all([connector.start(), slack.start()]);
    bot = await startApp(slackAppEnv(slack), { commands: [...COMMANDS, explode] });
  });
  after(async () => {
    await bot.stop();
    await Promise.all([connector.stop(), slack.stop()]);
  });

  /** What the person was shown: the apology, never the error's text; and the error is logged, once. */
  async function assertApologised(turn: () => Promise<string>) {
    const failures = () => bot.logger.entries.filter((entry) => entry.message === 'turn failed');
    const before = failures().length;
    const shown = await turn();
    assert.match(shown, APOLOGY);
    assert.doesNotMatch(shown, LEAK);
    assert.equal(failures().length, before + 1, 'one error logged');
    assert.match(String((failures().at(-1)?.fields.error as Error).message), /disk full/);
  }

  it('through /api/messages (Teams, Web Chat, the Emulator)', async () => {
    await assertApologised(async () => shownText(await postForReply(bot, connector, emulatorMessage({ serviceUrl: connector.url, text: 'explode' }))));
  });

  it('in the Slack app', async () => {
    await assertApologised(async () => {
      const { blocks = [], text = '' } = await slashCommand(bot.url, slack, 'explode');
      return [text, ...blockKitTexts(blocks)].join('\n');
    });
  });

  it('on the try-out page', async () => {
    const id = randomUUID();
    const events = await openEvents(bot.url, id);
    try {
      await assertApologised(async () => {
        assert.equal((await postFromPage(bot.url, { id, type: 'message', text: 'explode' })).status, 200);
        const [reply] = await events.waitFor(1);
        return (reply.data.message.attachments ?? []).flatMap((attachment) => cardTexts(attachment.content)).join('\n');
      });
    } finally {
      events.close();
    }
  });
});

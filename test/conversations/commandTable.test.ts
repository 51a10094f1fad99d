import { strict as assert } from 'node:assert';
import { asText, defineCommand } from '../../dialogs/Command.js';
import { COMMANDS } from '../../dialogs/index.js';
import { data, say } from '../../cards/Card.js';
import { commandsForManifest } from '../../scripts/teamsManifest.js';
import { startBotWithConnector, type BotWithConnector } from '../support/botWithConnector.js';
import { shownText } from '../support/connector.js';

/** A command that exists only in this test: one row, its handler inline. */
const summarize = defineCommand({
  name: 'test:summarize',
  usage: [{ placeholder: 'text' }],
  description: 'The first words of a text.',
  topic: 'text',
  menu: false,
  subcommands: [{ name: 'purge', description: 'Forget every summary (operators).', operatorsOnly: true }],
  parse: asText,
  handle: async (turn, text) => {
    await turn.reply(text === 'purge' ? say('Purged by ', data(turn.caller.name), '.') : say('Summary: ', data(text.split(/\s+/).slice(0, 3).join(' ')), '…'));
  },
});

describe('a command is one row plus its handler', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector({ VM_OPERATORS: 'emulator/operator-1' }, { commands: [...COMMANDS, summarize] })));
  after(() => chat.stop());
  const ask = async (text: string, fromId = 'user-1') => shownText(await chat.ask(text, { fromId }));

  it("is listed in its topic's help, with its placeholder and its subcommand", async () => {
    const help = await ask('help text');
    assert.match(help, /^test:summarize ‹text›\nThe first words of a text\.$/m);
    assert.match(help, /^test:summarize purge\nForget every summary \(operators\)\.$/m);
    assert.equal(await ask('help test:summarize'), help, 'help on the command is its topic');
  });

  it('is routed to its handler, case-insensitively and after a slash', async () => {
    assert.equal(await ask('TEST:Summarize the new GPU cluster is ready'), 'Summary: the new GPU…');
    assert.equal(await ask('/test:summarize training finished early today'), 'Summary: training finished early…');
  });

  it('is authorized from its row: the operators-only subcommand is refused to others, before the handler runs', async () => {
    assert.match(await ask('test:summarize purge'), /only operators may use test:summarize purge/);
    assert.equal(await ask('test:summarize purge', 'operator-1'), 'Purged by User.');
  });

  it('stays off the Teams command menu unless its row asks for it', () => {
    assert.ok(!commandsForManifest([...COMMANDS, summarize]).some((command) => command.title === 'test:summarize'));
  });
});

import { strict as assert } from 'node:assert';
import { COMMANDS, createCommandTable } from '../../dialogs/index.js';
import { defineCommand, findSubcommand } from '../../dialogs/Command.js';
import { CommandTable } from '../../dialogs/CommandTable.js';
import { fastestOf, MIN_BASELINE_MS } from '../support/timing.js';

describe('the command table', () => {
  const table = createCommandTable();
  const cases: Array<[said: string, name: string, argument: string, implicit: boolean]> = [
    ['sentiment I love it', 'sentiment', 'I love it', false],
    ['SENTIMENT: I love it', 'sentiment', 'I love it', false],
    ['Entities, please: none', 'entities', 'please: none', false],
    ['/pii call me at 555', 'pii', 'call me at 555', false],
    ['keyphrases', 'keyphrases', '', false],
    ['analyse the run', 'analyze', 'the run', false],
    ['help', 'help', '', false],
    ['', 'help', '', true],
    ['   ', 'help', '', true],
    ['I love the new GPU', 'analyze', 'I love the new GPU', true],
    ['analyze   two\nlines', 'analyze', 'two\nlines', false],
    ['languages are fun', 'analyze', 'languages are fun', true],
    ['vm stop gpu-01', 'vm', 'stop gpu-01', false],
  ];
  for (const [said, name, argument, implicit] of cases) {
    it(`reads ${JSON.stringify(said)} as ${name}`, () => {
      const parsed = table.parse(said);
      assert.equal(parsed.kind, 'command');
      if (parsed.kind !== 'command') return;
      assert.deepEqual([parsed.command.name, parsed.argument, parsed.implicit], [name, argument, implicit]);
    });
  }

  it('reads /something no command answers to as unknown, not as text to analyse', () => {
    assert.deepEqual(table.parse('/labmate-ignored x'), { kind: 'unknown', word: '/labmate-ignored' });
  });

  it('finds subcommands by name and alias', () => {
    const vm = table.find('vm')!;
    assert.equal(findSubcommand(vm, 'deallocate gpu-01')?.name, 'stop');
    assert.equal(findSubcommand(vm, 'START gpu-01')?.name, 'start');
    assert.equal(findSubcommand(vm, 'reboot gpu-01'), undefined);
  });

  it('refuses two rows answering to one word', () => {
    const again = defineCommand({ name: 'help', description: 'Twice.', topic: 'text', menu: false, parse: String, handle: async () => undefined });
    assert.throws(() => new CommandTable([...COMMANDS, again], { plainText: 'analyze', empty: 'help' }), /two commands answer to "help"/);
  });

  it('refuses a malformed command word, and keeps the `test:` prefix for rows made in tests', () => {
    const spaced = defineCommand({ name: 'sum up', description: 'Spaced.', topic: 'text', menu: false, parse: String, handle: async () => undefined });
    assert.throws(() => new CommandTable([...COMMANDS, spaced], { plainText: 'analyze', empty: 'help' }), /"sum up" is not a command word/);
    const tested = defineCommand({ name: 'test:sum', description: 'A test row.', topic: 'text', menu: false, parse: String, handle: async () => undefined });
    assert.equal(new CommandTable([...COMMANDS, tested], { plainText: 'analyze', empty: 'help' }).parse('test:sum it').kind, 'command');
    assert.deepEqual(COMMANDS.flatMap((row) => [row.name, ...(row.aliases ?? [])]).filter((word) => word.startsWith('test:')), []);
  });

  it('reads a 25,000-character line of spaces in linear time', () => {
    // Against a baseline of the same length measured now: a quadratic scan of 25,000 spaces is thousands of times slower.
    const baseline = fastestOf(() => table.parse(`translate ${'x'.repeat(25_000)}`));
    const spaces = fastestOf(() => {
      table.parse(`translate${' '.repeat(25_000)}x`);
      table.parse('\t'.repeat(25_000));
    });
    assert.ok(spaces < 50 * Math.max(baseline, MIN_BASELINE_MS), `${spaces.toFixed(2)} ms against ${baseline.toFixed(2)} ms`);
  });
});

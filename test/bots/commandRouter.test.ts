import { strict as assert } from 'node:assert';
import { byName, parseCommand, RouteTable } from '../../bots/commandRouter.js';

describe('command router', () => {
  const table: Array<[said: string, name: string, argument: string]> = [
    ['sentiment I love it', 'sentiment', 'I love it'],
    ['SENTIMENT: I love it', 'sentiment', 'I love it'],
    ['/labmate-ignored', 'unknown', '/labmate-ignored'],
    ['/pii call me at 555', 'pii', 'call me at 555'],
    ['keyphrases', 'keyphrases', ''],
    ['help', 'help', ''],
    ['', 'help', ''],
    ['   ', 'help', ''],
    ['I love the new GPU', 'analyze', 'I love the new GPU'],
    ['analyze   two\nlines', 'analyze', 'two\nlines'],
    ['languages are fun', 'analyze', 'languages are fun'],
  ];
  for (const [said, name, argument] of table) {
    it(`reads ${JSON.stringify(said)} as ${name}`, () => {
      const parsed = parseCommand(said);
      assert.equal(parsed.name, name);
      assert.equal(parsed.argument, argument);
    });
  }

  it('marks plain text as an implicit analyze and keeps it whole', () => {
    assert.deepEqual(parseCommand('Entities, please: none'), { name: 'entities', argument: 'please: none', implicit: false });
    assert.deepEqual(parseCommand('Hello team'), { name: 'analyze', argument: 'Hello team', implicit: true });
  });

  it('takes the first route that matches, and the fallback for anything else', () => {
    const routes = new RouteTable([byName('first', 'sentiment'), byName('second', 'sentiment', 'pii')], 'help');
    assert.equal(routes.resolve(parseCommand('sentiment x')), 'first');
    assert.equal(routes.resolve(parseCommand('pii x')), 'second');
    assert.equal(routes.resolve(parseCommand('/nope')), 'help');
  });
});

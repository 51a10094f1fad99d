import { strict as assert } from 'node:assert';
import { CommandAuthorizer } from '../../bots/authorization.js';
import { createCommandTable } from '../../dialogs/index.js';
import type { Caller } from '../../state/Caller.js';
import { linesOf, plainText } from '../../cards/Card.js';
import { createMemoryLogger } from '../../logging/logger.js';

const caller = (channel: string, userId: string, name = userId, verified = true): Caller => ({ channel, userId, name, key: `${channel}/${userId}`, verified });

describe('CommandAuthorizer (VM_OPERATORS, read from the command rows)', () => {
  const logger = createMemoryLogger();
  const table = createCommandTable();
  const vm = table.find('vm')!;
  const authorizer = new CommandAuthorizer(['msteams/aad-ada', 'slack/U0123', 'emulator/user-1'], logger);
  const authorize = (who: Caller, argument: string) => authorizer.authorize(who, 'conv-1', vm, argument);

  it('lets everyone list and see status, and run commands without operator-only subcommands', () => {
    assert.equal(authorize(caller('slack', 'U999'), 'list').allowed, true);
    assert.equal(authorize(caller('slack', 'U999'), 'status gpu-01').allowed, true);
    assert.equal(authorizer.authorize(caller('slack', 'U999'), 'conv-1', table.find('sentiment')!, 'start me up').allowed, true);
  });

  it('matches an operator on the channel named in the entry only', () => {
    assert.equal(authorize(caller('slack', 'U0123'), 'stop gpu-01').allowed, true);
    assert.equal(authorize(caller('emulator', 'U0123'), 'stop gpu-01').allowed, false, 'the same id on another channel is someone else');
    assert.equal(authorize(caller('directline', 'U0123'), 'stop gpu-01').allowed, false);
    assert.equal(authorize(caller('emulator', 'user-1'), 'confirm 0a1b2c3d').allowed, true);
    assert.equal(authorize(caller('msteams', 'aad-ada'), 'start gpu-01').allowed, true);
    assert.equal(authorize(caller('msteams', 'aad-bob'), 'deallocate gpu-01').allowed, false, 'an alias is the same subcommand');
  });

  it("refuses an operator's id when the channel does not vouch for it, and says why", () => {
    const decision = authorize(caller('emulator', 'user-1', 'User', false), 'start gpu-01');
    assert.equal(decision.allowed, false);
    assert.match(decision.allowed ? '' : linesOf(decision.document).map(plainText).join('\n'), /this chat cannot vouch for yours/);
    assert.equal(logger.entries.at(-1)?.fields.reason, 'the channel does not vouch for the user id');
  });

  it('refuses with the reason and the id to give an administrator, and logs the refusal under one action name', () => {
    const decision = authorize(caller('msteams', 'aad-bob', 'Bob'), 'confirm 0a1b2c3d');
    assert.equal(decision.allowed, false);
    const text = decision.allowed ? '' : linesOf(decision.document).map(plainText).join('\n');
    assert.match(text, /only operators may use vm stop/);
    assert.match(text, /giving your id: msteams\/aad-bob/);
    assert.doesNotMatch(text, /VM_OPERATORS/, 'people are not told to set variables');
    const entry = logger.entries.at(-1)!;
    assert.equal(entry.message, 'audit');
    assert.deepEqual(
      [entry.fields.event, entry.fields.action, entry.fields.user, entry.fields.channel, entry.fields.conversation, entry.fields.result],
      ['refusal', 'vm stop', 'aad-bob', 'msteams', 'conv-1', 'refused'],
    );
  });

  it('with an empty list, nobody may start or stop', () => {
    const nobody = new CommandAuthorizer([], logger);
    assert.equal(nobody.authorize(caller('emulator', ''), 'conv-1', vm, 'start gpu-01').allowed, false);
    assert.equal(nobody.authorize(caller('emulator', 'user-1'), 'conv-1', vm, 'stop gpu-01').allowed, false);
  });
});

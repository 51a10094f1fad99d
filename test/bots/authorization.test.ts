import { strict as assert } from 'node:assert';
import { CommandAuthorizer } from '../../bots/authorization.js';
import { parseCommand } from '../../bots/commandRouter.js';
import { createMemoryLogger } from '../../logging/logger.js';

const activity = (channelId: string, from: Record<string, string>) => ({ channelId, from: { id: '', name: '', ...from }, conversation: { id: 'conv-1', isGroup: false, conversationType: '', name: '' } });

describe('CommandAuthorizer (VM_OPERATORS)', () => {
  const logger = createMemoryLogger();
  const authorizer = new CommandAuthorizer(['aad-ada', 'slack/U0123', 'emulator/user-1'], logger);

  it('lets everyone list and see status', () => {
    assert.deepEqual(authorizer.authorize(activity('slack', { id: 'U999' }), parseCommand('vm list')), { allowed: true });
    assert.deepEqual(authorizer.authorize(activity('slack', { id: 'U999' }), parseCommand('vm status gpu-01')), { allowed: true });
  });

  it('matches Teams users by AAD object id, whatever channel-specific id they have', () => {
    assert.equal(authorizer.authorize(activity('msteams', { id: '29:xyz', aadObjectId: 'aad-ada' }), parseCommand('vm start gpu-01')).allowed, true);
    assert.equal(authorizer.authorize(activity('msteams', { id: 'aad-ada' }), parseCommand('vm start gpu-01')).allowed, true, 'an unprefixed entry matches any channel');
    assert.equal(authorizer.authorize(activity('msteams', { id: '29:xyz', aadObjectId: 'aad-bob' }), parseCommand('vm stop gpu-01')).allowed, false);
  });

  it('honours the channel prefix', () => {
    assert.equal(authorizer.authorize(activity('slack', { id: 'U0123' }), parseCommand('vm stop gpu-01')).allowed, true);
    assert.equal(authorizer.authorize(activity('slack', { id: 'U0123:T0456' }), parseCommand('vm stop gpu-01')).allowed, true, "Azure Bot Service's Slack ids");
    assert.equal(authorizer.authorize(activity('emulator', { id: 'U0123' }), parseCommand('vm stop gpu-01')).allowed, false);
    assert.equal(authorizer.authorize(activity('emulator', { id: 'user-1' }), parseCommand('vm confirm 0a1b2c3d')).allowed, true);
  });

  it('refuses with the reason and the id to add, and logs the refusal', () => {
    const decision = authorizer.authorize(activity('msteams', { id: '29:xyz', aadObjectId: 'aad-bob', name: 'Bob' }), parseCommand('vm start gpu-01'));
    assert.equal(decision.allowed, false);
    assert.match(decision.allowed ? '' : decision.message, /only VM operators may use `vm start`.*`msteams\/aad-bob`/s);
    const entry = logger.entries.at(-1)!;
    assert.equal(entry.message, 'audit');
    assert.deepEqual(
      [entry.fields.event, entry.fields.action, entry.fields.vm, entry.fields.user, entry.fields.channel, entry.fields.conversation, entry.fields.result],
      ['refusal', 'vm start', 'gpu-01', 'aad-bob', 'msteams', 'conv-1', 'refused'],
    );
  });

  it('with an empty list, nobody may start or stop', () => {
    const nobody = new CommandAuthorizer([], logger);
    assert.equal(nobody.authorize(activity('emulator', { id: '' }), parseCommand('vm start gpu-01')).allowed, false);
    assert.equal(nobody.authorize(activity('emulator', { id: 'user-1' }), parseCommand('vm stop gpu-01')).allowed, false);
  });
});

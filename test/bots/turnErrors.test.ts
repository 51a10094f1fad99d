import { strict as assert } from 'node:assert';
import type { TurnContext } from 'botbuilder';
import { createTurnErrorHandler } from '../../bots/turnErrors.js';
import { linesOf, plainText, type Card } from '../../cards/Card.js';
import { createMemoryLogger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';

/** A failed turn in conversation Convo1, what the person was told, and the log. */
async function failTurn(error: Error) {
  const logger = createMemoryLogger();
  const told: string[] = [];
  const handle = createTurnErrorHandler(logger, async (_context, document: Card) => void told.push(linesOf(document).map(plainText).join('\n')));
  const context = { activity: { id: 'activity-7', conversation: { id: 'Convo1' }, channelId: 'emulator' } } as unknown as TurnContext;
  await handle(context, error);
  return { told, entries: logger.entries };
}

describe('a failed turn', () => {
  it('tells the person what a failing service said to do, and logs its code and admin hint', async () => {
    const { told, entries } = await failTurn(new ServiceError('rate-limited', 'Azure AI Language is busy. Try again in a minute.', { adminHint: 'check TEXT_ANALYTICS_KEY' }));
    assert.deepEqual(told, ['Azure AI Language is busy. Try again in a minute.']);
    assert.equal(entries.length, 1);
    assert.equal(entries[0].level, 'warn');
    assert.deepEqual([entries[0].fields.code, entries[0].fields.adminHint], ['rate-limited', 'check TEXT_ANALYTICS_KEY']);
  });

  it("never shows an unexpected error's text, and logs it with the activity and conversation ids", async () => {
    const { told, entries } = await failTurn(new Error('socket hang up at 10.0.0.7 key=abc123'));
    assert.equal(told.length, 1);
    assert.match(told[0], /^Sorry, something went wrong on my side/);
    assert.doesNotMatch(told[0], /socket|abc123|10\.0\.0\.7/);
    const [entry] = entries;
    assert.equal(entry.level, 'error');
    assert.deepEqual([entry.fields.activityId, entry.fields.conversationId, entry.fields.channelId], ['activity-7', 'Convo1', 'emulator']);
    assert.match(String((entry.fields.error as Error).message), /socket hang up/);
  });

  it('logs, and does not throw, when even the apology cannot be sent', async () => {
    const logger = createMemoryLogger();
    const handle = createTurnErrorHandler(logger, async () => {
      throw new Error('connector down');
    });
    await handle({ activity: { id: 'a', conversation: { id: 'c' } } } as unknown as TurnContext, new Error('boom'));
    assert.deepEqual(logger.entries.map((entry) => entry.message), ['turn failed', 'could not tell the user about a failed turn']);
  });
});

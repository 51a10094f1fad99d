import { strict as assert } from 'node:assert';
import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import sinon from 'sinon';
import { byName, parseCommand, RouteTable } from '../../bots/commandRouter.js';
import { createTurnErrorHandler } from '../../bots/turnErrors.js';
import { ANALYSIS_COMMANDS, AnalyzeTextDialog, ANALYZE_TEXT_DIALOG } from '../../dialogs/AnalyzeTextDialog.js';
import { HELP_DIALOG, HelpDialog } from '../../dialogs/HelpDialog.js';
import { MainDialog } from '../../dialogs/MainDialog.js';
import { createMemoryLogger } from '../../logging/logger.js';
import { ServiceError } from '../../services/errors.js';
import { LocalTextAnalyzer } from '../../services/textAnalytics/LocalTextAnalyzer.js';
import type { TextAnalyzer } from '../../services/textAnalytics/TextAnalyzer.js';
import { visibleTexts } from '../support/connector.js';

/** The main dialog with its real routes, run by botbuilder's TestAdapter as an Emulator conversation (cards render). */
function harness(analyzer: TextAnalyzer) {
  const conversationState = new ConversationState(new MemoryStorage());
  const dialogState = conversationState.createProperty('dialogState');
  const main = new MainDialog(
    new RouteTable([byName(HELP_DIALOG, 'help', 'unknown'), byName(ANALYZE_TEXT_DIALOG, ...ANALYSIS_COMMANDS)], HELP_DIALOG),
    [
      new HelpDialog({ title: 'Help', intro: 'Type a command.', commands: [{ usage: 'sentiment <text>', description: 'Sentiment.' }], examples: [] }),
      new AnalyzeTextDialog(analyzer),
    ],
  );
  const logger = createMemoryLogger();
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await main.run(context, dialogState, parseCommand(context.activity.text ?? ''));
    await conversationState.saveChanges(context);
  }, { channelId: 'emulator' });
  adapter.onTurnError = createTurnErrorHandler(logger);
  return { adapter, logger };
}

function cardTexts(activity: Partial<Activity>): string[] {
  return visibleTexts(activity.attachments?.[0]?.content);
}

describe('AnalyzeTextDialog through the main dialog (TestAdapter)', () => {
  let local: LocalTextAnalyzer;
  before(async () => {
    local = await LocalTextAnalyzer.create();
  });

  const table: Array<[said: string, firstLine: string, contains: RegExp]> = [
    ['sentiment What a great result!', 'Sentiment', /Positive: What a great result!/],
    ['language Das Training ist fertig und die Ergebnisse sind gut.', 'Language', /^German \(\d+% confident\)$/],
    ['pii call +1 425 555 0100 now', 'Personal data', /^call \*{15} now$/],
    ['entities Grace Hopper moved to Paris last year and works at IBM.', 'Entities', /^Paris$/],
    ['keyphrases The storage account expired.', 'Key phrases', /storage account/],
    ['The loss curve looks great', 'Text analysis', /English/],
  ];
  for (const [said, firstLine, contains] of table) {
    it(`answers "${said}" with a ${firstLine} card`, async () => {
      const { adapter } = harness(local);
      await adapter.send(said).assertReply((activity) => {
        const texts = cardTexts(activity);
        assert.equal(texts[0], firstLine);
        assert.ok(texts.some((text) => contains.test(text)), `${contains} in ${JSON.stringify(texts)}`);
      });
    });
  }

  it('asks for the text when a command comes without one', async () => {
    const { adapter } = harness(local);
    await adapter.send('sentiment').assertReply((activity) => {
      assert.match(activity.text ?? '', /Add the text after the command, for example: `sentiment /);
    });
  });

  it('answers an unknown command with help that names it', async () => {
    const { adapter } = harness(local);
    await adapter.send('/deploy now').assertReply((activity) => {
      assert.match(cardTexts(activity)[1], /I don't know the command `\/deploy`/);
    });
  });

  it('passes the detected language to every analysis as its hint', async () => {
    const analyzer = sinon.spy(local);
    const { adapter } = harness(analyzer);
    await adapter.send('analyze The GPU queue is short today').assertReply((activity) => assert.equal(activity.type, ActivityTypes.Message));
    sinon.assert.calledWith(analyzer.analyzeSentiment, 'The GPU queue is short today', 'en');
    sinon.assert.calledWith(analyzer.extractKeyPhrases, 'The GPU queue is short today', 'en');
    sinon.assert.calledWith(analyzer.recognizeEntities, 'The GPU queue is short today', 'en');
    sinon.restore();
  });

  it('tells the user what a failing service said to do, and logs the code', async () => {
    const failing = { ...stubAnalyzer(), analyzeSentiment: sinon.stub().rejects(new ServiceError('rate-limited', 'Azure AI Language is busy. Try again in a minute.')) };
    const { adapter, logger } = harness(failing);
    await adapter.send('sentiment hello there').assertReply('Azure AI Language is busy. Try again in a minute.');
    assert.equal(logger.entries[0].fields.code, 'rate-limited');
  });

  it('never shows an unexpected error\'s text, and logs it with the activity and conversation ids', async () => {
    const failing = { ...stubAnalyzer(), detectLanguage: sinon.stub().rejects(new Error('socket hang up at 10.0.0.7 key=abc123')) };
    const { adapter, logger } = harness(failing);
    await adapter.send('sentiment hello there').assertReply((activity) => {
      assert.match(activity.text ?? '', /^Sorry, something went wrong on my side/);
      assert.doesNotMatch(activity.text ?? '', /socket|abc123/);
    });
    const [entry] = logger.entries;
    assert.equal(entry.level, 'error');
    assert.ok(entry.fields.activityId);
    assert.equal(entry.fields.conversationId, 'Convo1');
    assert.match(String((entry.fields.error as Error).message), /socket hang up/);
  });
});

function stubAnalyzer(): TextAnalyzer {
  const ok = <T>(result: T) => sinon.stub().resolves({ available: true, result, partErrors: [] });
  return {
    backendName: 'stub',
    detectLanguage: ok({ iso: 'en', name: 'English', confidence: 1 }),
    analyzeSentiment: ok({ sentiment: 'neutral', scores: { positive: 0, neutral: 1, negative: 0 }, sentences: [] }),
    recognizeEntities: ok([]),
    extractKeyPhrases: ok([]),
    recognizePii: ok({ entities: [], redactedText: '' }),
  };
}

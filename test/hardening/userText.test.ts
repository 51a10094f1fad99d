import { strict as assert } from 'node:assert';
import { performance } from 'node:perf_hooks';
import { MRKDWN } from '../../cards/render/mrkdwn.js';
import { renderBlockKit } from '../../cards/render/blockKit.js';
import { plainTextFromSlack } from '../../channels/slack/slackText.js';
import { createCommandTable } from '../../dialogs/index.js';
import { data, line, type Card } from '../../cards/Card.js';
import { translateDocument } from '../../cards/translateCard.js';
import { parseTranslateRequest } from '../../dialogs/translate/translateRequest.js';
import { renderAdaptiveCard } from '../../cards/render/adaptiveCard.js';
import { MARKDOWN, renderText } from '../../cards/render/text.js';
import { LocalTextAnalyzer } from '../../services/textAnalytics/LocalTextAnalyzer.js';
import { findPii } from '../../services/textAnalytics/localPii.js';
import { htmlToStream } from '../../services/translator/apertiumStream.js';
import { resolveLanguage } from '../../services/translator/languages.js';
import { startBotWithConnector, type BotWithConnector } from '../support/botWithConnector.js';
import { shownText } from '../support/connector.js';

/** The most a message may hold (bot/Dispatcher.ts): every input below is one a person can send. */
const N = 25_000;

/** Runs of what makes patterns backtrack: whitespace, brackets, markup, separators. */
const WORST: Record<string, string> = {
  'spaces then x': `${' '.repeat(N - 1)}x`,
  tabs: '\t'.repeat(N),
  'newlines and spaces': ' \n '.repeat(N / 3),
  'open brackets': '['.repeat(N),
  'brackets and parens': '[]('.repeat(N / 3),
  'less-than signs': '<'.repeat(N),
  stars: '*'.repeat(N),
  underscores: '_'.repeat(N),
  colons: ':'.repeat(N),
  'dotted word': 'a.'.repeat(N / 2),
  'dashed digits': '1-'.repeat(N / 2),
  'dotted digits': '1.'.repeat(N / 2),
  ampersands: '&'.repeat(N),
  'entity starts': '&#'.repeat(N / 2),
};

/** Every function that reads what a person typed, with the input it gets. */
const READERS: Record<string, (text: string) => unknown> = {
  'the command table': (text) => createCommandTable().parse(text),
  'translate arguments': (text) => parseTranslateRequest(`to ${text}`),
  'translate auto': (text) => parseTranslateRequest(`auto ${text}`),
  'language names': (text) => resolveLanguage(text),
  'Slack message text': (text) => plainTextFromSlack(text),
  'offline personal data': (text) => findPii(text),
  'Apertium stream (html)': (text) => htmlToStream(text),
};

const shown = (text: string): Card => ({ title: line('You wrote'), sections: [{ lines: [line(data(text)), line('then ', data(text))] }] });

/** Every renderer a person's text goes through. */
const RENDERERS: Record<string, (text: string) => unknown> = {
  'Adaptive Card': (text) => renderAdaptiveCard(shown(text)),
  'Block Kit': (text) => renderBlockKit(shown(text)),
  Markdown: (text) => renderText(shown(text), MARKDOWN),
  mrkdwn: (text) => renderText(shown(text), MRKDWN),
};

describe('text a person sends is read in linear time', () => {
  // Generous for a loaded 2-core machine: a quadratic pattern takes seconds on these inputs.
  const LIMIT_MS = 300;
  for (const [reader, read] of Object.entries({ ...READERS, ...RENDERERS })) {
    it(`${reader}: the worst inputs take milliseconds`, () => {
      const slow: string[] = [];
      for (const [name, text] of Object.entries(WORST)) {
        const started = performance.now();
        read(text);
        const elapsed = performance.now() - started;
        if (elapsed > LIMIT_MS) slow.push(`${name}: ${elapsed.toFixed(0)} ms`);
      }
      assert.deepEqual(slow, []);
    });
  }

  it('the offline analyzer reads the worst inputs, and sentences without spaces, in bounded time', async function () {
    this.timeout(60_000);
    const analyzer = await LocalTextAnalyzer.create();
    const inputs = { ...WORST, 'exclamations without spaces': 'wow!'.repeat(N / 4), 'one long word': 'a'.repeat(N) };
    const slow: string[] = [];
    for (const [name, text] of Object.entries(inputs)) {
      for (const analysis of ['detectLanguage', 'analyzeSentiment', 'recognizeEntities', 'extractKeyPhrases', 'recognizePii'] as const) {
        const started = performance.now();
        await analyzer[analysis](text, 'en');
        const elapsed = performance.now() - started;
        // wink-nlp reads a piece at a time; whole, "wow!" x 6,250 took seconds.
        if (elapsed > 1500) slow.push(`${analysis} of ${name}: ${elapsed.toFixed(0)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });

  it('translating a document of the worst inputs takes milliseconds (a translator that echoes)', async () => {
    for (const text of Object.values(WORST)) {
      const started = performance.now();
      await translateDocument(shown(text), async (html) => html);
      assert.ok(performance.now() - started < LIMIT_MS);
    }
  });
});

describe('a hostile message does not hold up the bot', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector()));
  after(() => chat.stop());

  it('answers `translate to` + 25,000 spaces + x, while /healthz and another person stay answered at once', async () => {
    const slowest = { healthz: 0 };
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        await (await fetch(`${chat.bot.url}/healthz`)).arrayBuffer();
        slowest.healthz = Math.max(slowest.healthz, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const started = performance.now();
    const [reply] = await Promise.all([
      chat.ask(`translate to${' '.repeat(N - 20)}x`),
      chat.ask('language Good morning everyone, the build is green.'),
    ]);
    const elapsed = performance.now() - started;
    polling = false;
    await poll;
    assert.match(shownText(reply), /Which language should I translate that to\?|I don't know the language x/);
    assert.ok(elapsed < 2000, `both answered after ${elapsed.toFixed(0)} ms`);
    assert.ok(slowest.healthz < 500, `/healthz took up to ${slowest.healthz.toFixed(0)} ms`);
  });
});

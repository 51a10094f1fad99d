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
import { fastestOfAsync, growsLinearly } from '../support/timing.js';

/** The most a message may hold (bot/Dispatcher.ts): every input below is one a person can send. */
const N = 25_000;

/** Runs of what makes patterns backtrack, `n` characters long: whitespace, brackets, markup, separators. */
const worstInputs = (n: number): Record<string, string> => ({
  'spaces then x': `${' '.repeat(n - 1)}x`,
  tabs: '\t'.repeat(n),
  'newlines and spaces': ' \n '.repeat(n / 3),
  'open brackets': '['.repeat(n),
  'brackets and parens': '[]('.repeat(n / 3),
  'less-than signs': '<'.repeat(n),
  stars: '*'.repeat(n),
  underscores: '_'.repeat(n),
  colons: ':'.repeat(n),
  'dotted word': 'a.'.repeat(n / 2),
  'dashed digits': '1-'.repeat(n / 2),
  'dotted digits': '1.'.repeat(n / 2),
  ampersands: '&'.repeat(n),
  'entity starts': '&#'.repeat(n / 2),
});
const WORST = worstInputs(N);
/** The same inputs at a tenth of the length: the baseline each is measured against in the same run. */
const TENTH = worstInputs(N / 10);

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
  // Each input against itself at a tenth of the length, measured now: a loaded machine slows both alike, and a
  // quadratic pattern takes about 100 times as long on the whole input.
  for (const [reader, read] of Object.entries({ ...READERS, ...RENDERERS })) {
    it(`${reader}: the worst inputs take time linear in their length`, () => {
      const slow: string[] = [];
      for (const [name, text] of Object.entries(WORST)) {
        const { linear, tenthMs, wholeMs } = growsLinearly(() => read(TENTH[name]), () => read(text));
        if (!linear) slow.push(`${name}: ${wholeMs.toFixed(1)} ms, a tenth ${tenthMs.toFixed(1)} ms`);
      }
      assert.deepEqual(slow, []);
    });
  }

  it('the offline analyzer reads the worst inputs, and sentences without spaces, in bounded time', async function () {
    this.timeout(60_000);
    const analyzer = await LocalTextAnalyzer.create();
    const inputs = { ...WORST, 'exclamations without spaces': 'wow!'.repeat(N / 4), 'one long word': 'a'.repeat(N) };
    const tenths: Record<string, string> = { ...TENTH, 'exclamations without spaces': 'wow!'.repeat(N / 40), 'one long word': 'a'.repeat(N / 10) };
    const slow: string[] = [];
    for (const [name, text] of Object.entries(inputs)) {
      for (const analysis of ['detectLanguage', 'analyzeSentiment', 'recognizeEntities', 'extractKeyPhrases', 'recognizePii'] as const) {
        // Against the same input at a tenth of the length, measured now. wink-nlp reads a piece at a time; whole,
        // "wow!" x 6,250 took seconds, about 100 times its tenth. The whole is the fastest of three too, as in
        // growsLinearly: once, it met a 20 ms pause in CI (entities of ampersands; about 2 ms here, 8x its tenth).
        const tenthMs = await fastestOfAsync(() => analyzer[analysis](tenths[name], 'en'), 2);
        const wholeMs = await fastestOfAsync(() => analyzer[analysis](text, 'en'), 3);
        if (wholeMs > 40 * Math.max(tenthMs, 0.5)) slow.push(`${analysis} of ${name}: ${wholeMs.toFixed(0)} ms, a tenth ${tenthMs.toFixed(1)} ms`);
      }
    }
    assert.deepEqual(slow, []);
  });

  it('translating a document of the worst inputs takes time linear in their length (a translator that echoes)', async () => {
    for (const [name, text] of Object.entries(WORST)) {
      const tenthMs = await fastestOfAsync(() => translateDocument(shown(TENTH[name]), async (html) => html));
      const wholeMs = await fastestOfAsync(() => translateDocument(shown(text), async (html) => html), 2);
      assert.ok(wholeMs < 40 * Math.max(tenthMs, 0.5), `${name}: ${wholeMs.toFixed(1)} ms, a tenth ${tenthMs.toFixed(1)} ms`);
    }
  });
});

describe('a hostile message does not hold up the bot', () => {
  let chat: BotWithConnector;
  before(async () => (chat = await startBotWithConnector()));
  after(() => chat.stop());

  /** Both messages answered, with /healthz polled (one request at a time) while they run. */
  const askBoth = async (first: string) => {
    let healthz = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const started = performance.now();
        await (await fetch(`${chat.bot.url}/healthz`)).arrayBuffer();
        healthz = Math.max(healthz, performance.now() - started);
      }
    })();
    const started = performance.now();
    const [reply] = await Promise.all([chat.ask(first), chat.ask('language Good morning everyone, the build is green.')]);
    const elapsed = performance.now() - started;
    polling = false;
    await poll;
    return { reply, elapsed, healthz };
  };

  it('answers `translate to` + 25,000 spaces + x, while /healthz and another person stay answered at once', async () => {
    // The baseline, measured now on this machine: the same two messages, the first as long but of ordinary words.
    const ordinary = await askBoth(`translate to ${'word '.repeat((N - 20) / 5)}`);
    const hostile = await askBoth(`translate to${' '.repeat(N - 20)}x`);
    assert.match(shownText(hostile.reply), /Which language should I translate that to\?|I don't know the language x/);
    // A blocked event loop (a quadratic pattern on 25,000 spaces) holds both for seconds: many times the baseline.
    assert.ok(hostile.elapsed < 10 * Math.max(ordinary.elapsed, 50), `both answered after ${hostile.elapsed.toFixed(0)} ms, ordinary ${ordinary.elapsed.toFixed(0)} ms`);
    assert.ok(hostile.healthz < 10 * Math.max(ordinary.healthz, 20), `/healthz took up to ${hostile.healthz.toFixed(0)} ms, ordinary ${ordinary.healthz.toFixed(0)} ms`);
  });
});

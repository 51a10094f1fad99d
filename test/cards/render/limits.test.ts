import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { data, fact, line, type Card } from '../../../cards/Card.js';
import { MAX_CARD_JSON_LENGTH, renderAdaptiveCard } from '../../../cards/render/adaptiveCard.js';
import { jsonBytesAtMost } from '../../../cards/render/limits.js';
import { everyKind } from '../everyKind.js';
import { MAX_BLOCK_KIT_TEXT, MAX_BLOCKS, renderBlockKit } from '../../../cards/render/blockKit.js';
import { MARKDOWN, renderText } from '../../../cards/render/text.js';
import { MAX_MARKDOWN_LENGTH } from '../../../cards/render/markdownDialect.js';
import { MAX_MRKDWN_LENGTH, MRKDWN } from '../../../cards/render/mrkdwn.js';
import { assertParsesCleanly, blockKitTexts, cardTexts, markdownTexts } from '../../support/renderedText.js';
import { everyPart, sentences } from './documents.js';
import { fastestOf, MIN_BASELINE_MS } from '../../support/timing.js';

const SENTENCES = 5_000;
const NOTE = /… ([\d,]+) more lines? left out: the full result was too long for this chat\./;

/** What each renderer shows of a document: its visible texts, one per line or block, and its size against its limit. */
const renderers: Array<{ name: string; render: (document: Card) => { texts: string[]; withinLimit: boolean } }> = [
  {
    name: 'Adaptive Card',
    render: (document) => {
      const card = renderAdaptiveCard(document);
      assertParsesCleanly(card);
      return { texts: cardTexts(card), withinLimit: Buffer.byteLength(JSON.stringify(card)) <= MAX_CARD_JSON_LENGTH };
    },
  },
  {
    name: 'Block Kit',
    render: (document) => {
      const { blocks } = renderBlockKit(document);
      const texts = blockKitTexts(blocks);
      return { texts, withinLimit: blocks.length <= MAX_BLOCKS && texts.join('').length <= MAX_BLOCK_KIT_TEXT };
    },
  },
  {
    name: 'Markdown',
    render: (document) => {
      const text = renderText(document, MARKDOWN);
      return { texts: markdownTexts(text, 'markdown').split('\n'), withinLimit: Buffer.byteLength(text) <= MAX_MARKDOWN_LENGTH };
    },
  },
  {
    name: 'mrkdwn',
    render: (document) => {
      const text = renderText(document, MRKDWN);
      return { texts: markdownTexts(text, 'mrkdwn').split('\n'), withinLimit: text.length <= MAX_MRKDWN_LENGTH };
    },
  },
];

describe('limits', () => {
  for (const { name, render } of renderers) {
    describe(name, () => {
      it(`cuts ${SENTENCES.toLocaleString('en')} sentences to fit, says how many were left out, in time linear in the sentences`, () => {
        const { texts, withinLimit } = render(sentences(SENTENCES));
        // Against a tenth of the sentences rendered now: linear work takes about 10 times as long, quadratic 100.
        const tenth = sentences(SENTENCES / 10);
        const whole = sentences(SENTENCES);
        const baseline = fastestOf(() => render(tenth));
        const elapsed = fastestOf(() => render(whole), 3);

        assert.ok(withinLimit, 'over the limit');
        const shown = texts.filter((text) => /^(• ?)?Sentence \d+:/.test(text)).length;
        assert.ok(shown > 20, `only ${shown} sentences shown`);
        const note = texts.map((text) => NOTE.exec(text)).find((match) => match);
        assert.ok(note, 'no note saying what was left out');
        assert.equal(Number(note[1].replace(/,/g, '')), SENTENCES - shown);
        // Kept whole: the title, the other section's fact, the document's own note and its button.
        for (const kept of ['Sentiment by sentence', 'Sentences', 'Overall', 'From the offline analyzer', /analyze again/i]) {
          assert.ok(texts.some((text) => (typeof kept === 'string' ? text.includes(kept) : kept.test(text))), String(kept));
        }
        assert.ok(elapsed < 40 * Math.max(baseline, MIN_BASELINE_MS), `${elapsed.toFixed(1)} ms against ${baseline.toFixed(1)} ms for a tenth`);
      });

      it('shortens a single line too long for the message, and says so', () => {
        const { texts, withinLimit } = render({ sections: [{ lines: [line(data('word '.repeat(20_000)))] }] });
        assert.ok(withinLimit, 'over the limit');
        assert.ok(texts.some((text) => text.startsWith('word word') && text.endsWith('…')));
        assert.ok(texts.some((text) => text.includes('Long lines shortened: the full result was too long for this chat.')));
      });

      it('keeps a reply of many small sections, cutting whole sections from the end', () => {
        const sections = Array.from({ length: 3_000 }, (_, index) => ({ heading: line(`VM ${index}`), facts: [fact('State', data('Running'))] }));
        const { texts, withinLimit } = render({ title: line('Training VMs'), sections });
        assert.ok(withinLimit, 'over the limit');
        assert.ok(texts.some((text) => text.includes('Training VMs')));
        assert.ok(texts.some((text) => text.includes('VM 0')));
        assert.ok(texts.some((text) => NOTE.test(text)));
        const headings = texts.filter((text) => /^VM \d+$/.test(text));
        assert.deepEqual(headings, headings.map((_, index) => `VM ${index}`), 'the first sections, in order');
        assert.equal(texts.filter((text) => text.includes('State')).length, headings.length, 'each section whole: its heading and its fact');
        const note = texts.map((text) => NOTE.exec(text)).find((match) => match);
        assert.equal(Number(note![1].replace(/,/g, '')), 2 * (sections.length - headings.length), 'a heading and a fact for each section left out');
      });

      it('leaves a document that fits as it is, with no note', () => {
        const { texts } = render(sentences(10));
        assert.equal(texts.filter((text) => /Sentence \d+:/.test(text)).length, 10);
        assert.ok(!texts.some((text) => NOTE.test(text)));
      });
    });
  }
});

describe('the cheap upper bound of a JSON size', () => {
  const exactBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null');

  it('is never below the exact size: every kind of card, and strings JSON escapes or UTF-8 widens', () => {
    const cards = [everyPart(), ...everyKind().map(([, document]) => document)].map((document) => renderAdaptiveCard(document));
    // Each alone, so that no cheap character elsewhere hides a miscount.
    const awkward = ['"', '\\', '\u0001', '\u001f', '\ud800', '\udc00', '\udc00\ud800', '🟢', '漢', '\u2028', 'é', 'a'].map((piece) => piece.repeat(10));
    // The longest a double prints: 17 digits after five zeros ("-0.0000012345678901234567"), not in exponent form.
    const numbers = [-1.2345678901234567e-6, -1.7976931348623157e308, -2.2250738585072014e-308, 5e-324, -0, NaN, Infinity];
    const values: unknown[] = [
      ...cards,
      ...awkward,
      '',
      ...numbers,
      ...numbers.map((number) => [number]),
      { nested: [[awkward], { deeper: awkward }], numbers, flags: [true, false, null] },
      { left: undefined, out: () => 1, kept: 'x' },
      [undefined, () => 1, Symbol('s')],
    ];
    for (const value of values) {
      const bound = jsonBytesAtMost(value);
      assert.ok(bound >= exactBytes(value), `bound ${bound} < exact ${exactBytes(value)} for ${JSON.stringify(value)?.slice(0, 80)}`);
    }
  });

  it('gives up (Infinity) on what JSON.stringify writes through toJSON', () => {
    assert.equal(jsonBytesAtMost({ when: new Date(0) }), Infinity);
  });

  it('still measures a card exactly when the bound says over: a card of quotes that fits is sent whole', () => {
    // Each quote is 6 bytes to the bound and 2 in the JSON: the bound says over the limit, the card is not.
    const document: Card = { sections: [{ lines: Array.from({ length: 150 }, (_, index) => line(`${index} ${'"'.repeat(20)}`)) }] };
    const card = renderAdaptiveCard(document);
    assert.ok(jsonBytesAtMost(card) > MAX_CARD_JSON_LENGTH, 'the bound is over the limit');
    assert.ok(exactBytes(card) <= MAX_CARD_JSON_LENGTH, `${exactBytes(card)} bytes`);
    assert.equal(cardTexts(card).filter((text) => text.includes('"'.repeat(20))).length, 150, 'every line is in the card');
    assert.doesNotMatch(cardTexts(card).join('\n'), NOTE);
  });
});

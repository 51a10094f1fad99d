import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { data, fact, line, type ResultDocument } from '../../documents/document.js';
import { MAX_CARD_JSON_LENGTH, renderAdaptiveCard } from '../../render/adaptiveCard.js';
import { MAX_BLOCK_KIT_TEXT, MAX_BLOCKS, renderBlockKit } from '../../channels/slack/blockKit.js';
import { MARKDOWN, renderText } from '../../render/text.js';
import { MAX_MARKDOWN_LENGTH } from '../../render/markdownDialect.js';
import { MAX_MRKDWN_LENGTH, MRKDWN } from '../../channels/slack/mrkdwn.js';
import { assertParsesCleanly, blockKitTexts, cardTexts, markdownTexts } from '../support/renderedText.js';
import { sentences } from './documents.js';

const SENTENCES = 5_000;
const NOTE = /… ([\d,]+) more lines? left out: the full result was too long for this chat\./;

/** What each renderer shows of a document: its visible texts, one per line or block, and its size against its limit. */
const renderers: Array<{ name: string; render: (document: ResultDocument) => { texts: string[]; withinLimit: boolean } }> = [
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
      it(`cuts ${SENTENCES.toLocaleString('en')} sentences to fit, says how many were left out, and takes well under 200 ms`, () => {
        const started = performance.now();
        const { texts, withinLimit } = render(sentences(SENTENCES));
        const elapsed = performance.now() - started;

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
        assert.ok(elapsed < 200, `${elapsed.toFixed(0)} ms`);
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

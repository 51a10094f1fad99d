import { strict as assert } from 'node:assert';
import { renderAnalysisCard } from '../../cards/analysisCard.js';
import { renderAnalysisText } from '../../cards/analysisText.js';
import type { AnalysisView } from '../../cards/analysisView.js';
import { visibleTexts } from '../support/connector.js';

const view: AnalysisView = {
  title: 'Text analysis',
  backendName: 'offline analyzer',
  language: { available: true, result: { iso: 'en', name: 'English', confidence: 0.994 }, partErrors: [] },
  sentiment: {
    available: true,
    partErrors: [{ part: 2, of: 2, message: 'the service could not analyse this part' }],
    result: {
      sentiment: 'mixed',
      scores: { positive: 0.4, neutral: 0.2, negative: 0.4 },
      sentences: [
        {
          text: 'I loved the new GPU.',
          offset: 0,
          sentiment: 'positive',
          scores: { positive: 0.9, neutral: 0.1, negative: 0 },
          opinions: [{ target: 'GPU', sentiment: 'positive', assessments: [{ text: 'loved', sentiment: 'positive', isNegated: false }] }],
        },
        { text: 'The install was painful.', offset: 21, sentiment: 'negative', scores: { positive: 0, neutral: 0.2, negative: 0.8 }, opinions: [] },
      ],
    },
  },
  entities: {
    available: true,
    partErrors: [],
    result: [
      { text: 'Seattle', category: 'Location', subcategory: 'City', offset: 0, length: 7, confidence: 0.91 },
      { text: 'Ada', category: 'Person', offset: 10, length: 3 },
    ],
  },
  keyPhrases: { available: false, reason: 'Key phrase extraction offline reads English only.' },
};

describe('analysis renderers', () => {
  it('shows a person the language, each sentence with its sentiment, opinions, entities and unavailable parts', () => {
    const card = renderAnalysisCard(view);
    assert.equal(card.version, '1.5');
    const texts = visibleTexts(card);
    assert.equal(texts[0], 'Text analysis');
    assert.ok(texts.includes('English (99% confident)'));
    assert.ok(texts.includes('🟡 Mixed: positive 40%, neutral 20%, negative 40%'));
    assert.ok(texts.includes('🟢 Positive: I loved the new GPU.'));
    assert.ok(texts.includes('🔴 Negative: The install was painful.'));
    assert.ok(texts.includes('↳ GPU (positive): loved'));
    assert.ok(texts.includes('Location / City'));
    assert.ok(texts.includes('91%'));
    assert.ok(texts.includes('—'), 'an entity without confidence shows a dash, not a made-up number');
    assert.ok(texts.includes('Key phrase extraction offline reads English only.'));
    assert.ok(texts.some((text) => text.startsWith('Sentiment: part 2 of 2 of the text was not analysed')));
    assert.ok(texts.includes('Analysed by the offline analyzer.'));
  });

  it('colours sentences by sentiment', () => {
    const blocks = JSON.stringify(renderAnalysisCard(view));
    assert.match(blocks, /"text":"🟢 Positive: I loved the new GPU\.","wrap":true,"color":"good"/);
    assert.match(blocks, /"text":"🔴 Negative: The install was painful\.","wrap":true,"color":"attention"/);
  });

  it('says the same in Markdown for channels without cards', () => {
    const text = renderAnalysisText(view);
    assert.match(text, /^\*\*Text analysis\*\*/);
    assert.match(text, /\*\*Language:\*\* English \(99% confident\)/);
    assert.match(text, /- 🔴 Negative: The install was painful\./);
    assert.match(text, /\*\*Entities:\*\* Seattle \(Location \/ City\), Ada \(Person\)/);
    assert.match(text, /\*\*Key phrases:\*\* Key phrase extraction offline reads English only\./);
    assert.match(text, /⚠️ Sentiment: part 2 of 2/);
  });

  it('shows redacted text and categories for PII, never the values', () => {
    const card = renderAnalysisCard({
      title: 'Personal data',
      backendName: 'offline analyzer',
      pii: {
        available: true,
        partErrors: [],
        result: {
          redactedText: 'Mail ************ now',
          entities: [{ text: 'ada@lab.org', category: 'Email', offset: 5, length: 11 }],
        },
      },
    });
    assert.equal(visibleTexts(card).filter((text) => text === 'Personal data').length, 1, 'a one-analysis card names it once');
    const texts = visibleTexts(card).join('\n');
    assert.match(texts, /Mail \*{12} now/);
    assert.match(texts, /Email/);
    assert.doesNotMatch(JSON.stringify(card.body), /ada@lab\.org/);
  });
});

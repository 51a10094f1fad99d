import { strict as assert } from 'node:assert';
import { analysisDocument } from '../../cards/analysis.js';
import { plainText, type Card } from '../../cards/Card.js';
import type { Entity } from '../../services/textAnalytics/TextAnalyzer.js';

const entities = (found: Entity[]): Card => analysisDocument({ title: 'Entities', backendName: 'test', entities: { available: true, partErrors: [], result: found } });
const columns = (document: Card) => document.sections.flatMap((section) => section.table?.columns ?? []).map(plainText);
const rows = (document: Card) => document.sections.flatMap((section) => section.table?.rows ?? []).map((row) => row.map(plainText));

describe('the analysis document', () => {
  it('has a Confidence column only when the backend gives confidences, with — for an entity without one', () => {
    const offline = entities([{ text: 'Paris', category: 'Location', offset: 0, length: 5 }]);
    assert.deepEqual(columns(offline), ['Entity', 'Category']);
    assert.deepEqual(rows(offline), [['Paris', 'Location']]);
    const azure = entities([
      { text: 'Paris', category: 'Location', offset: 0, length: 5, confidence: 0.91 },
      { text: 'IBM', category: 'Organization', offset: 10, length: 3 },
    ]);
    assert.deepEqual(columns(azure), ['Entity', 'Category', 'Confidence']);
    assert.deepEqual(rows(azure), [['Paris', 'Location', '91%'], ['IBM', 'Organization', '—']]);
  });

  it('masks the redacted sentence with the bullets its values have, where the backend masked an entity', () => {
    const document = analysisDocument({
      title: 'Personal data',
      backendName: 'test',
      pii: {
        available: true,
        partErrors: [],
        result: { redactedText: 'Mail **************** at 5 * 3', entities: [{ text: 'jane@contoso.com', category: 'Email', offset: 5, length: 16 }] },
      },
    });
    const shown = document.sections.flatMap((section) => section.lines ?? []).map(plainText);
    assert.ok(shown.includes('Mail •••••••••••••••• at 5 * 3'), shown.join(' | '));
  });
});

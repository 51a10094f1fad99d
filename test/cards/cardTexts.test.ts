import { strict as assert } from 'node:assert';
import { blockKitTexts, cardTexts } from '../../cards/cardTexts.js';
import { renderHelpBlocks } from '../../cards/slack/helpBlocks.js';
import { renderHelpCard } from '../../cards/helpCard.js';
import { renderTranslationCard } from '../../cards/translationCard.js';
import { renderTranslationText } from '../../cards/translationText.js';

describe('card texts for translation', () => {
  it('finds TextBlocks, FactSet titles and values and action titles, and rewrites them in place, never action data', () => {
    const card = renderHelpCard({
      title: 'What labmate can do',
      intro: 'Type a command.',
      commands: [{ usage: 'help', description: 'What labmate can do.' }],
      examples: [['Try an analysis', 'analyze The GPU is fast']],
    });
    const slots = cardTexts(card);
    assert.deepEqual(
      slots.map((slot) => slot.text),
      ['What labmate can do', 'Type a command.', 'help', 'What labmate can do.', 'Try an analysis'],
    );
    for (const slot of slots) slot.set(slot.text.toUpperCase());
    assert.equal(card.body[0].text, 'WHAT LABMATE CAN DO');
    assert.deepEqual(card.actions?.[0], {
      type: 'Action.Submit',
      title: 'TRY AN ANALYSIS',
      data: { command: 'analyze The GPU is fast', msteams: { type: 'imBack', value: 'analyze The GPU is fast' } },
    });
  });
});

describe('Block Kit texts for translation', () => {
  it('finds headers, sections, context lines and button labels, and never touches button values or action ids', () => {
    const blocks = renderHelpBlocks({
      title: 'What labmate can do',
      intro: 'Type a command.',
      commands: [{ usage: 'help', description: 'What labmate can do.' }],
      examples: [['Try an analysis', 'analyze The GPU is fast']],
      footer: 'Text analysis: offline analyzer',
    });
    const before = JSON.stringify(blocks);
    const slots = blockKitTexts(blocks);
    assert.deepEqual(
      slots.map((slot) => slot.text),
      ['What labmate can do', 'Type a command.', '• `/labmate help` What labmate can do.', 'Try an analysis', 'Text analysis: offline analyzer'],
    );
    for (const slot of slots) slot.set(slot.text.toUpperCase());
    const button = (blocks[3] as { elements: Array<{ text: { text: string }; value: string; action_id: string }> }).elements[0];
    assert.equal(button.text.text, 'TRY AN ANALYSIS');
    assert.equal(button.value, JSON.parse(before)[3].elements[0].value, 'the value the bot reads back is untouched');
    assert.equal(button.action_id, 'help-example-0');
  });
});

describe('translation card', () => {
  const view = { from: 'English', to: 'Spanish', detectedConfidence: 0.91, text: 'La carrera acabó.', original: 'The run finished.', backendName: 'Apertium (offline)' };

  it('shows the detected source, the target and the translation', () => {
    const card = renderTranslationCard(view);
    const texts = cardTexts(card).map((slot) => slot.text);
    assert.deepEqual(texts, ['Translation', 'From', 'English (detected, 91% confident)', 'To', 'Spanish', 'La carrera acabó.', 'Original: The run finished.', 'Translated by Apertium (offline).']);
    assert.equal(card.version, '1.5');
  });

  it('has a text fallback with the same facts', () => {
    assert.equal(
      renderTranslationText({ ...view, detectedConfidence: undefined }),
      '**Translation** (English → Spanish)\n\nLa carrera acabó.\n\n_Translated by Apertium (offline)._',
    );
  });
});

import { strict as assert } from 'node:assert';
import type { Capabilities } from '../../dialogs/Capabilities.js';
import { COMMANDS, createCommandTable } from '../../dialogs/index.js';
import { helpFor, HELP_TEXT, WELCOME_TEXT } from '../../dialogs/help.js';
import { plainText } from '../../cards/Card.js';

/** What help reads of the capabilities: the command table and each backend's name. */
function capabilities(modelName: string): Capabilities {
  return {
    commands: createCommandTable(COMMANDS),
    textAnalyzer: { backendName: 'offline analyzer' },
    translator: { backendName: 'Apertium (offline)' },
    imageClassifier: { configured: true, modelName, backendName: 'Custom Vision' },
    labelling: { project: { configured: false } },
    compute: { configured: false },
  } as unknown as Capabilities;
}

describe('help, built once and shared', () => {
  it('is one frozen document for everyone with the same capabilities and text', () => {
    const shared = capabilities('Iteration1');
    const help = helpFor(shared, HELP_TEXT);
    assert.equal(helpFor(shared, HELP_TEXT), help);
    assert.ok(Object.isFrozen(help) && Object.isFrozen(help.sections[1].lines?.[0].spans[0]));
    assert.throws(() => (help.notes as unknown[]).push('changed'), TypeError, 'a turn cannot change everyone’s help');
    assert.notEqual(helpFor(shared, WELCOME_TEXT), help, 'the welcome is its own');
  });

  it('is built anew when a backend changes (a newly published model), with the new name', () => {
    const before = helpFor(capabilities('Iteration1'), HELP_TEXT);
    const after = helpFor(capabilities('Iteration2'), HELP_TEXT);
    assert.notEqual(after, before);
    assert.match(plainText(after.notes?.[0] ?? { spans: [] }), /Images: Iteration2 \(Custom Vision\)/);
  });
});

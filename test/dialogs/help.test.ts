import { strict as assert } from 'node:assert';
import type { Capabilities } from '../../dialogs/Capabilities.js';
import { COMMANDS, createCommandTable } from '../../dialogs/index.js';
import { findTopic, helpEntries, helpFor, helpTopicFor, HELP_TEXT, welcomeFor, WELCOME_TEXT } from '../../dialogs/help.js';
import { HELP_TOPICS, type HelpTopic } from '../../cards/help.js';
import { actionsOf, linesOf, plainText, type Card } from '../../cards/Card.js';

/** The usage lines of a help document (they start with a command word in code). */
const usages = (document: Card) => linesOf(document).filter((value) => value.spans[0]?.style === 'code').map(plainText);
const TOPICS = Object.keys(HELP_TOPICS) as HelpTopic[];

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
    assert.throws(() => (help.actions as unknown[]).push('changed'), TypeError, 'a turn cannot change everyone’s help');
    assert.notEqual(helpFor(shared, WELCOME_TEXT), help, 'the welcome is its own');
    assert.equal(helpTopicFor(shared, 'vms'), helpTopicFor(shared, 'vms'), 'and so is each topic page');
  });

  it('is built anew when a backend changes (a newly published model), with the new name', () => {
    const before = helpTopicFor(capabilities('Iteration1'), 'images');
    const after = helpTopicFor(capabilities('Iteration2'), 'images');
    assert.notEqual(after, before);
    assert.match(plainText(after.notes?.[0] ?? { spans: [] }), /^Images: Iteration2 \(Custom Vision\)$/);
    assert.match(plainText(welcomeFor(capabilities('Iteration2')).notes?.[0] ?? { spans: [] }), /Images: Iteration2 \(Custom Vision\)/, 'the welcome names every backend');
  });
});

describe('help, short, by topic', () => {
  const shared = capabilities('Iteration1');

  it('groups the most used commands by what they are for, the most used group first, with a button per group', () => {
    const help = helpFor(shared, HELP_TEXT);
    assert.deepEqual(
      help.sections.map((section) => (section.heading ? plainText(section.heading) : undefined)).filter(Boolean),
      ['Text analysis', 'Translation', 'Images and labelling', 'Training VMs', 'Azure ML jobs'],
    );
    assert.deepEqual(usages(help), ['analyze ‹text›', 'pii ‹text›', 'translate ‹language› ‹text›', 'translate auto ‹language›', 'label on', 'vm list', 'vm start ‹name›', 'jobs [‹experiment›]']);
    assert.ok(linesOf(help).map(plainText).includes('The rest: help ‹topic›, where the topic is text, translation, images, vms and jobs.'));
    assert.ok(linesOf(help).length <= 20, `${linesOf(help).length} lines`);
    assert.deepEqual(
      actionsOf(help).map((action) => action.command),
      ['analyze I loved the new GPU, but the driver install was painful', 'help text', 'help translation', 'help images', 'help vms', 'help jobs'],
    );
  });

  it('lists every form a person can type on exactly one topic page, with what it does', () => {
    const pages = TOPICS.map((topic) => usages(helpTopicFor(shared, topic)));
    const everyForm = helpEntries(COMMANDS).map((entry) => plainText({ spans: [{ text: entry.words.join(' '), style: 'code', translate: false }] }));
    assert.ok(everyForm.length >= 20);
    for (const form of everyForm) assert.equal(pages.filter((page) => page.some((usage) => usage === form || usage.startsWith(`${form} `))).length, 1, form);
    const vms = helpTopicFor(shared, 'vms');
    assert.deepEqual(usages(vms), ['vm list', 'vm status [‹name›]', 'vm start ‹name›', 'vm stop ‹name›', 'vm autostop ‹name› ‹HH:MM› [‹time zone›]', 'vm keep ‹name› [‹hours›]']);
    assert.match(linesOf(vms).map(plainText).join('\n'), /^vm start ‹name›\nStart a VM or compute instance; I post again when it is running \(operators\)\.$/m);
    assert.deepEqual(actionsOf(vms).at(-1), { title: 'All topics', command: 'help' });
  });

  it('finds a topic by its name, one of its words, or a command of it', () => {
    assert.equal(findTopic('vms', COMMANDS), 'vms');
    assert.equal(findTopic('VM', COMMANDS), 'vms');
    assert.equal(findTopic('sentiment', COMMANDS), 'text');
    assert.equal(findTopic('publish', COMMANDS), 'images');
    assert.equal(findTopic('job', COMMANDS), 'jobs');
    assert.equal(findTopic('weather', COMMANDS), undefined);
  });

  it('welcomes with what to try first, and where the rest is', () => {
    const welcome = welcomeFor(shared);
    const shown = linesOf(welcome).map(plainText);
    assert.equal(shown[0], 'Hi, I am labmate');
    assert.ok(shown.some((text) => /^Paste any text/.test(text)));
    assert.ok(shown.some((text) => /^Post an image/.test(text)), 'the images classifier is set up');
    assert.ok(!shown.some((text) => /vm list/.test(text)), 'no training VMs are set up');
    assert.ok(shown.length <= 10, `${shown.length} lines`);
    assert.deepEqual(actionsOf(welcome).map((action) => action.title), ['Try an analysis', 'Translate', 'All commands']);
  });
});

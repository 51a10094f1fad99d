import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { data, fact, line, type Card } from '../../../cards/Card.js';
import { renderBlockKit, type ActionsBlock, type Block, type ButtonElement, type ContextBlock, type RichTextBlock, type SectionBlock } from '../../../cards/render/blockKit.js';
import { blockKitTexts } from '../../support/renderedText.js';
import { everyPart, HOSTILE } from './documents.js';

const ofType = <T extends Block>(blocks: Block[], type: T['type']) => blocks.filter((block): block is T => block.type === type);
const buttonsOf = (blocks: Block[]): ButtonElement[] =>
  blocks.flatMap((block) => (block.type === 'actions' ? block.elements : block.type === 'section' && block.accessory ? [block.accessory] : []));
/** The rich_text elements that show `text`, with their styles. */
const elementsShowing = (blocks: Block[], text: string) =>
  ofType<RichTextBlock>(blocks, 'rich_text')
    .flatMap((block) => block.elements)
    .flatMap((element) => (element.type === 'rich_text_list' ? element.elements : [element]))
    .flatMap((section) => section.elements)
    .filter((element) => element.text === text);

describe('renderBlockKit', () => {
  const { text, blocks } = renderBlockKit(everyPart());

  it('uses the title as the notification text and as a plain-text header', () => {
    assert.equal(text, 'VM gpu-01');
    assert.deepEqual(blocks[0], { type: 'header', text: { type: 'plain_text', text: 'VM gpu-01', emoji: false } });
  });

  it('writes headings, lines and bullets as rich_text with styles, and links as link elements', () => {
    assert.deepEqual(elementsShowing(blocks, 'Power state'), [{ type: 'text', text: 'Power state', style: { bold: true } }]);
    assert.deepEqual(elementsShowing(blocks, 'strong'), [{ type: 'text', text: 'strong', style: { bold: true } }]);
    assert.deepEqual(elementsShowing(blocks, 'emphasis'), [{ type: 'text', text: 'emphasis', style: { italic: true } }]);
    assert.deepEqual(elementsShowing(blocks, '‹name›'), [{ type: 'text', text: '‹name›', style: { italic: true } }]);
    assert.deepEqual(elementsShowing(blocks, 'vm list'), [{ type: 'text', text: 'vm list', style: { code: true } }]);
    assert.deepEqual(elementsShowing(blocks, 'the docs'), [{ type: 'link', url: 'https://learn.microsoft.com/azure/', text: 'the docs' }]);
    const [richText] = ofType<RichTextBlock>(blocks, 'rich_text');
    const list = richText.elements.find((element) => element.type === 'rich_text_list');
    assert.equal(list?.type === 'rich_text_list' && list.style, 'bullet');
    assert.deepEqual(blockKitTexts(blocks).slice(1, 3), ['Power state', `You wrote: ${HOSTILE}`]);
  });

  it('puts facts in a section of escaped, verbatim mrkdwn fields, the label bold', () => {
    const [section] = ofType<SectionBlock>(blocks, 'section');
    assert.deepEqual(section.fields, [
      { type: 'mrkdwn', text: '*Size:* Standard_NC6', verbatim: true },
      { type: 'mrkdwn', text: '*Cost:* $0.90 an hour', verbatim: true },
    ]);
  });

  it("makes a section's only button the accessory of its fields", () => {
    const [section] = ofType<SectionBlock>(blocks, 'section');
    assert.equal(section.accessory?.text.text, 'Deallocate');
    assert.equal(section.accessory?.style, 'danger');
  });

  it('writes a table as a bold line of column names, then a line per row: first cell bold, the rest after a dot', () => {
    const texts = blockKitTexts(blocks);
    const at = texts.indexOf('Name · State · Size');
    assert.deepEqual(texts.slice(at, at + 3), ['Name · State · Size', 'gpu-02 · Stopped · Standard_NC12', 'cpu-01 · Running · Standard_D4s_v5']);
    assert.deepEqual(elementsShowing(blocks, 'gpu-02'), [{ type: 'text', text: 'gpu-02', style: { bold: true } }]);
    assert.deepEqual(elementsShowing(blocks, 'Stopped'), [{ type: 'text', text: 'Stopped' }]);
  });

  it('leaves the picture out: an image block needs a public address', () => {
    assert.ok(!JSON.stringify(blocks).includes('data:image'));
  });

  it('shows notes as context, then the document buttons at the end', () => {
    const contexts = ofType(blocks, 'context');
    assert.equal(blockKitTexts(contexts).join(), 'From Azure Resource Manager');
    const last = blocks[blocks.length - 1] as ActionsBlock;
    assert.equal(last.type, 'actions');
    assert.deepEqual(
      last.elements.map((button) => [button.text.text, button.style]),
      [
        ['Deallocate', 'danger'],
        ['Cancel', undefined],
        ['Help', undefined],
      ],
    );
  });

  it('puts several section buttons in an actions block after the section', () => {
    const actions = ofType<ActionsBlock>(blocks, 'actions');
    assert.deepEqual(
      actions[0].elements.map((button) => [button.text.text, button.style]),
      [
        ['Start gpu-02', 'primary'],
        ['List VMs', undefined],
      ],
    );
  });

  it('shows what a person wrote literally: rich_text as written, mrkdwn escaped', () => {
    const { blocks: hostile } = renderBlockKit({ title: line(data(HOSTILE)), sections: [{ lines: [line(data(HOSTILE))], facts: [fact('Text', data(HOSTILE))] }], notes: [line(data(HOSTILE))] });
    assert.deepEqual(elementsShowing(hostile, HOSTILE), [{ type: 'text', text: HOSTILE }]);
    const mrkdwnTexts = [...ofType<SectionBlock>(hostile, 'section').flatMap((block) => block.fields), ...ofType<ContextBlock>(hostile, 'context').flatMap((block) => block.elements)];
    for (const field of mrkdwnTexts) {
      assert.ok(field.text.includes('&lt;!channel&gt;'), field.text);
      assert.ok(!field.text.includes('<'), field.text);
      assert.ok(field.text.includes('*\u200Bbold*\u200B'), field.text);
      assert.equal(field.verbatim, true);
    }
    assert.deepEqual(blockKitTexts(hostile), [HOSTILE, HOSTILE, `Text: ${HOSTILE}`, HOSTILE]);
    assert.equal(renderBlockKit({ title: line(data('<!here> & *you*')), sections: [] }).text, '&lt;!here&gt; &amp; *\u200Byou*\u200B');
  });
});

describe('renderBlockKit buttons', () => {
  const document: Card = {
    sections: [
      { lines: [line('gpu-01')], actions: [{ title: 'Start', command: 'vm start gpu-01', style: 'positive' }] },
      { facts: [fact('State', 'Running')], actions: [{ title: 'Stop', command: 'vm stop gpu-02 "quoted" \\ \u00e9', style: 'destructive' }] },
    ],
    actions: [
      { title: 'Yes', command: 'yes', answers: true },
      { title: 'A title far longer than the seventy-five characters Slack allows on a button label', command: 'no', answers: true },
    ],
  };
  const { blocks } = renderBlockKit(document);
  const buttons = buttonsOf(blocks);

  it('gives every button a value that parses back to { command }', () => {
    assert.deepEqual(
      buttons.map((button) => JSON.parse(button.value) as unknown),
      [{ command: 'vm start gpu-01' }, { command: 'vm stop gpu-02 "quoted" \\ \u00e9' }, { command: 'yes' }, { command: 'no' }],
    );
  });

  it('gives every button an action_id unique within the message', () => {
    const ids = buttons.map((button) => button.action_id);
    assert.equal(new Set(ids).size, ids.length);
    assert.ok(ids.every((id) => /^labmate-action-\d+$/.test(id)));
  });

  it('uses an actions block for a lone button when the section has no fields, the accessory when it has', () => {
    assert.equal(blocks[1].type, 'actions');
    assert.equal((blocks[2] as SectionBlock).accessory?.text.text, 'Stop');
  });

  it('keeps button labels within 75 characters', () => {
    assert.ok(buttons.every((button) => button.text.text.length <= 75));
    assert.ok(buttons[3].text.text.endsWith('…'));
  });

  it('leaves out a button whose command is too long for a button value, rather than cut the command', () => {
    const { blocks: long } = renderBlockKit({ sections: [], actions: [{ title: 'Translate', command: `translate to fr ${'word '.repeat(500)}` }] });
    assert.deepEqual(buttonsOf(long), []);
  });
});

describe('renderBlockKit limits', () => {
  it('keeps a header within 150 characters and a field within 2,000', () => {
    const { blocks } = renderBlockKit({ title: line(data('t'.repeat(400))), sections: [{ facts: [fact('Text', data('&'.repeat(3000)))] }] });
    assert.equal((blocks[0].type === 'header' && blocks[0].text.text.length) || 0, 150);
    const [section] = ofType<SectionBlock>(blocks, 'section');
    assert.ok(section.fields[0].text.length <= 2000, String(section.fields[0].text.length));
    assert.ok(section.fields[0].text.endsWith('…'));
    assert.ok(!section.fields[0].text.replace(/&amp;/g, '').includes('&'), 'an escape was cut in two');
  });

  it('keeps ten fields to a section', () => {
    const facts = Array.from({ length: 25 }, (_, index) => fact(`Fact ${index}`, data(String(index))));
    const sections = ofType<SectionBlock>(renderBlockKit({ sections: [{ facts }] }).blocks, 'section');
    assert.deepEqual(
      sections.map((section) => section.fields.length),
      [10, 10, 5],
    );
  });

  it('keeps a message within 50 blocks, saying how much was left out', () => {
    const sections = Array.from({ length: 80 }, (_, index) => ({ heading: line(`VM ${index}`), facts: [fact('State', 'Running')] }));
    const { blocks } = renderBlockKit({ title: line('VMs'), sections });
    assert.ok(blocks.length <= 50 && blocks.length >= 45, String(blocks.length));
    // Whole sections went, from the end: each had a heading and a fact.
    const kept = blockKitTexts(blocks).filter((text) => text.startsWith('VM ')).length;
    assert.deepEqual(blockKitTexts(blocks).slice(1, 3), ['VM 0', 'State: Running']);
    const note = blockKitTexts(ofType(blocks, 'context')).join();
    assert.equal(note, `… ${(80 - kept) * 2} more lines left out: the full result was too long for this chat.`);
  });
});

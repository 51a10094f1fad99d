import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { line, say, type Card } from '../../../cards/Card.js';
import { renderAdaptiveCard } from '../../../cards/render/adaptiveCard.js';
import { assertParsesCleanly, cardTexts } from '../../support/renderedText.js';
import { everyPart, HOSTILE, PIXEL } from './documents.js';

type Json = Record<string, unknown>;

/** Renders a card, which must also read back through the SDK without a warning: every card these tests make. */
function render(...args: Parameters<typeof renderAdaptiveCard>): Json {
  const card = renderAdaptiveCard(...args);
  assertParsesCleanly(card);
  return card;
}

/** Every object in the card JSON that `test` accepts, in document order. */
function all(node: unknown, test: (element: Json) => boolean): Json[] {
  if (Array.isArray(node)) return node.flatMap((item) => all(item, test));
  if (!node || typeof node !== 'object') return [];
  const element = node as Json;
  return [...(test(element) ? [element] : []), ...Object.values(element).flatMap((value) => all(value, test))];
}

const ofType = (type: string) => (element: Json) => element.type === type;
const runs = (card: Json) => all(card, ofType('TextRun'));
const run = (card: Json, text: string) => {
  const found = runs(card).find((candidate) => candidate.text === text);
  assert.ok(found, `no TextRun "${text}"`);
  return found;
};

describe('renderAdaptiveCard', () => {
  const card = render(everyPart());
  const body = card.body as Json[];

  it('builds a 1.5 card the SDK reads back without a warning', () => {
    assert.equal(card.type, 'AdaptiveCard');
    assert.equal(card.version, '1.5');
    assertParsesCleanly(card);
  });

  it('writes every line as a RichTextBlock of TextRuns: no TextBlock, no FactSet, no Markdown anywhere', () => {
    assert.deepEqual(all(card, (element) => element.type === 'TextBlock' || element.type === 'FactSet'), []);
    for (const block of all(card, ofType('RichTextBlock'))) {
      for (const inline of block.inlines as unknown[]) assert.equal((inline as Json).type, 'TextRun');
    }
  });

  it('gives the title a larger bold run, and the title as fallback text', () => {
    assert.equal(card.fallbackText, 'VM gpu-01');
    const title = body[0];
    assert.equal(title.type, 'RichTextBlock');
    for (const inline of title.inlines as Json[]) {
      assert.equal(inline.weight, 'Bolder');
      assert.equal(inline.size, 'Medium');
    }
  });

  it('styles spans by their style and lines by their tone', () => {
    assert.equal(run(card, 'strong').weight, 'Bolder');
    assert.equal(run(card, 'emphasis').italic, true);
    assert.equal(run(card, '‹name›').italic, true);
    assert.equal(run(card, 'vm list').fontType, 'Monospace');
    assert.equal(run(card, 'Plain, ').weight, undefined);
    assert.deepEqual(run(card, 'the docs').selectAction, { type: 'Action.OpenUrl', url: 'https://learn.microsoft.com/azure/' });
    assert.equal(run(card, 'Running').color, 'Good');
    assert.equal(run(card, 'Idle for 3 hours').color, 'Warning');
    assert.equal(run(card, 'Quota almost used').color, 'Attention');
    assert.equal(run(card, 'New: auto-stop').color, 'Accent');
    assert.equal(run(card, 'Checked a minute ago').isSubtle, true);
    assert.equal(run(card, 'Power state').weight, 'Bolder');
  });

  it('shows bullets with a bullet sign and facts as "Label: value" lines with the label bold', () => {
    const texts = cardTexts(card);
    assert.ok(texts.includes('• first bullet'));
    assert.ok(texts.includes('• second bullet with code'));
    assert.ok(texts.includes('Size: Standard_NC6'));
    assert.equal(run(card, 'Size').weight, 'Bolder');
    assert.equal(run(card, 'Standard_NC6').weight, undefined);
  });

  it('separates sections, but not the first part of the card', () => {
    assert.equal(body[0].separator, undefined);
    assert.deepEqual(body.slice(1).map((element) => [element.type, element.separator]), [
      ['Container', true],
      ['Container', true],
      ['Container', true],
    ]);
    const first = render({ sections: [{ lines: [line('one')] }, { lines: [line('two')] }] }).body as Json[];
    assert.deepEqual(first.map((element) => element.separator), [undefined, true]);
  });

  it('makes a table an Adaptive Card Table with the column names as its header row', () => {
    const [table] = all(card, ofType('Table'));
    assert.equal((table.columns as unknown[]).length, 3);
    assert.notEqual(table.firstRowAsHeaders, false);
    const rows = (table.rows as Json[]).map((row) => cardTexts(row));
    assert.deepEqual(rows, [
      ['Name', 'State', 'Size'],
      ['gpu-02', 'Stopped', 'Standard_NC12'],
      ['cpu-01', 'Running', 'Standard_D4s_v5'],
    ]);
    assert.equal(run(card, 'Name').weight, 'Bolder');
  });

  it('puts a picture in a small image column beside the rest of its section', () => {
    const [columnSet] = all(card, ofType('ColumnSet'));
    const [pictureColumn, rest] = columnSet.columns as Json[];
    assert.equal(pictureColumn.width, 'auto');
    assert.deepEqual(pictureColumn.items, [{ type: 'Image', url: PIXEL, altText: 'a thumbnail', size: 'Small' }]);
    assert.equal(rest.width, 'stretch');
    assert.deepEqual(cardTexts(rest).slice(0, 1), ['Other VMs']);
  });

  it("puts a section's buttons in an ActionSet inside its container, and the document's as card actions", () => {
    const [firstSection, secondSection] = body.slice(1);
    const sets = (container: Json) => (container.items as Json[]).filter(ofType('ActionSet'));
    assert.deepEqual(sets(firstSection).map((set) => (set.actions as Json[]).map((action) => action.title)), [['Deallocate']]);
    assert.deepEqual(sets(secondSection).map((set) => (set.actions as Json[]).map((action) => action.title)), [['Start gpu-02', 'List VMs']]);
    assert.deepEqual((card.actions as Json[]).map((action) => action.title), ['Deallocate', 'Cancel', 'Help']);
  });

  it('shows what a person wrote exactly as they wrote it, as a TextRun', () => {
    assert.ok(cardTexts(card).includes(`You wrote: ${HOSTILE}`));
    assert.equal(run(card, HOSTILE).selectAction, undefined);
    assert.ok(!all(card, ofType('Action.OpenUrl')).some((action) => String(action.url).includes('evil')));
  });

  it('keeps an empty line in its place', () => {
    const empty = render({ sections: [{ lines: [line('before'), { spans: [] }, line('after')] }] });
    assertParsesCleanly(empty);
    assert.equal(cardTexts(empty).length, 3);
  });

  it('uses the first line as fallback text when there is no title', () => {
    assert.equal(render(say('Started ', 'gpu-01.')).fallbackText, 'Started gpu-01.');
  });
});

describe('renderAdaptiveCard actions', () => {
  /** The section's Status button, an Action.Submit. */
  const statusButton = (card: Json) => {
    const found = all(card, ofType('Action.Submit')).filter((action) => action.title === 'Status');
    assert.equal(found.length, 1, 'one Status button');
    return found[0];
  };
  const document: Card = {
    sections: [{ lines: [line('Deallocate gpu-01?')], actions: [{ title: 'Status', command: 'vm status gpu-01' }] }],
    actions: [
      { title: 'Deallocate', command: 'yes', style: 'destructive', answers: true },
      { title: 'Keep it', command: 'no', style: 'positive', answers: true },
    ],
  };

  it('makes an answer an Action.Execute with an Action.Submit fallback of the same title, data and style', () => {
    const card = render(document);
    assert.deepEqual(card.actions, [
      {
        type: 'Action.Execute',
        title: 'Deallocate',
        style: 'destructive',
        data: { command: 'yes' },
        verb: 'command',
        fallback: { type: 'Action.Submit', title: 'Deallocate', data: { command: 'yes' }, style: 'destructive' },
      },
      {
        type: 'Action.Execute',
        title: 'Keep it',
        style: 'positive',
        data: { command: 'no' },
        verb: 'command',
        fallback: { type: 'Action.Submit', title: 'Keep it', data: { command: 'no' }, style: 'positive' },
      },
    ]);
    assertParsesCleanly(card);
  });

  it('makes a command an Action.Submit with { command } as its data', () => {
    assert.deepEqual(statusButton(render(document)), { type: 'Action.Submit', title: 'Status', data: { command: 'vm status gpu-01' } });
  });

  it("takes a command's data from the commandData hook, and leaves answers' data alone", () => {
    const commandData = (command: string) => ({ command, msteams: { type: 'imBack', value: command } });
    const card = render(document, { commandData });
    assert.deepEqual(statusButton(card).data, { command: 'vm status gpu-01', msteams: { type: 'imBack', value: 'vm status gpu-01' } });
    assert.deepEqual((card.actions as Json[]).map((action) => action.data), [{ command: 'yes' }, { command: 'no' }]);
    assertParsesCleanly(card);
  });

  it('gives a nested Action.Execute (a section answer) its fallback too', () => {
    const card = render({ sections: [{ lines: [line('Sure?')], actions: [{ title: 'Yes', command: 'yes', answers: true }] }] });
    const [execute] = all(card, ofType('Action.Execute'));
    assert.deepEqual(execute.fallback, { type: 'Action.Submit', title: 'Yes', data: { command: 'yes' } });
    assertParsesCleanly(card);
  });
});

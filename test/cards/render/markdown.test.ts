import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { code, data, emphasis, fact, line, link, placeholder, strong, strongData, type Card } from '../../../cards/Card.js';
import { escapeMarkdown } from '../../../cards/render/escape.js';
import { MARKDOWN, renderText } from '../../../cards/render/text.js';
import { escapeMrkdwn, MRKDWN } from '../../../cards/render/mrkdwn.js';
import { markdownTexts } from '../../support/renderedText.js';
import { everyPart, HOSTILE } from './documents.js';

const document: Card = {
  title: line('VM ', strongData('gpu-01')),
  sections: [
    {
      heading: line('State'),
      lines: [line('It is ', strong('running'), '.'), line(emphasis('quiet'), ' ', code('vm list'), ' ', placeholder('name'))],
      bullets: [line('one'), line('two')],
      facts: [fact('Size', data('NC6')), fact('Cost', data('$1'))],
      actions: [{ title: 'Stop', command: 'vm stop gpu-01' }],
    },
    { table: { columns: [line('Name'), line('State')], rows: [[line(data('a')), line('on')], [line(data('b')), line('off')]] }, picture: { url: 'data:image/png;base64,AA', alt: 'x' } },
  ],
  notes: [line('From Azure')],
  actions: [
    { title: 'Deallocate', command: 'yes', answers: true, style: 'destructive' },
    { title: 'Cancel', command: 'no', answers: true },
    { title: 'Help', command: 'help' },
    { title: 'List', command: 'vm list' },
  ],
};

describe('renderText in Markdown', () => {
  it('writes paragraphs, lists, facts, a table as a list, notes in italics and buttons as what to type', () => {
    assert.equal(
      renderText(document, MARKDOWN),
      [
        '**VM gpu\\-01**',
        '**State**',
        'It is **running**\\.',
        '_quiet_ `vm list` _‹name›_',
        '- one\n- two',
        '**Size:** NC6',
        '**Cost:** $1',
        'Try: `vm stop gpu-01`.',
        '**Name · State**',
        '- **a** · on\n- **b** · off',
        '_From Azure_',
        'Try: `help` or `vm list`.',
        'To answer, reply `yes` \\(Deallocate\\) or `no` \\(Cancel\\).',
      ].join('\n\n'),
    );
  });

  it('escapes what a person wrote so that it is text: no link, no rule, no tag, no emphasis', () => {
    const rendered = renderText({ sections: [{ lines: [line('You wrote: ', data(HOSTILE))] }] }, MARKDOWN);
    assert.equal(
      rendered,
      'You wrote: Click \\[here\\]\\(https://evil\\.example/login\\) \\<\\!channel\\> \\*bold\\* \\_it\\_ \\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\*\\* \\<text\\>',
    );
    assert.equal(markdownTexts(rendered, 'markdown'), `You wrote: ${HOSTILE}`);
  });

  it('keeps line breaks and indentation inside a span from ending the paragraph or opening a code block', () => {
    const rendered = renderText({ sections: [{ lines: [line(data('    one\n\n\n    two\n==='))] }] }, MARKDOWN);
    assert.equal(rendered, 'one\ntwo\n\\=\\=\\=');
  });

  it("writes labmate's links as links", () => {
    assert.equal(renderText({ sections: [{ lines: [line('See ', link('the docs', 'https://example.com/a (b)'))] }] }, MARKDOWN), 'See [the docs](https://example.com/a%20%28b%29)');
  });

  it('shows every answer as a command to type, with the button title', () => {
    const answers: Card = { sections: [], actions: [{ title: 'Deallocate', command: 'yes', answers: true }] };
    assert.equal(renderText(answers, MARKDOWN), 'To answer, reply `yes` \\(Deallocate\\).');
    const three: Card = { sections: [], actions: ['a', 'b', 'c'].map((command) => ({ title: command, command })) };
    assert.equal(renderText(three, MARKDOWN), 'Try: `a`, `b` or `c`.');
  });
});

describe('renderText in Slack mrkdwn', () => {
  it("writes the same shape with Slack's markers", () => {
    assert.equal(
      renderText(document, MRKDWN),
      [
        '*VM gpu-01*',
        '*State*',
        'It is *running*.',
        '_quiet_ `vm list` _‹name›_',
        '• one\n• two',
        '*Size:* NC6\n*Cost:* $1',
        'Try: `vm stop gpu-01`.',
        '*Name · State*',
        '• *a* · on\n• *b* · off',
        '_From Azure_',
        'Try: `help` or `vm list`.',
        'To answer, reply `yes` (Deallocate) or `no` (Cancel).',
      ].join('\n\n'),
    );
  });

  it('escapes what a person wrote: no mention, no link, no formatting', () => {
    const rendered = renderText({ sections: [{ lines: [line('You wrote: ', data(HOSTILE))] }] }, MRKDWN);
    assert.ok(rendered.includes('&lt;!channel&gt;'));
    assert.ok(!rendered.includes('<'));
    assert.ok(rendered.includes('*\u200Bbold*\u200B _\u200Bit_\u200B'));
    assert.equal(markdownTexts(rendered, 'mrkdwn'), `You wrote: ${HOSTILE}`);
  });

  it("writes labmate's links as Slack links", () => {
    assert.equal(renderText({ sections: [{ lines: [line(link('the docs', 'https://example.com/?a=1&b=2|3'))] }] }, MRKDWN), '<https://example.com/?a=1&amp;b=2%7C3|the docs>');
  });
});

describe('code spans', () => {
  it('replace a backtick, which would end the span in either format, and escape nothing else in Markdown', () => {
    const value = { sections: [{ lines: [line(code('echo `date` *x* <y> & z'))] }] };
    assert.equal(renderText(value, MARKDOWN), '`echo ʹdateʹ *x* <y> & z`');
    assert.equal(renderText(value, MRKDWN), '`echo ʹdateʹ *x* &lt;y&gt; &amp; z`');
  });
});

describe('escapeMarkdown and escapeMrkdwn', () => {
  it('backslash-escape the punctuation CommonMark reads as syntax', () => {
    assert.equal(escapeMarkdown('\\`*_{}[]()#+-.!|~<>=&'), '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\#\\+\\-\\.\\!\\|\\~\\<\\>\\=\\&');
    assert.equal(escapeMarkdown('plain words, 42: fine?'), 'plain words, 42: fine?');
  });

  it("use Slack's three entities, and a zero-width space after each formatting character", () => {
    assert.equal(escapeMrkdwn('<!channel> & <https://x|y>'), '&lt;!channel&gt; &amp; &lt;https://x|y&gt;');
    assert.equal(escapeMrkdwn('*a* _b_ ~c~ `d`'), '*\u200Ba*\u200B _\u200Bb_\u200B ~\u200Bc~\u200B `\u200Bd`\u200B');
    assert.equal(escapeMrkdwn('Standard_NC6 a*b'), 'Standard_NC6 a*b', 'a marker inside a word cannot format: no hidden character to copy');
  });
});

describe('renderText limits', () => {
  it('leaves pictures out', () => {
    assert.ok(!renderText(everyPart(), MARKDOWN).includes('data:'));
    assert.ok(!renderText(everyPart(), MRKDWN).includes('data:'));
  });
});

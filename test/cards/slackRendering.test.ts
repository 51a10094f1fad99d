import { strict as assert } from 'node:assert';
import { escapeMrkdwn, markdownToMrkdwn } from '../../cards/mrkdwn.js';
import { renderAnalysisBlocks } from '../../cards/slack/analysisBlocks.js';
import { limitBlocks, section, button, LIMITS } from '../../cards/slack/blockKit.js';
import { slackMessageFrom } from '../../channels/slack/slackMessages.js';
import { cardOrText } from '../../channels/capabilities.js';
import { adaptiveCard, textBlock } from '../../cards/adaptive.js';

describe('Slack rendering', () => {
  it('turns Markdown bold, links and bullets into mrkdwn and escapes Slack’s markup characters', () => {
    assert.equal(markdownToMrkdwn('**Key phrases:** GPU', { escape: true }), '*Key phrases:* GPU');
    assert.equal(markdownToMrkdwn('see [docs](https://example.com/a?b=1)', { escape: false }), 'see <https://example.com/a?b=1|docs>');
    assert.equal(markdownToMrkdwn('- one\n- two', { escape: false }), '• one\n• two');
    assert.equal(markdownToMrkdwn('hi <!channel> & `**kept**`', { escape: true }), 'hi &lt;!channel&gt; &amp; `**kept**`');
    assert.equal(escapeMrkdwn('<@U1>'), '&lt;@U1&gt;');
  });

  it('renders what people wrote escaped, so `<!channel>` in a text cannot ping a channel', () => {
    const blocks = renderAnalysisBlocks({
      title: 'Key phrases',
      backendName: 'offline analyzer',
      keyPhrases: { available: true, result: ['<!channel>', 'GPU & CPU'], partErrors: [] },
    });
    const json = JSON.stringify(blocks);
    assert.ok(!json.includes('<!channel>'));
    assert.ok(json.includes('&lt;!channel&gt;'));
    assert.ok(json.includes('GPU &amp; CPU'));
  });

  it('keeps Block Kit inside Slack’s limits instead of having the message refused', () => {
    assert.equal((section('x'.repeat(5000)) as { text: { text: string } }).text.text.length, LIMITS.sectionText);
    const many = limitBlocks(Array.from({ length: 70 }, () => section('a')));
    assert.equal(many.length, LIMITS.blocksPerMessage);
    assert.throws(() => button('Go', { command: 'x'.repeat(2100) }, 'go'), RangeError);
  });

  it('picks Block Kit for the direct Slack app, text for ABS Slack, the card for Teams', () => {
    const card = adaptiveCard([textBlock('hi')], { fallbackText: 'hi' });
    const blocks = [section('*hi*')];
    const direct = cardOrText({ channelId: 'slack', channelData: { slackApp: { source: 'command', teamId: 'T1' } } }, card, '**hi**', blocks);
    assert.deepEqual(direct.attachments, [{ contentType: 'application/vnd.slack.blocks', content: blocks }]);
    const abs = cardOrText({ channelId: 'slack', channelData: { SlackMessage: {} } }, card, '**hi**', blocks);
    assert.equal(abs.attachments, undefined);
    assert.equal(abs.text, '**hi**');
    const teams = cardOrText({ channelId: 'msteams', channelData: {} }, card, '**hi**', blocks);
    assert.equal(teams.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
  });

  it('never sends an Adaptive Card to Slack: the adapter falls back to the card’s text', () => {
    const message = slackMessageFrom({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: adaptiveCard([textBlock('x')], { fallbackText: '**VM** gpu-01 is running' }) }],
    });
    assert.deepEqual(message, { text: '*VM* gpu-01 is running' });
    assert.equal(slackMessageFrom({ type: 'message', text: '' }), undefined);
  });
});

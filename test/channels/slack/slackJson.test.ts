import { strict as assert } from 'node:assert';
import { slackResponseJson } from '../../../channels/slack/slackJson.js';
import { frozen } from '../../../cards/frozen.js';

describe("a Slack message's JSON", () => {
  const blocks = [{ type: 'header' as const, text: { type: 'plain_text' as const, text: 'Help "quoted" ✓', emoji: false } }];

  it('reads as JSON.stringify would write it, with shared (frozen) blocks or not', () => {
    for (const message of [
      { text: 'Help', blocks },
      { text: 'Help <&>', blocks: frozen(structuredClone(blocks)), response_type: 'ephemeral' as const, replace_original: true },
      { text: '', blocks: frozen(structuredClone(blocks)) },
      { text: 'no blocks' },
    ]) {
      assert.deepEqual(JSON.parse(slackResponseJson(message)), JSON.parse(JSON.stringify(message)));
    }
  });
});

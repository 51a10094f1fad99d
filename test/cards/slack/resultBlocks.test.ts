import { strict as assert } from 'node:assert';
import { commandFromCardAction } from '../../../bots/cardActions.js';
import { parseCommand } from '../../../bots/commandRouter.js';
import type { ImageResultView } from '../../../cards/imageResultView.js';
import { LIMITS, type Block, type ButtonElement } from '../../../cards/slack/blockKit.js';
import { renderImageResultBlocks } from '../../../cards/slack/imageResultBlocks.js';
import { renderTranslationBlocks } from '../../../cards/slack/translationBlocks.js';
import { renderVmConfirmBlocks, renderVmListBlocks, renderVmOperationBlocks } from '../../../cards/slack/vmBlocks.js';
import type { TranslationView } from '../../../cards/translationView.js';
import { renderVmConfirmCard } from '../../../cards/vmCard.js';
import type { VmConfirmView, VmListView } from '../../../cards/vmView.js';
import { replacingButtonMessage } from '../../../channels/slack/slackChannelData.js';

/** What a person reads, block by block: header, section text and fields, context elements, button titles. */
function lines(blocks: Block[]): string[] {
  return blocks.flatMap((block): string[] => {
    switch (block.type) {
      case 'header':
        return [block.text.text];
      case 'section':
        return [block.text?.text ?? '', ...(block.fields ?? []).map((field) => field.text), ...(block.accessory ? [`[${block.accessory.text.text}]`] : [])].filter(Boolean);
      case 'context':
        return block.elements.map((element) => element.text);
      case 'actions':
        return block.elements.map((element) => `[${element.text.text}]`);
      case 'divider':
        return ['---'];
    }
  });
}

function buttons(blocks: Block[]): ButtonElement[] {
  return blocks.flatMap((block) => (block.type === 'actions' ? block.elements : block.type === 'section' && block.accessory ? [block.accessory] : []));
}

/** Slack refuses the whole message when one of these is broken. */
function assertWithinSlackLimits(blocks: Block[]): void {
  assert.ok(blocks.length <= LIMITS.blocksPerMessage, `${blocks.length} blocks`);
  for (const block of blocks) {
    if (block.type === 'header') assert.ok(block.text.text.length <= LIMITS.headerText);
    if (block.type === 'section') {
      assert.ok(block.text || block.fields, 'a section has text or fields');
      if (block.text) assert.ok(block.text.text.length > 0 && block.text.text.length <= LIMITS.sectionText, `section of ${block.text.text.length}`);
      assert.ok((block.fields ?? []).length <= LIMITS.fieldsPerSection);
      for (const field of block.fields ?? []) assert.ok(field.text.length <= LIMITS.fieldText);
    }
    if (block.type === 'context') assert.ok(block.elements.length >= 1 && block.elements.length <= LIMITS.contextElements);
  }
  const ids = buttons(blocks).map((button) => button.action_id);
  assert.equal(new Set(ids).size, ids.length, 'action ids are unique within the message');
  for (const button of buttons(blocks)) {
    assert.ok(button.value.length <= LIMITS.buttonValue);
    assert.ok(button.text.text.length <= LIMITS.buttonText);
  }
}

describe('Block Kit renderings of results', () => {
  describe('translation', () => {
    const view: TranslationView = {
      from: 'Spanish',
      to: 'English',
      detectedConfidence: 0.97,
      text: 'The run finished <!channel> & the GPU is free.',
      original: 'La ejecución terminó <!channel> y la GPU está libre.',
      backendName: 'Apertium (offline)',
    };

    it('shows the languages, the translation, the original and the translator, escaped for Slack', () => {
      const blocks = renderTranslationBlocks(view);
      assert.deepEqual(lines(blocks), [
        'Translation',
        '*Spanish (detected, 97% confident)* → *English*',
        'The run finished &lt;!channel&gt; &amp; the GPU is free.',
        'Original: La ejecución terminó &lt;!channel&gt; y la GPU está libre.',
        'Translated by Apertium (offline).',
      ]);
      assertWithinSlackLimits(blocks);
      assert.equal(lines(renderTranslationBlocks({ ...view, detectedConfidence: undefined }))[1], '*Spanish* → *English*');
    });

    it('keeps a long translation whole, over several sections, rather than cutting it at 3,000 characters', () => {
      const text = Array.from({ length: 900 }, (_, index) => `word${index}`).join(' ');
      const blocks = renderTranslationBlocks({ ...view, text });
      assertWithinSlackLimits(blocks);
      const sections = lines(blocks).slice(2, -2);
      assert.ok(sections.length >= 3, `${sections.length} sections`);
      assert.equal(sections.join(''), text);
    });
  });

  describe('image classification', () => {
    const view: ImageResultView = {
      backendName: 'Custom Vision',
      modelName: 'defects-v3',
      maxPerMessage: 2,
      skipped: ['third.png'],
      results: [
        {
          name: 'part<1>.jpg',
          ok: true,
          thumbnailUrl: 'data:image/jpeg;base64,AAAA',
          predictions: [
            { tag: 'crack', probability: 0.861 },
            { tag: 'scratch', probability: 0.08 },
            { tag: 'dent', probability: 0.03 },
            { tag: 'rust', probability: 0.015 },
            { tag: 'chip', probability: 0.01 },
            { tag: 'ok', probability: 0.004 },
          ],
        },
        { name: 'blank.png', ok: true, predictions: [] },
        { name: 'notes.png', ok: false, reason: 'it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.' },
      ],
    };

    it('shows per image the top five tags with bars, or why not, then the skipped images and the model; no thumbnail', () => {
      const blocks = renderImageResultBlocks(view);
      assert.deepEqual(lines(blocks), [
        'Image classification',
        '---',
        '*part&lt;1&gt;.jpg*\n`█████████░ 86%` crack\n`█░░░░░░░░░ 8%` scratch\n`░░░░░░░░░░ 3%` dent\n`░░░░░░░░░░ 2%` rust\n`░░░░░░░░░░ 1%` chip',
        '---',
        '*blank.png*\n_The model returned no tags for this image._',
        '---',
        '*notes.png*\n⚠️ it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.',
        '⚠️ I classify up to 2 images per message; not classified: third.png.',
        'Model: defects-v3 (Custom Vision).',
      ]);
      assert.doesNotMatch(JSON.stringify(blocks), /"image"|base64/, 'no image block: Slack needs a public URL');
      assertWithinSlackLimits(blocks);
    });

    it('stays under 50 blocks however many images a message had', () => {
      const many = { ...view, results: Array.from({ length: 40 }, (_, index) => ({ name: `img-${index}.png`, ok: true as const, predictions: [{ tag: 'cat', probability: 0.9 }] })) };
      const blocks = renderImageResultBlocks(many);
      assertWithinSlackLimits(blocks);
      assert.match(lines(blocks).at(-1) ?? '', /more part\(s\) left out/);
    });
  });

  describe('training VMs', () => {
    const list: VmListView = {
      title: 'Training VMs',
      rows: [
        { name: 'gpu-01', powerState: 'deallocated', size: 'Standard_NC6s_v3', location: 'westeurope', billed: false },
        { name: 'gpu-02', powerState: 'stopped-allocated', size: 'Standard_NC6s_v3', location: 'westeurope', billed: true },
        { name: 'gpu-03', powerState: 'stopped-allocated', billed: true, busy: 'deallocating, asked by Ada' },
      ],
      footer: 'From Azure Resource Manager. Stopping a VM deallocates it, which ends compute billing.',
    };

    it('lists each VM’s state, size, location and billing, warns about stopped-but-allocated ones and says what is in progress', () => {
      const blocks = renderVmListBlocks(list);
      assert.deepEqual(lines(blocks), [
        'Training VMs',
        '---',
        '⚪ *gpu-01*', '*Power state*\ndeallocated', '*Size*\nStandard_NC6s_v3', '*Location*\nwesteurope', '*Billing*\nnot billed for compute',
        '---',
        '🟠 *gpu-02*', '*Power state*\nstopped, still allocated', '*Size*\nStandard_NC6s_v3', '*Location*\nwesteurope', '*Billing*\nbilled for compute', '[Deallocate gpu-02]',
        '⚠️ Warning: gpu-02 is stopped but still allocated, so it is still billed for compute. Deallocate it to stop the billing.',
        '---',
        '🟠 *gpu-03*', '*Power state*\nstopped, still allocated', '*Size*\nunknown', '*Location*\nunknown', '*Billing*\nbilled for compute',
        '⏳ In progress: deallocating, asked by Ada',
        '⚠️ Warning: gpu-03 is stopped but still allocated, so it is still billed for compute. Deallocate it to stop the billing.',
        'From Azure Resource Manager. Stopping a VM deallocates it, which ends compute billing.',
      ]);
      assertWithinSlackLimits(blocks);
    });

    it('gives the Deallocate button the `vm stop` command the card’s button sends, so the requester still confirms', () => {
      const [deallocate] = buttons(renderVmListBlocks(list));
      assert.equal(deallocate.style, 'danger');
      const value = JSON.parse(deallocate.value) as { command: string };
      assert.deepEqual(value, { command: 'vm stop gpu-02' });
      assert.deepEqual(parseCommand(value.command), { name: 'vm', argument: 'stop gpu-02', implicit: false });
    });

    it('keeps a long VM list under 50 blocks', () => {
      const rows = Array.from({ length: 30 }, (_, index) => ({ name: `gpu-${index}`, powerState: 'stopped-allocated' as const, billed: true }));
      assertWithinSlackLimits(renderVmListBlocks({ ...list, rows }));
    });

    const confirm: VmConfirmView = { vm: 'gpu-02', requestId: '0a1b2c3d', minutes: 5, requesterName: 'ada' };

    it('asks before deallocating, saying what it means and who may answer', () => {
      const blocks = renderVmConfirmBlocks(confirm);
      assert.deepEqual(lines(blocks), [
        'Deallocate gpu-02?',
        'Stopping means deallocating: gpu-02 is shut down and released from its host, so compute billing stops. Its disks are kept; anything running on it (a training job) ends, and a dynamic public IP may change.',
        'Only ada can confirm, within 5 minutes.',
        '[Deallocate gpu-02]',
        '[Cancel]',
      ]);
      assertWithinSlackLimits(blocks);
    });

    it('gives Deallocate and Cancel the Adaptive Card’s own values, which the bot reads as `vm confirm|cancel <id>`', () => {
      const [yes, no] = buttons(renderVmConfirmBlocks(confirm));
      const card = renderVmConfirmCard(confirm) as unknown as { actions: Array<{ fallback: { data: unknown } }> };
      assert.deepEqual(JSON.parse(yes.value), card.actions[0].fallback.data);
      assert.deepEqual(JSON.parse(no.value), card.actions[1].fallback.data);
      assert.equal(yes.style, 'danger');
      assert.equal(no.style, undefined);
      for (const [button, command] of [[yes, 'vm confirm 0a1b2c3d'], [no, 'vm cancel 0a1b2c3d']] as const) {
        const value = JSON.parse(button.value) as { action: unknown };
        assert.equal(commandFromCardAction(value.action, value), command);
      }
    });

    it('shows an operation’s acknowledgement and outcome with the bot’s Markdown as mrkdwn', () => {
      assert.deepEqual(lines(renderVmOperationBlocks({ vm: 'gpu-01', action: 'start', phase: 'accepted', message: "Starting gpu-01... Azure has accepted the request; I'll tell you here when it is running." })), [
        '⏳ Starting: gpu-01',
        "Starting gpu-01... Azure has accepted the request; I'll tell you here when it is running.",
      ]);
      assert.deepEqual(lines(renderVmOperationBlocks({ vm: 'gpu-02', action: 'deallocate', phase: 'succeeded', message: 'gpu-02 is **deallocated**.' })), ['✅ Done: gpu-02', 'gpu-02 is *deallocated*.']);
      assert.deepEqual(lines(renderVmOperationBlocks({ vm: 'gpu-01', action: 'start', phase: 'failed', message: 'Did not finish; check it with `vm status gpu-01` <now>.' })), [
        '❌ Failed: gpu-01',
        'Did not finish; check it with `vm status gpu-01` &lt;now&gt;.',
      ]);
    });
  });

  it('replaces the button message only in a Slack button turn', () => {
    const interaction = { channelId: 'slack', channelData: { slackApp: { source: 'interaction', teamId: 'T1', responseUrl: 'https://hooks.slack.com/x' } } };
    const command = { channelId: 'slack', channelData: { slackApp: { source: 'command', teamId: 'T1' } } };
    assert.deepEqual(replacingButtonMessage(interaction, 'OK, gpu-02 stays as it is.'), {
      type: 'message',
      text: 'OK, gpu-02 stays as it is.',
      channelData: { slackResponse: { replaceOriginal: true } },
    });
    assert.deepEqual(replacingButtonMessage(command, 'OK'), { type: 'message', text: 'OK' });
    assert.deepEqual(replacingButtonMessage({ channelId: 'msteams', channelData: {} }, 'OK'), { type: 'message', text: 'OK' });
  });
});

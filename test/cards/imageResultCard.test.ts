import { strict as assert } from 'node:assert';
import { renderImageResultCard } from '../../cards/imageResultCard.js';
import { renderImageResultText } from '../../cards/imageResultText.js';
import { probabilityBar, type ImageResultView } from '../../cards/imageResultView.js';
import { visibleTexts } from '../support/connector.js';

const view: ImageResultView = {
  backendName: 'Custom Vision',
  modelName: 'defects-v3',
  maxPerMessage: 2,
  skipped: ['third.png'],
  results: [
    {
      name: 'part.jpg',
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
    { name: 'notes.png', ok: false, reason: 'it is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says.' },
  ],
};

describe('image result card and text', () => {
  it('draws ten-cell bars', () => {
    assert.equal(probabilityBar(0), '░░░░░░░░░░');
    assert.equal(probabilityBar(0.861), '█████████░');
    assert.equal(probabilityBar(1), '██████████');
  });

  it('shows the top five tags with bars, the refusal, the skipped image and the model', () => {
    const card = renderImageResultCard(view);
    const texts = visibleTexts(card);
    assert.deepEqual(texts.slice(0, 12), [
      'Image classification',
      'part.jpg',
      'crack', '█████████░ 86%',
      'scratch', '█░░░░░░░░░ 8%',
      'dent', '░░░░░░░░░░ 3%',
      'rust', '░░░░░░░░░░ 2%',
      'chip', '░░░░░░░░░░ 1%',
    ]);
    assert.ok(!texts.includes('ok'), 'only the top five');
    assert.ok(texts.includes('notes.png'));
    assert.ok(texts.some((text) => text.startsWith('it is not a JPEG')));
    assert.ok(texts.includes('I classify up to 2 images per message; not classified: third.png.'));
    assert.equal(texts.at(-1), 'Model: defects-v3 (Custom Vision).');
    assert.match(JSON.stringify(card), /"type":"Image","url":"data:image\/jpeg;base64,AAAA","size":"Small","altText":"part\.jpg"/);
    assert.equal(card.version, '1.5');
  });

  it('says the same in Markdown, without the thumbnail', () => {
    const text = renderImageResultText(view);
    assert.match(text, /\*\*part\.jpg\*\*\n- crack: █████████░ 86%\n- scratch: █░░░░░░░░░ 8%/);
    assert.match(text, /\*\*notes\.png\*\*: it is not a JPEG/);
    assert.match(text, /⚠️ I classify up to 2 images per message; not classified: third\.png\./);
    assert.match(text, /_Model: defects-v3 \(Custom Vision\)\._$/);
    assert.doesNotMatch(text, /data:image/);
  });
});

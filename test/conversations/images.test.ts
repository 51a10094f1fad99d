import { strict as assert } from 'node:assert';
import { emulatorMessage, teamsChannelMessage, type TestActivity } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText, visibleTexts, type ConnectorCall } from '../support/connector.js';
import { postForReply } from '../support/conversation.js';
import { FakeCustomVision, PREDICTION_KEY, PROJECT_ID, PUBLISHED_NAME } from '../support/fakeCustomVision.js';
import { FileHost } from '../support/fileHost.js';
import { colourImage, tinyModel } from '../support/imageFixtures.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

const MB = 1024 * 1024;

type Attachment = Record<string, unknown>;

function withAttachments(activity: TestActivity, attachments: Attachment[]): TestActivity {
  return { ...activity, attachments };
}

/** What a person reads in the reply: the card's texts, or the Markdown text. */
const readReply = shownText;

/** The tag rows of the card, in order, for the image section named `name`: [tag, bar and percent]. */
function tagRows(reply: ConnectorCall, name: string): Array<[string, string]> {
  const texts = visibleTexts(adaptiveCardOf(reply));
  const start = texts.indexOf(name);
  assert.ok(start >= 0, `no section for ${name} in ${texts.join(' | ')}`);
  const rows: Array<[string, string]> = [];
  for (let i = start + 1; i < texts.length; i++) {
    const row = /^([█░]+ \d+%) (.+)$/.exec(texts[i]);
    if (!row) break;
    rows.push([row[2], row[1]]);
  }
  return rows;
}

describe('images through POST /api/messages', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let other: FileHost;

  before(async () => {
    connector = new FakeConnector();
    other = new FileHost('127.0.0.2');
    await Promise.all([connector.start(), other.start()]);
  });
  after(() => Promise.all([connector.stop(), other.stop()]));
  beforeEach(() => {
    connector.reset();
    connector.files.reset();
    other.files.reset();
  });

  const served = (path: string, body: Buffer, contentType = 'image/png') => {
    connector.files.serve(path, { body, contentType });
    return `${connector.url}${path.slice(1)}`;
  };

  const send = (bot: RunningApp, activity: TestActivity) => postForReply(bot, connector, activity, 15_000);

  describe('on a local ONNX export (IMAGE_MODEL_DIR)', () => {
    for (const form of ['probabilities', 'zipmap'] as const) {
      it(`classifies a JPEG, a PNG and a WebP posted in the Emulator (${form} output)`, async () => {
        const bot = await startApp({ IMAGE_MODEL_DIR: tinyModel({ form, pixelFormat: form === 'zipmap' ? 'Rgb8' : 'Bgr8' }) });
        try {
          const activity = withAttachments(emulatorMessage({ serviceUrl: connector.url, text: '' }), [
            { contentType: 'image/jpeg', name: 'red.jpg', contentUrl: served('/v3/attachments/r/views/original', await colourImage('red', 'jpeg'), 'image/jpeg') },
            { contentType: 'image/png', name: 'green.png', contentUrl: served('/v3/attachments/g/views/original', await colourImage('green', 'png')) },
            { contentType: 'image/webp', name: 'blue.webp', contentUrl: served('/v3/attachments/b/views/original', await colourImage('blue', 'webp'), 'image/webp') },
          ]);
          const reply = await send(bot, activity);
          for (const [name, colour] of [['red.jpg', 'red'], ['green.png', 'green'], ['blue.webp', 'blue']]) {
            const rows = tagRows(reply, name);
            assert.equal(rows[0][0], colour, `${name}: ${JSON.stringify(rows)}`);
            assert.match(rows[0][1], /^█+░*\s\d+%$/);
            assert.equal(rows.length, 4);
          }
          assert.match(readReply(reply), new RegExp(`Model: ${form}-\\w+-\\w+-32 \\(local ONNX model\\)\\.`));
          const card = JSON.stringify(adaptiveCardOf(reply));
          assert.match(card, /"type":"Image","url":"data:image\/jpeg;base64,/, 'a thumbnail where cards render');
          assert.equal(connector.files.requests.length, 3);
          assert.ok(connector.files.requests.every((request) => request.authorization === undefined), 'no app id: no token');
        } finally {
          await bot.stop();
        }
      });
    }

    it('classifies an inline data: image and answers Slack with text', async () => {
      const bot = await startApp({ IMAGE_MODEL_DIR: tinyModel() });
      try {
        const png = await colourImage('green', 'png');
        const activity = {
          ...withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}` }]),
          channelId: 'slack',
        };
        const reply = await send(bot, activity);
        assert.equal(reply.activity.attachments, undefined);
        assert.match(reply.activity.text ?? '', /\*image 1\*\n\n`█+░* \d+%` green/);
      } finally {
        await bot.stop();
      }
    });

    it('names a small IMAGE_MAX_BYTES in KB or bytes, never as 0.0 MB', async () => {
      const bot = await startApp({ IMAGE_MODEL_DIR: tinyModel(), IMAGE_MAX_BYTES: '20000' });
      try {
        const big = Buffer.concat([(await colourImage('red', 'png')).subarray(0, 16), Buffer.alloc(30_000, 9)]);
        connector.files.serve('/big.png', { body: big, contentType: 'image/png', chunked: true });
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', name: 'big.png', contentUrl: `${connector.url}big.png` }]));
        assert.match(readReply(reply), /big\.png\nit is over 20 KB, the most I classify\./);
        connector.files.serve('/declared.png', { body: big, contentType: 'image/png' });
        const declared = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', name: 'declared.png', contentUrl: `${connector.url}declared.png` }]));
        assert.match(readReply(declared), /declared\.png\nit is 29 KB; I classify images up to 20 KB\./);
        assert.doesNotMatch(readReply(reply) + readReply(declared), /0\.0 MB/);
      } finally {
        await bot.stop();
      }
    });

    it('asks for an image when `classify` comes without one, and lists the command in help', async () => {
      const bot = await startApp({ IMAGE_MODEL_DIR: tinyModel() });
      try {
        const reply = await send(bot, emulatorMessage({ serviceUrl: connector.url, text: 'classify' }));
        assert.match(readReply(reply), /^Attach an image/);
        const help = await send(bot, emulatorMessage({ serviceUrl: connector.url, text: 'help images' }));
        assert.match(readReply(help), /classify\nTop tags of attached images/);
        assert.match(readReply(help), /Images: probabilities-Bgr8-NominalRange_0_255-32 \(local ONNX model\)/, 'the model is the export folder');
      } finally {
        await bot.stop();
      }
    });

    it('classifies up to the per-message limit and names the rest', async () => {
      const bot = await startApp({ IMAGE_MODEL_DIR: tinyModel(), IMAGE_MAX_PER_MESSAGE: '2' });
      try {
        const png = await colourImage('red', 'png');
        const attachments = [1, 2, 3].map((n) => ({ contentType: 'image/png', name: `part-${n}.png`, contentUrl: served(`/v3/attachments/${n}/views/original`, png) }));
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), attachments));
        assert.match(readReply(reply), /I classify up to 2 images per message; not classified: part-3\.png\./);
        assert.deepEqual(connector.files.requests.map((request) => request.path).sort(), ['/v3/attachments/1/views/original', '/v3/attachments/2/views/original']);
      } finally {
        await bot.stop();
      }
    });
  });

  describe('on Custom Vision (local server answering the v3.1 prediction API)', () => {
    let customVision: FakeCustomVision;
    let bot: RunningApp;
    const env = (extra: Record<string, string> = {}) => ({
      CUSTOM_VISION_PREDICTION_ENDPOINT: customVision.endpoint,
      CUSTOM_VISION_PREDICTION_KEY: PREDICTION_KEY,
      CUSTOM_VISION_PROJECT_ID: PROJECT_ID,
      CUSTOM_VISION_PUBLISHED_NAME: PUBLISHED_NAME,
      ...extra,
    });

    before(async () => {
      customVision = new FakeCustomVision();
      await customVision.start();
      bot = await startApp(env({ SLACK_SIGNING_SECRET: 'secret', SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_FILE_HOSTS: connector.url.replace(/\/$/, '') }));
    });
    after(async () => {
      await bot.stop();
      await customVision.stop();
    });
    beforeEach(() => customVision.reset());

    it('sends the image to classify/.../image/nostore with the Prediction-Key and shows the ranked tags', async () => {
      const jpeg = await colourImage('red', 'jpeg');
      const activity = withAttachments(teamsChannelMessage({ serviceUrl: connector.url, text: '' }), [
        { contentType: 'image/*', contentUrl: served('/v3/attachments/t1/views/original', jpeg, 'image/jpeg') },
        { contentType: 'text/html', content: `<div><img src="${connector.url}v3/attachments/t1/views/original"></div>` },
      ]);
      const reply = await send(bot, activity);
      assert.equal(customVision.calls.length, 1);
      const [call] = customVision.calls;
      assert.equal(call.path, `/customvision/v3.1/prediction/${PROJECT_ID}/classify/iterations/${PUBLISHED_NAME}/image/nostore`);
      assert.equal(call.noStore, true);
      assert.equal(call.predictionKey, PREDICTION_KEY);
      assert.deepEqual(call.image, jpeg, 'the image bytes, unchanged');
      assert.deepEqual(tagRows(reply, 'image 1').map(([tag]) => tag), ['crack', 'scratch', 'dent', 'ok']);
      assert.match(tagRows(reply, 'image 1')[0][1], /86%$/);
      assert.match(readReply(reply), /Model: defects-v3 \(Custom Vision\)/);
    });

    it('converts WebP (which Custom Vision does not take) before sending it', async () => {
      const webp = await colourImage('blue', 'webp');
      await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/webp', contentUrl: served('/w.webp', webp, 'image/webp') }]));
      assert.equal(customVision.calls[0].image.subarray(1, 4).toString('latin1'), 'PNG');
    });

    it('downloads a Slack file with the Slack token from the Slack file host', async () => {
      const png = await colourImage('green', 'png');
      const activity = {
        ...withAttachments(emulatorMessage({ serviceUrl: connector.url }), [
          { contentType: 'image/png', name: 'leaf.png', contentUrl: served('/files-pri/T1-F1/download/leaf.png', png) },
        ]),
        channelId: 'slack',
      };
      const reply = await send(bot, activity);
      assert.equal(connector.files.requests[0].authorization, 'Bearer xoxb-test-token');
      assert.match(reply.activity.text ?? '', /\*leaf\.png\*\n\n`█+░* 86%` crack/);
    });

    const errorCases: Array<[string, { status: number; body: unknown; headers?: Record<string, string> }, RegExp]> = [
      ['an unpublished iteration', { status: 404, body: { code: 'NotFoundIteration', message: 'Invalid iteration' } }, /The team's image model is not published where the bot expects it\. Please tell the bot's administrator\./],
      ['the rate limit', { status: 429, body: { error: { code: '429', message: 'Rate limit is exceeded. Try again in 1 seconds.' } }, headers: { 'retry-after': '1' } }, /try again in a minute/],
      ['an image over its size limit', { status: 400, body: { code: 'BadRequestImageSizeBytes', message: 'Image size in bytes is too large' } }, /image 1\nCustom Vision accepts images up to 4 MB/],
      ['an outage', { status: 503, body: { code: 'ErrorPredictionServiceUnavailable', message: 'Service unavailable' } }, /Custom Vision did not answer as expected/],
    ];
    for (const [what, failure, expected] of errorCases) {
      it(`tells the person what to do about ${what}`, async () => {
        customVision.failure = failure;
        const png = await colourImage('red', 'png');
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: served('/e.png', png) }]));
        assert.match(readReply(reply), expected);
        assert.doesNotMatch(readReply(reply), /Rate limit is exceeded|Service unavailable|Invalid iteration/, 'no raw service text');
        assert.equal(customVision.calls.length, 1);
      });
    }

    it('says the key is wrong when Custom Vision refuses it', async () => {
      const wrongKey = await startApp(env({ CUSTOM_VISION_PREDICTION_KEY: 'wrong' }));
      try {
        const png = await colourImage('red', 'png');
        const reply = await send(wrongKey, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: served('/k.png', png) }]));
        assert.match(readReply(reply), /Custom Vision refused the bot's key, so I cannot classify images right now\. Please tell the bot's administrator\./);
        assert.ok(wrongKey.logger.entries.some((entry) => /CUSTOM_VISION_PREDICTION_KEY/.test(String(entry.fields.adminHint))), 'what to check goes to the log');
        assert.equal(customVision.calls[0].predictionKey, 'wrong');
      } finally {
        await wrongKey.stop();
      }
    });

    it('stores the image (classify/.../image) only when CUSTOM_VISION_STORE_IMAGES=true', async () => {
      const storing = await startApp(env({ CUSTOM_VISION_STORE_IMAGES: 'true' }));
      try {
        const png = await colourImage('red', 'png');
        await send(storing, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: served('/s.png', png) }]));
        assert.equal(customVision.calls[0].path, `/customvision/v3.1/prediction/${PROJECT_ID}/classify/iterations/${PUBLISHED_NAME}/image`);
        assert.equal(customVision.calls[0].noStore, false);
      } finally {
        await storing.stop();
      }
    });

    describe('refusals: a clear message, and nothing fetched from the forbidden host or sent to Custom Vision', () => {
      let png: Buffer;
      before(async () => {
        png = await colourImage('red', 'png');
      });

      it('an attachment URL on another host', async () => {
        other.files.serve('/a.png', { body: png, contentType: 'image/png' });
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', name: 'a.png', contentUrl: `${other.origin}/a.png` }]));
        assert.match(readReply(reply), /a\.png\nI did not download it: it is on 127\.0\.0\.2:\d+, which is neither this conversation's service host nor a known file host\./);
        assert.equal(other.requests.length, 0);
        assert.equal(customVision.calls.length, 0);
      });

      it('a redirect to another host', async () => {
        other.files.serve('/a.png', { body: png, contentType: 'image/png' });
        connector.files.serve('/v3/attachments/x/views/original', { redirectTo: `${other.origin}/a.png` });
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: `${connector.url}v3/attachments/x/views/original` }]));
        assert.match(readReply(reply), /I did not download it: it is on 127\.0\.0\.2:\d+.*\(it was a redirect\)/);
        assert.equal(connector.files.requests.length, 1);
        assert.equal(other.requests.length, 0);
        assert.equal(customVision.calls.length, 0);
      });

      it('a 5 MB image', async () => {
        const big = Buffer.concat([png.subarray(0, 16), Buffer.alloc(5 * MB - 16, 9)]);
        connector.files.serve('/big.png', { body: big, contentType: 'image/png', chunked: true });
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', name: 'big.png', contentUrl: `${connector.url}big.png` }]));
        assert.match(readReply(reply), /big\.png\nit is over 4 MB, the most I classify\./);
        assert.equal(customVision.calls.length, 0);
      });

      it('a text file named .png', async () => {
        const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [
          { contentType: 'image/png', name: 'cat.png', contentUrl: served('/cat.png', Buffer.from('name,score\nada,3\n'), 'image/png') },
        ]));
        assert.match(readReply(reply), /cat\.png\nit is not a JPEG, PNG, GIF, BMP or WebP image, whatever its name says\./);
        assert.equal(customVision.calls.length, 0);
      });

      it('a token-bearing Slack download that would go to a host not on the list', async () => {
        other.files.serve('/files-pri/T1-F2/download/x.png', { body: png, contentType: 'image/png' });
        const activity = {
          ...withAttachments(emulatorMessage({ serviceUrl: connector.url }), [
            { contentType: 'image/png', name: 'x.png', contentUrl: `${other.origin}/files-pri/T1-F2/download/x.png` },
          ]),
          channelId: 'slack',
        };
        const reply = await send(bot, activity);
        assert.match(reply.activity.text ?? '', /\*x\.png\*\n\nI did not download it: it is on 127\.0\.0\.2/);
        assert.equal(other.requests.length, 0);
        assert.equal(customVision.calls.length, 0);
      });
    });
  });

  it('explains how to set up a model when none is configured, fetching nothing', async () => {
    const bot = await startApp();
    try {
      const png = await colourImage('red', 'png');
      const reply = await send(bot, withAttachments(emulatorMessage({ serviceUrl: connector.url }), [{ contentType: 'image/png', contentUrl: served('/n.png', png) }]));
      assert.match(readReply(reply), /^Image classification is not set up on this bot yet\. Ask the bot's administrator to set it up\.$/);
      assert.ok(bot.logger.entries.some((entry) => /CUSTOM_VISION_PREDICTION_ENDPOINT.*IMAGE_MODEL_DIR/.test(String(entry.fields.adminHint))));
      assert.equal(connector.files.requests.length, 0);
    } finally {
      await bot.stop();
    }
  });
});

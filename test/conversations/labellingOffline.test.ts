import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adaptiveCardOf, FakeConnector, shownText } from '../support/connector.js';
import { buttonCommand, emulatorConversation } from '../support/conversation.js';
import { colourImage, tinyModel } from '../support/imageFixtures.js';
import { cardButtons } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';

describe('labelling offline: a local ONNX model suggests, a dataset folder collects (LABEL_DATA_DIR)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let dataDir: string;

  before(async () => {
    connector = new FakeConnector();
    await connector.start();
  });
  after(() => connector.stop());
  beforeEach(() => {
    connector.reset();
    dataDir = join(mkdtempSync(join(tmpdir(), 'labmate-labels-')), 'dataset');
  });

  const start = () => startApp({ IMAGE_MODEL_DIR: tinyModel(), LABEL_DATA_DIR: dataDir, VM_OPERATORS: 'emulator/operator-1' });

  function chat(bot: RunningApp, fromId = 'member-1') {
    const conversation = emulatorConversation(connector, () => bot, fromId, 15_000);
    return {
      ...conversation,
      postImage: (png: Buffer) =>
        conversation.post({ ...conversation.message(fromId, { text: '' }), attachments: [{ contentType: 'image/png', contentUrl: `data:image/png;base64,${png.toString('base64')}` }] }),
    };
  }

  it('writes the image under its content hash in the tag\'s folder, and a CSV line of image, tag, who and when', async () => {
    const bot = await start();
    try {
      const conversation = chat(bot);
      const png = await colourImage('red', 'png');
      assert.match(shownText(await conversation.say('label on')), /local dataset folder/);
      const card = await conversation.postImage(png);
      assert.deepEqual(cardButtons(adaptiveCardOf(card)).map(([title]) => title).slice(0, 1), ['red'], 'the local model\'s top suggestion first');
      const labelled = await conversation.press(buttonCommand(card, 'red'));
      assert.match(shownText(labelled), /Labelled red by User\./);

      const hash = createHash('sha256').update(png).digest('hex');
      assert.deepEqual(readdirSync(join(dataDir, 'red')), [`${hash}.png`]);
      assert.deepEqual(readFileSync(join(dataDir, 'red', `${hash}.png`)), png, 'the bytes as posted');
      const lines = readFileSync(join(dataDir, 'labels.csv'), 'utf8').split('\r\n');
      assert.equal(lines[0], 'image,tag,labelled_by,labeller_id,labelled_at');
      assert.match(lines[1], new RegExp(`^red/${hash}\\.png,red,User,emulator/member-1,\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z$`));
      assert.equal(lines.length, 3, 'one line per label, CRLF-terminated');

      assert.match(shownText(await conversation.say('label stats')), /red: 1 image/);
      assert.match(shownText(await conversation.say('train')), /Training is not set up on this bot yet/);
    } finally {
      await bot.stop();
    }
  });

  it("shows the thumbnail made when the image was classified on its labelling card: the file is decoded once", async () => {
    const bot = await start();
    try {
      const conversation = chat(bot);
      const thumbnailOf = (reply: Awaited<ReturnType<typeof conversation.say>>) => /data:image\/jpeg;base64,[A-Za-z0-9+/=]+/.exec(JSON.stringify(adaptiveCardOf(reply)))?.[0];
      const result = await conversation.postImage(await colourImage('blue', 'png', 300));
      const classified = thumbnailOf(result);
      assert.ok(classified, 'the classification shows a thumbnail (of the pixels the model saw)');
      const card = await conversation.press(buttonCommand(result, 'Label'));
      assert.match(shownText(card), /Which tag is right\?/);
      // A decode of the file would give another picture: the whole image, not the model's centre crop.
      assert.equal(thumbnailOf(card), classified, 'the labelling card shows the very same thumbnail');
    } finally {
      await bot.stop();
    }
  });

  it('recognises the same bytes as a duplicate by their content hash, whatever tag is chosen', async () => {
    const png = await colourImage('green', 'png');
    const first = await start();
    try {
      const conversation = chat(first);
      await conversation.say('label on');
      await conversation.press(buttonCommand(await conversation.postImage(png), 'green'));
    } finally {
      await first.stop();
    }
    // A new process with the same folder: nothing remembered but the dataset itself.
    const second = await start();
    try {
      const conversation = chat(second, 'operator-1');
      await conversation.say('label on');
      const card = await conversation.postImage(png);
      await conversation.press(buttonCommand(card, 'Other…'));
      const answer = await conversation.say('leaf');
      assert.match(shownText(answer), /This image is already in the local dataset folder as green: nothing was added\./);
      assert.deepEqual(readdirSync(dataDir).sort(), ['green', 'labels.csv', 'leaf'], 'the new tag\'s folder, and no second copy');
      assert.deepEqual(readdirSync(join(dataDir, 'leaf')), []);
      assert.equal(readFileSync(join(dataDir, 'labels.csv'), 'utf8').trim().split('\r\n').length, 2);
      assert.match(shownText(await conversation.say('train')), /Training is not set up on this bot yet\. Ask the bot's administrator to set it up\./);
      assert.ok(second.logger.entries.some((entry) => /LABEL_DATA_DIR, which only collects them/.test(String(entry.fields.adminHint))));
    } finally {
      await second.stop();
    }
  });

  it('keeps every tag name inside the folder (a tag is never a path)', async () => {
    const bot = await start();
    try {
      const conversation = chat(bot, 'operator-1');
      const card = await conversation.postImage(await colourImage('blue', 'png'));
      await conversation.press(buttonCommand(card, 'Label'));
      const ref = buttonCommand(card, 'Label').split(' ')[2];
      assert.match(shownText(await conversation.say(`label as ${ref} ../../escape`)), /Labelled \.\.\/\.\.\/escape by User\./);
      assert.deepEqual(readdirSync(dataDir).sort(), ['%2E.%2F..%2Fescape', 'labels.csv']);
      assert.match(readFileSync(join(dataDir, 'labels.csv'), 'utf8'), /^%2E\.%2F\.\.%2Fescape\/[0-9a-f]{64}\.png,\.\.\/\.\.\/escape,/m);
      assert.match(shownText(await conversation.say('label stats')), /\.\.\/\.\.\/escape: 1 image/);
    } finally {
      await bot.stop();
    }
  });
});

import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { teamsCardInvoke, teamsChannelMessage } from '../support/activities.js';
import { adaptiveCardOf, FakeConnector, shownText } from '../support/connector.js';
import { buttonCommand, emulatorConversation } from '../support/conversation.js';
import { FakeCustomVision, PREDICTION_KEY, PROJECT_ID, PUBLISHED_NAME } from '../support/fakeCustomVision.js';
import { FakeCustomVisionTraining, PREDICTION_RESOURCE_ID, TRAINING_KEY } from '../support/fakeCustomVisionTraining.js';
import { colourImage, tinyModel, type Colour } from '../support/imageFixtures.js';
import { cardButtons } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { waitFor } from '../support/waitFor.js';

const OPERATOR = 'operator-1';

let imageCount = 0;
/** A new image each time (the bot remembers labels by content: the same bytes are the same image everywhere). */
function image(colour: Colour, format: 'jpeg' | 'png'): Promise<Buffer> {
  return colourImage(colour, format, 256 + ++imageCount);
}

const OTHER_OPERATOR = 'operator-2';
const MEMBER = 'member-1';

describe('labelling, training and publishing through POST /api/messages (local Custom Vision prediction v3.1 and training v3.3)', function () {
  this.timeout(30_000);
  let connector: FakeConnector;
  let prediction: FakeCustomVision;
  let training: FakeCustomVisionTraining;
  let bot: RunningApp;
  /** Names published through the bot: the bot classifies with the last one from then on, whatever the test. */
  const published = new Set<string>();

  before(async () => {
    connector = new FakeConnector();
    prediction = new FakeCustomVision();
    training = new FakeCustomVisionTraining();
    await Promise.all([connector.start(), prediction.start(), training.start()]);
    training.onPublish = (name) => {
      published.add(name);
      prediction.publishedNames.add(name);
    };
    bot = await startApp(env(), { trainingPollIntervalMs: 5 });
  });
  const env = () => ({
    CUSTOM_VISION_PREDICTION_ENDPOINT: prediction.endpoint,
    CUSTOM_VISION_PREDICTION_KEY: PREDICTION_KEY,
    CUSTOM_VISION_PROJECT_ID: PROJECT_ID,
    CUSTOM_VISION_PUBLISHED_NAME: PUBLISHED_NAME,
    CUSTOM_VISION_TRAINING_ENDPOINT: training.endpoint,
    CUSTOM_VISION_TRAINING_KEY: TRAINING_KEY,
    CUSTOM_VISION_PREDICTION_RESOURCE_ID: PREDICTION_RESOURCE_ID,
    VM_OPERATORS: `emulator/${OPERATOR}, emulator/${OTHER_OPERATOR}`,
  });
  after(async () => {
    training.finishTraining();
    await bot.stop();
    await Promise.all([connector.stop(), prediction.stop(), training.stop()]);
  });
  beforeEach(() => {
    connector.reset();
    connector.files.reset();
    prediction.reset();
    for (const name of published) prediction.publishedNames.add(name);
    // The prediction fake answers crack 86%, scratch 8%, dent 4%, ok 2%: the suggestions are crack, scratch, dent.
    training.reset([
      { name: 'crack', images: 4 },
      { name: 'scratch', images: 6 },
      { name: 'dent', images: 5 },
      { name: 'ok', images: 7 },
    ]);
  });

  /** A conversation with one person in it (others speak with `who`). */
  function conversation(fromId = OPERATOR, app = () => bot) {
    const base = emulatorConversation(connector, app, fromId);
    const chat = {
      ...base,
      postImage: async (image: Buffer, who = fromId) => {
        const path = `/v3/attachments/${randomUUID()}/views/original`;
        connector.files.serve(path, { body: image, contentType: 'image/jpeg' });
        return base.post({ ...base.message(who, { text: '' }), attachments: [{ contentType: 'image/jpeg', contentUrl: `${connector.url}${path.slice(1)}` }] });
      },
      /** Posts an image and presses its Label button: the labelling card. */
      labelCard: async (image: Buffer, who = fromId) => chat.press(buttonCommand(await chat.postImage(image, who), 'Label'), who),
    };
    return chat;
  }

  const uploadedTo = (name: string) => training.uploads.filter((request) => request.query.get('tagIds') === training.tags.find((tag) => tag.name === name)?.id);

  it('a suggested-tag click uploads the image bytes with that tag id, once', async () => {
    const chat = conversation(MEMBER);
    const jpeg = await image('red', 'jpeg');
    const result = await chat.postImage(jpeg);
    assert.match(shownText(result), /crack/);
    assert.match(buttonCommand(result, 'Label'), /^label image [0-9a-f]{16}$/, 'the button carries the content hash, never the bytes or a URL');
    assert.equal(training.uploads.length, 0, 'nothing is uploaded without a choice');

    const card = await chat.press(buttonCommand(result, 'Label'));
    assert.deepEqual(
      cardButtons(adaptiveCardOf(card)).map(([title]) => title),
      ['crack', 'scratch', 'dent', 'Other…', 'Skip'],
    );
    assert.match(shownText(card), /Which tag is right\? The model suggests:/);

    const labelled = await chat.press(buttonCommand(card, 'crack'));
    assert.match(shownText(labelled), /Labelled crack by User\./);
    assert.equal(training.uploads.length, 1);
    assert.equal(uploadedTo('crack').length, 1, 'tagIds is the id of the crack tag');
    assert.deepEqual(training.imagesTagged('crack').at(-1)?.bytes, jpeg, 'the bytes as posted');

    const again = await chat.press(buttonCommand(card, 'crack'));
    assert.match(shownText(again), /Already labelled crack by User\./);
    const other = await chat.press(buttonCommand(card, 'scratch'));
    assert.match(shownText(other), /Already labelled crack by User\./);
    assert.equal(training.uploads.length, 1, 'a second click uploads nothing');
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.action === 'label' && entry.fields.result === 'labelled' && entry.fields.user === MEMBER));
  });

  it('in an auto-translated conversation, names the tags on the buttons as the project does, translating only its own words', async () => {
    const chat = conversation(OPERATOR);
    assert.match(shownText(await chat.say('translate auto spanish')), /traduzco esta conversación/);
    try {
      const posted = cardButtons(adaptiveCardOf(await chat.postImage(await image('red', 'jpeg'))));
      const label = posted.find(([, command]) => command.startsWith('label image '));
      assert.ok(label, JSON.stringify(posted));
      const card = await chat.press(label[1]);
      const titles = cardButtons(adaptiveCardOf(card)).map(([title]) => title);
      assert.deepEqual(titles.slice(0, 3), ['crack', 'scratch', 'dent'], `the tag buttons, in: ${titles.join(' | ')}`);
      assert.notEqual(titles[3], 'Other…', 'the bot\'s own words on the buttons are translated');
      const prompt = await chat.press(buttonCommand(card, titles[3]));
      assert.match(shownText(prompt), /image 1/);
      // A typed name that matches tags offers them by their names, and a new one as typed.
      const offered = cardButtons(adaptiveCardOf(await chat.say('scr')));
      assert.deepEqual(offered[0], ['scratch', `label as ${buttonCommand(card, 'crack').split(' ')[2]} scratch`]);
      assert.match(offered.at(-1)?.[0] ?? '', /: scr$/, `the new tag's button keeps the typed name: ${JSON.stringify(offered)}`);
      assert.match(shownText(await chat.press(buttonCommand(card, 'crack'))), /crack/);
      assert.equal(uploadedTo('crack').length, 1, 'the click labels with the tag the project has');
    } finally {
      await chat.say('translate off');
    }
  });

  it('in Teams, with label on, a posted image comes back as a labelling card that the click replaces', async () => {
    const aad = '00000000-0000-0000-0000-00000000a11c';
    const on = teamsChannelMessage({ serviceUrl: connector.url, text: 'label on', fromId: aad });
    const conversationId = on.conversation.id;
    await bot.post(on);
    const [answer] = await connector.waitForMessages(conversationId, 1);
    assert.match(shownText(answer), /Labelling is on here/);

    const png = await image('green', 'png');
    connector.files.serve('/v3/attachments/teams-1/views/original', { body: png, contentType: 'image/png' });
    const pasted = { ...teamsChannelMessage({ serviceUrl: connector.url, text: '', fromId: aad, conversationId }), attachments: [{ contentType: 'image/*', contentUrl: `${connector.url}v3/attachments/teams-1/views/original` }] };
    await bot.post(pasted);
    const [, card] = await connector.waitForMessages(conversationId, 2);
    assert.match(shownText(card), /Label image 1/);
    const execute = (adaptiveCardOf(card) as { actions: Array<{ type: string; title: string; data: { command: string } }> }).actions.find((action) => action.title === 'scratch')!;
    assert.equal(execute.type, 'Action.Execute', 'an answer: Teams replaces the card');

    const response = await bot.post(teamsCardInvoke({ serviceUrl: connector.url, fromId: aad, conversationId, replyToId: card.responseId, action: { verb: 'command', data: execute.data } }));
    assert.equal(response.status, 200);
    await connector.waitForMessages(conversationId, 3);
    const update = connector.messagesTo(conversationId).find((call) => call.method === 'PUT');
    assert.ok(update, 'the card is updated in place');
    assert.equal(update.activityId, card.responseId);
    assert.match(shownText(update), /Labelled scratch by Ada Lovelace\./);
    assert.equal(uploadedTo('scratch').length, 1);
  });

  describe('Other…: the tag typed in the next message', () => {
    it('creates a new tag for an operator, in two turns', async () => {
      const chat = conversation(OPERATOR);
      const card = await chat.labelCard(await image('blue', 'jpeg'));
      const prompt = await chat.press(buttonCommand(card, 'Other…'));
      assert.match(shownText(prompt), /Which tag is image 1\? Type its name in your next message to me, or cancel\./);
      assert.match(shownText(prompt), /A name that is not a tag yet becomes a new tag\./);

      const labelled = await chat.say('rust');
      assert.match(shownText(labelled), /Labelled rust by User\./);
      const created = training.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/tags'));
      assert.deepEqual(created.map((request) => request.query.get('name')), ['rust']);
      assert.equal(uploadedTo('rust').length, 1);

      const after = await chat.say('I loved the new GPU');
      assert.match(shownText(after), /Sentiment/i, 'the flow is over: the next message is read as usual');
    });

    it('does not create one for anyone else, and uploads nothing', async () => {
      const chat = conversation(MEMBER);
      const card = await chat.labelCard(await image('blue', 'jpeg'));
      const prompt = await chat.press(buttonCommand(card, 'Other…'));
      assert.match(shownText(prompt), /Only operators can create new tags; pick an existing one\./);
      const refused = await chat.say('rust');
      assert.match(shownText(refused), /There is no tag called rust\./);
      assert.match(shownText(refused), /only operators can create new tags/);
      assert.equal(training.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/tags')).length, 0);
      assert.equal(training.uploads.length, 0);
    });

    it('takes an existing tag in any case, offers the tags that match, and ends on cancel', async () => {
      const chat = conversation(MEMBER);
      const first = await chat.labelCard(await image('blue', 'jpeg'));
      await chat.press(buttonCommand(first, 'Other…'));
      assert.match(shownText(await chat.say('OK')), /Labelled ok by User\./);
      assert.equal(uploadedTo('ok').length, 1);

      const second = await chat.labelCard(await image('green', 'jpeg'));
      await chat.press(buttonCommand(second, 'Other…'));
      const choices = await chat.say('scr');
      assert.deepEqual(cardButtons(adaptiveCardOf(choices)), [['scratch', `${buttonCommand(second, 'scratch')}`]], 'matching tags as buttons, nothing new for a member');

      const third = await chat.labelCard(await image('dark', 'jpeg'));
      await chat.press(buttonCommand(third, 'Other…'));
      assert.match(shownText(await chat.say('cancel')), /OK, image 1 stays unlabelled\./);
      assert.equal(training.uploads.length, 1);
    });

    it('waits for the person who pressed it only', async () => {
      const chat = conversation(OPERATOR);
      const card = await chat.labelCard(await image('red', 'jpeg'));
      await chat.press(buttonCommand(card, 'Other…'));
      const someoneElse = await chat.say('rust never sleeps', MEMBER);
      assert.match(shownText(someoneElse), /Sentiment/i, 'another person in the conversation is read as usual');
      assert.match(shownText(await chat.say('rust')), /Labelled rust by User\./);
    });

    it('lapses: after a while, a message is a message again', async () => {
      const hasty = await startApp(env(), { flowTtlMs: 100 });
      try {
        const chat = conversation(OPERATOR, () => hasty);
        await chat.press(buttonCommand(await chat.labelCard(await image('green', 'jpeg')), 'Other…'));
        // Time passing is what is tested: the flow lives 100 ms, this waits 150 (bounded, and no event marks a lapse).
        await new Promise((resolve) => setTimeout(resolve, 150));
        assert.match(shownText(await chat.say('dent')), /Sentiment/i);
        assert.equal(training.uploads.length, 0);
      } finally {
        await hasty.stop();
      }
    });

    it('refuses a tag name with control characters or over the length limit, creating nothing', async () => {
      const chat = conversation(OPERATOR);
      const card = await chat.labelCard(await image('blue', 'jpeg'));
      const ref = buttonCommand(card, 'crack').split(' ')[2];
      assert.match(shownText(await chat.say(`label as ${ref} rust\u0007y`)), /A tag name cannot contain control characters\./);
      assert.match(shownText(await chat.say(`label as ${ref} ${'x'.repeat(65)}`)), /A tag name can have up to 64 characters; that one has 65\./);
      await chat.press(buttonCommand(card, 'Other…'));
      assert.match(shownText(await chat.say('bad\u202ename')), /control characters\. Type another name, or cancel\./);
      assert.equal(training.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/tags')).length, 0);
      assert.equal(training.uploads.length, 0);
    });
  });

  it('says so when the image is already in the project (Custom Vision answers OKDuplicate)', async () => {
    const chat = conversation(MEMBER);
    const jpeg = await image('green', 'jpeg');
    training.addImage(jpeg, 'dent');
    const card = await chat.labelCard(jpeg);
    const answer = await chat.press(buttonCommand(card, 'crack'));
    assert.match(shownText(answer), /This image is already in the Custom Vision training project as dent: nothing was added\./);
    assert.equal(training.uploads.length, 1, 'asked once; the service recognised the bytes');
    assert.equal(training.imagesTagged('crack').length, 4, 'no new crack image');
    const later = await chat.press(buttonCommand(card, 'crack'));
    assert.match(shownText(later), /already in the training data \(as dent\)/);
    assert.equal(training.uploads.length, 1);
  });

  it('uploads nothing for a forged label: an image never shown, or shown in another conversation', async () => {
    const chat = conversation(OPERATOR);
    for (const forged of ['label as 0123456789abcdef crack', 'label as ../../etc/passwd crack', 'label as crack']) {
      const answer = await chat.press(forged);
      assert.match(shownText(answer), /I have no image with that reference in this conversation, so nothing was labelled|needs a tag name/);
    }
    const shownElsewhere = await conversation(OPERATOR).labelCard(await image('red', 'jpeg'));
    const stolen = await chat.press(buttonCommand(shownElsewhere, 'crack'));
    assert.match(shownText(stolen), /I have no image with that reference in this conversation/);
    assert.equal(training.uploads.length, 0);
    assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.action === 'label' && entry.fields.result === 'unknown-image'));
  });

  it('label stats: images per tag, and the tags below the minimum', async () => {
    const stats = await conversation(MEMBER).say('label stats');
    const text = shownText(stats);
    assert.match(text, /ok: 7 images\nscratch: 6 images\ndent: 5 images\ncrack: 4 images \(below the minimum\)/);
    assert.match(text, /Custom Vision trains with at least 5 images per tag .*below that: crack\./);
  });

  describe('train (operators)', () => {
    const performance: Record<string, [number, number, number]> = {
      crack: [0.95, 0.9, 0.93],
      scratch: [0.62, 0.75, 0.7],
      dent: [0.8, 0.8, 0.82],
      ok: [0.99, 0.99, 0.99],
    };

    it('answers at once, and posts the iteration\'s performance when Custom Vision finishes, marking tags worse than the published one', async () => {
      training.addIteration('Iteration 1', {
        publishName: PUBLISHED_NAME,
        performance: { crack: [0.9, 0.8, 0.85], scratch: [0.7, 0.7, 0.72], dent: [0.8, 0.8, 0.8], ok: [0.99, 0.97, 0.99] },
      });
      training.nextPerformance = performance;
      const chat = conversation(OPERATOR);
      await chat.press(buttonCommand(await chat.labelCard(await image('red', 'jpeg')), 'crack'));

      const ack = await chat.say('train');
      assert.match(shownText(ack), /Custom Vision has started quick training of Iteration 2 \(asked by User\)\. I'll post its precision and recall here when it completes\./);
      const trainCall = training.requests.find((request) => request.path.endsWith('/train'));
      assert.equal(trainCall?.query.get('trainingType'), 'Regular', 'quick training by default');

      const busy = await chat.say('train', OTHER_OPERATOR);
      assert.match(shownText(busy), /Training is already running \(Iteration 2\), asked by User/);
      assert.equal(training.requests.filter((request) => request.path.endsWith('/train')).length, 1);

      // The bot's poller has asked about the iteration since the train call, and heard "Training".
      const trained = training.requests.indexOf(trainCall!);
      await waitFor(() => training.requests.slice(trained + 1).some((request) => request.method === 'GET' && /\/iterations\/[^/]+$/.test(request.path)), 'a poll of the iteration');
      const before = connector.messagesTo(chat.id).length;
      training.finishTraining();
      const [result] = (await connector.waitForMessages(chat.id, before + 1, 10_000)).slice(before);
      const text = shownText(result);
      assert.match(text, /Done: Iteration 2/);
      assert.match(text, /Precision: 84% \(Iteration 1: 85%\)\nRecall: 86% \(Iteration 1: 82%\)\nAverage precision: 86% \(Iteration 1: 84%\)/);
      assert.match(text, /▼ scratch/, 'scratch got worse');
      assert.doesNotMatch(text, /▼ (crack|dent|ok)/);
      assert.match(text, /▼ marks the tags that got worse than Iteration 1/);
      assert.deepEqual(cardButtons(adaptiveCardOf(result)), [['Publish Iteration 2', 'publish Iteration 2']]);
      assert.ok(bot.logger.entries.some((entry) => entry.message === 'audit' && entry.fields.action === 'train' && entry.fields.result === 'completed'));

      // The slot is free again once the run is reported.
      await chat.press(buttonCommand(await chat.labelCard(await image('green', 'jpeg')), 'dent'));
      assert.match(shownText(await chat.say('train')), /started quick training of Iteration 3/);
      training.finishTraining();
      await connector.waitForMessages(chat.id, connector.messagesTo(chat.id).length + 1, 10_000);
    });

    it('says clearly when there are too few images, and what is short', async () => {
      const answer = await conversation(OPERATOR).say('train');
      assert.match(shownText(answer), /Custom Vision needs at least 5 labelled images for each tag before it can train\. Short: crack has 4\. Label some more first: label stats shows the counts\./);
      assert.equal(training.iterations.length, 0);
    });

    it('turns Custom Vision\'s refusals into clear answers (429, quota, a project that is not there)', async () => {
      const chat = conversation(OPERATOR);
      const cases: Array<[number, unknown, RegExp]> = [
        [429, { error: { code: '429', message: 'Rate limit is exceeded.' } }, /more requests than the training key allows right now\. Please try again in a minute\./],
        [400, { code: 'BadRequestExceedIterationPerProjectLimit', message: 'Too many iterations' }, /reached a limit of its pricing tier \(iterations per project\)/],
        [404, { code: 'NotFoundProject', message: 'Invalid project' }, /training project is not where the bot expects it/],
      ];
      for (const [status, body, expected] of cases) {
        training.failure = { match: /^POST .*\/train$/, answer: { status, body } };
        const answer = await chat.say('train');
        assert.match(shownText(answer), expected);
        assert.doesNotMatch(shownText(answer), /Rate limit is exceeded|Too many iterations|Invalid project/, 'no raw service text');
      }
      assert.ok(bot.logger.entries.some((entry) => /CUSTOM_VISION_PROJECT_ID/.test(String(entry.fields.adminHint))));
      training.failure = undefined;
      assert.match(shownText(await chat.say('train advanced 0')), /train advanced ‹hours› trains longer/);
    });

    it('is refused to someone who is not an operator, before any call', async () => {
      const answer = await conversation(MEMBER).say('train');
      assert.match(shownText(answer), /Sorry, only operators may use train\./);
      assert.equal(training.requests.length, 0);
    });
  });

  describe('with a local ONNX model suggesting, and the Custom Vision training project collecting', () => {
    let local: RunningApp;
    before(async () => {
      local = await startApp({
        IMAGE_MODEL_DIR: tinyModel(),
        IMAGE_MAX_BYTES: String(8 * 1024 * 1024),
        CUSTOM_VISION_PROJECT_ID: PROJECT_ID,
        CUSTOM_VISION_TRAINING_ENDPOINT: training.endpoint,
        CUSTOM_VISION_TRAINING_KEY: TRAINING_KEY,
        VM_OPERATORS: `emulator/${OPERATOR}`,
      });
    });
    after(() => local.stop());

    it("creates a tag for the model's suggestion only for an operator", async () => {
      const member = conversation(MEMBER, () => local);
      const card = await member.labelCard(await image('red', 'jpeg'));
      assert.equal(cardButtons(adaptiveCardOf(card))[0][0], 'red', "the local model's suggestion");
      const refused = await member.press(buttonCommand(card, 'red'));
      assert.match(shownText(refused), /There is no tag called red\.[\s\S]*only operators can create new tags/);
      assert.equal(training.requests.filter((request) => request.method === 'POST').length, 0);

      const operator = conversation(OPERATOR, () => local);
      const own = await operator.labelCard(await image('red', 'jpeg'));
      assert.match(shownText(await operator.press(buttonCommand(own, 'red'))), /Labelled red by User\./);
      assert.equal(uploadedTo('red').length, 1);
    });

    it('refuses an image over the 6 MB Custom Vision takes for training, before any upload', async () => {
      const operator = conversation(OPERATOR, () => local);
      // A real PNG followed by padding (decoders stop at its end): 6.5 MB without encoding that much noise.
      const big = Buffer.concat([await image('blue', 'png'), Buffer.alloc(6.5 * 1024 * 1024)]);
      const card = await operator.labelCard(big);
      const answer = await operator.press(buttonCommand(card, 'Other…'));
      assert.match(shownText(answer), /Which tag is image 1/);
      assert.match(shownText(await operator.say('dent')), /image 1 is 6\.5 MB; the Custom Vision training project takes images up to 6 MB, so it cannot be labelled there\./);
      assert.equal(training.uploads.length, 0);
    });
  });

  describe('publish ‹iteration› (operators, confirmed by the same person)', () => {
    it('publishes after the requester confirms, and classification uses the new iteration at once', async () => {
      training.addIteration('Iteration 1', { publishName: PUBLISHED_NAME });
      training.addIteration('Iteration 2');
      const chat = conversation(OPERATOR);
      const question = await chat.say('publish iteration 2');
      assert.match(shownText(question), /Publish Iteration 2\?\nPublishing makes Iteration 2 \(as Iteration2\) the model labmate classifies every posted image with, instead of defects-v3\./);
      const confirm = buttonCommand(question, 'Publish Iteration 2');
      assert.match(confirm, /^publish confirm [0-9a-f]{8}$/);
      const publishes = () => training.requests.filter((request) => request.path.endsWith('/publish'));
      assert.equal(publishes().length, 0, 'nothing before the confirmation');

      const refused = await chat.press(confirm, OTHER_OPERATOR);
      assert.match(shownText(refused), /Only User can confirm publishing Iteration 2\./);
      assert.equal(publishes().length, 0);
      assert.match(shownText(await chat.press(confirm, MEMBER)), /only operators may use publish/);

      const done = await chat.press(confirm);
      assert.match(shownText(done), /Published Iteration 2 as Iteration2 \(confirmed by User\)\.\nImages posted from now on are classified with it\./);
      assert.equal(publishes().length, 1);
      assert.equal(publishes()[0].query.get('publishName'), 'Iteration2');
      assert.equal(publishes()[0].query.get('predictionId'), PREDICTION_RESOURCE_ID);

      const result = await chat.postImage(await image('red', 'jpeg'));
      assert.equal(prediction.calls.at(-1)?.publishedName, 'Iteration2', 'the prediction API sees the new published name');
      assert.match(shownText(result), /Model: Iteration2 \(Custom Vision\)/);
      assert.match(shownText(await chat.press(confirm)), /no pending publish with that code/, 'a confirmation is used once');
      assert.match(shownText(await chat.say('publish Iteration 2')), /Iteration 2 is already the model labmate classifies with/);
    });

    it('refuses an iteration that is unknown or still training, and anyone who is not an operator', async () => {
      training.addIteration('Iteration 1', { publishName: PUBLISHED_NAME });
      training.addIteration('Iteration 2', { status: 'Training' });
      const chat = conversation(OPERATOR);
      assert.match(shownText(await chat.say('publish Iteration 9')), /There is no iteration called Iteration 9\. The trained ones: Iteration 1\./);
      assert.match(shownText(await chat.say('publish 2')), /Iteration 2 is still training, so it cannot be published\./);
      assert.match(shownText(await chat.say('publish Iteration 1', MEMBER)), /Sorry, only operators may use publish\./);
      assert.equal(training.requests.filter((request) => request.path.endsWith('/publish')).length, 0);
    });
  });
});

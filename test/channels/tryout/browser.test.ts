import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { COMMANDS } from '../../../dialogs/index.js';
import { helpEntries } from '../../../dialogs/help.js';
import { HELP_TOPICS, helpDocument, helpTopicDocument, type HelpTopic } from '../../../cards/help.js';
import { linesOf, plainText } from '../../../cards/Card.js';
import { masked } from '../../../cards/wording.js';
import { FakeArm, trainingVmsEnv } from '../../support/fakeArm.js';
import { colourImage, tinyModel } from '../../support/imageFixtures.js';
import { startApp, type RunningApp } from '../../support/runningApp.js';

/** Debian's chromium (CI installs it); CHROMIUM_PATH names another. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
/** Screenshots of what each test saw (gitignored). */
const SCREENSHOTS = join('test-output', 'tryout');
/** The page's id, set before it loads, so that VM_OPERATORS can name it. */
const PAGE_ID = 'browser-test-0001';
const TOPICS = Object.keys(HELP_TOPICS) as HelpTopic[];

describe('the try-out page in a real browser (Chromium)', function () {
  this.timeout(60_000);
  let arm: FakeArm;
  let bot: RunningApp;
  let browser: Browser;
  let page: Page;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(`    skipped: no Chromium at ${CHROMIUM} (Debian: apt-get install chromium; or set CHROMIUM_PATH)`);
      return this.skip();
    }
    arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
    await arm.start();
    bot = await startApp(
      {
        IMAGE_MODEL_DIR: tinyModel(),
        ...trainingVmsEnv(arm),
        VM_OPERATORS: `tryout/${PAGE_ID}`,
      },
      { compute: { pollIntervalMs: 5 } },
    );
    mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    await page.addInitScript(`localStorage.setItem('labmate-tryout-id', ${JSON.stringify(PAGE_ID)})`);
    await page.goto(`${bot.url}/`);
    await page.locator('.bubble.bot').first().waitFor();
    assert.deepEqual(problems, [], 'the page loads without errors');
  });

  after(async () => {
    await browser?.close();
    arm?.completeAll();
    await bot?.stop();
    await arm?.stop();
  });

  afterEach(async function () {
    if (!page) return;
    const name = (this.currentTest?.title ?? 'test').replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  });

  const botMessages = () => page.locator('.bubble.bot');

  /** Types a message as a person would, and waits for `replies` new messages from the bot. */
  async function say(text: string, replies = 1): Promise<Locator> {
    const before = await botMessages().count();
    await page.fill('#text', text);
    await page.click('#send');
    return newMessage(before, replies);
  }

  async function newMessage(before: number, replies = 1): Promise<Locator> {
    await botMessages().nth(before + replies - 1).waitFor({ timeout: 20_000 });
    return botMessages().nth(before);
  }

  it('greets the person once with the welcome card, and says who they are', async () => {
    assert.equal(await botMessages().count(), 1);
    assert.match(await botMessages().first().innerText(), /Hi, I am labmate/);
    assert.equal(await page.locator('#who').innerText(), `tryout/${PAGE_ID}`);
  });

  /** The usage lines of a help document as the page shows them: a command word in code first. */
  const usagesOf = (document: ReturnType<typeof helpDocument>) => linesOf(document).filter((value) => value.spans[0]?.style === 'code').map(plainText);

  /**
   * The message fits in one screen of the conversation on a small laptop (a 1280×720 window): its rendered height is
   * at most the height of the page's message area (the window less the header and the composer). A screenshot of
   * the page with the message at the top of that area is kept.
   */
  async function assertFitsOneScreen(message: Locator, name: string): Promise<void> {
    const viewport = page.viewportSize()!;
    await page.setViewportSize({ width: 1280, height: 720 });
    try {
      await message.evaluate((element) => element.scrollIntoView({ block: 'start' }));
      const height = await message.evaluate((element) => element.getBoundingClientRect().height);
      const area = await page.locator('#messages').evaluate((element) => element.clientHeight);
      await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
      assert.ok(area > 300, `the message area is ${area} px high`);
      assert.ok(height <= area, `${name} is ${Math.round(height)} px high; the message area of a 720 px window shows ${area} px`);
    } finally {
      await page.setViewportSize(viewport);
    }
  }

  it('welcomes with what to try first, in one screen', async () => {
    const welcome = botMessages().first();
    assert.match(await welcome.innerText(), /Paste any text/);
    assert.deepEqual(await welcome.locator('button').allInnerTexts(), ['Try an analysis', 'Translate', 'All commands']);
    await assertFitsOneScreen(welcome, 'welcome-card');
  });

  it('answers `help` with the most used commands grouped by topic, a button per topic, in one screen', async () => {
    const help = await say('help');
    const shown = await help.innerText();
    const featured = usagesOf(helpDocument(helpEntries(COMMANDS), { title: '', intro: '' }));
    assert.ok(featured.length >= 8, `usage lines: ${featured.join(' | ')}`);
    for (const usage of featured) assert.ok(shown.includes(usage), `"${usage}" is visible in:\n${shown}`);
    for (const usage of ['analyze ‹text›', 'vm start ‹name›', 'translate ‹language› ‹text›']) assert.ok(shown.includes(usage), usage);
    assert.ok(!shown.includes('vm autostop'), 'the rest is on its topic page');
    assert.deepEqual(await help.locator('button').allInnerTexts(), ['Try an analysis', 'Text', 'Translation', 'Images', 'VMs', 'Jobs']);
    await assertFitsOneScreen(help, 'help-card');
    const card = (await help.boundingBox())!;
    for (const button of await help.locator('button').all()) {
      const box = (await button.boundingBox())!;
      assert.ok(box.x >= card.x && box.x + box.width <= card.x + card.width, `the ${await button.innerText()} button is inside the card, not cut off`);
    }
  });

  it("runs a help card's button as the person's own message", async () => {
    const before = await botMessages().count();
    await botMessages().nth(before - 1).getByRole('button', { name: 'Try an analysis' }).click();
    const analysis = await newMessage(before);
    assert.equal(await page.locator('.bubble.me').last().innerText(), 'analyze I loved the new GPU, but the driver install was painful');
    assert.match(await analysis.innerText(), /Sentiment/);
  });

  it("opens a topic's page with its button, and every form of every command is on one of them with its ‹placeholders›", async () => {
    const help = await say('help');
    const before = await botMessages().count();
    await help.getByRole('button', { name: 'VMs', exact: true }).click();
    const vms = await newMessage(before);
    assert.equal(await page.locator('.bubble.me').last().innerText(), 'help vms');
    const vmPage = await vms.innerText();
    for (const usage of ['vm list', 'vm status [‹name›]', 'vm start ‹name›', 'vm autostop ‹name› ‹HH:MM› [‹time zone›]']) assert.ok(vmPage.includes(usage), `"${usage}" in:\n${vmPage}`);
    let pages = vmPage;
    for (const topic of ['text', 'translation', 'images', 'jobs']) pages += await (await say(`help ${topic}`)).innerText();
    const every = TOPICS.flatMap((topic) => usagesOf(helpTopicDocument(topic, helpEntries(COMMANDS), { backends: {} })));
    assert.ok(every.length >= 20, `usage lines: ${every.join(' | ')}`);
    for (const usage of every) assert.ok(pages.includes(usage), `"${usage}" is visible on its page`);
  });

  it('shows an analysis: language, sentiment per sentence, key phrases, entities', async () => {
    const shown = await (await say('analyze Ada Lovelace loved the new GPU in Seattle, but the driver install was painful.')).innerText();
    assert.match(shown, /English/);
    assert.match(shown, /Sentiment/);
    assert.match(shown, /Ada Lovelace/);
    assert.match(shown, /Seattle/);
  });

  it('shows each personal data value masked, where the value belongs (no rule, no emphasis)', async () => {
    const message = await say('pii Mail jane@contoso.com or call +1 425 555 0100, card 4111 1111 1111 1111');
    const shown = await message.innerText();
    for (const value of ['jane@contoso.com', '+1 425 555 0100', '4111 1111 1111 1111']) {
      assert.ok(shown.includes(masked(value)), `${masked(value)} is visible in:\n${shown}`);
      assert.ok(!shown.includes(value), `${value} itself is not shown`);
    }
    assert.match(shown, /Mail •+ or call •+, card •+/, 'the redacted text, with the mask its values have');
    assert.ok(!shown.includes('*'), 'no asterisk mask');
    assert.equal(await message.locator('hr, em, strong').count(), 0, 'no Markdown made of the masks');
  });

  it('translates to Spanish with the installed Apertium pair', async () => {
    const shown = await (await say('translate to spanish: the training run finished')).innerText();
    assert.match(shown, /From: English/);
    assert.match(shown, /La .*formación/);
  });

  it('classifies an uploaded image with the local model, showing the tags and a thumbnail', async () => {
    const before = await botMessages().count();
    await page.setInputFiles('#image', { name: 'red.png', mimeType: 'image/png', buffer: await colourImage('red', 'png') });
    await page.locator('#chosen', { hasText: 'red.png' }).waitFor();
    await page.click('#send');
    const answer = await newMessage(before);
    const shown = await answer.innerText();
    assert.match(shown, /red\.png/);
    assert.match(shown, /red\s+\S*\s*\d+%/);
    assert.match(shown, /local ONNX model/);
    assert.match((await answer.locator('img').first().getAttribute('src')) ?? '', /^data:image\/jpeg;base64,/, 'the thumbnail of what the model saw');
    assert.equal(await page.locator('.bubble.me img').last().getAttribute('alt'), 'red.png', 'the person sees the image they sent');
  });

  it('posts the end of a VM start to the open page, without the person asking again', async () => {
    arm.behaviour = { inProgressPolls: 0, outcome: 'Succeeded', retryAfter: '0', conflict: false, manual: true };
    const acknowledgement = await say('vm start gpu-01');
    assert.match(await acknowledgement.innerText(), /Starting gpu-01/);
    const before = await botMessages().count();
    arm.completeAll();
    const outcome = await newMessage(before);
    assert.match(await outcome.innerText(), /gpu-01 is running/);
  });

  it("replaces a confirmation card with its answer when its Action.Execute button is pressed", async () => {
    arm.behaviour = { inProgressPolls: 0, outcome: 'Succeeded', retryAfter: '0', conflict: false };
    const question = await say('vm stop gpu-01');
    assert.match(await question.innerText(), /Deallocate gpu-01\?/);
    const before = await botMessages().count();
    await question.getByRole('button', { name: 'Deallocate gpu-01' }).click();
    await page.locator('.bubble.bot', { hasText: 'Confirmed by you' }).waitFor();
    const answered = botMessages().nth(before - 1);
    assert.match(await answered.innerText(), /Deallocate gpu-01\?\s+Confirmed by you\./, 'the question, answered in place');
    assert.equal(await answered.locator('button').count(), 0, 'its buttons are gone');
    await newMessage(before, 2);
    assert.match(await botMessages().last().innerText(), /gpu-01 is deallocated/);
  });
});

import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { FakeArm, trainingVmsEnv } from '../support/fakeArm.js';
import { noisyJpeg, tinyModel } from '../support/imageFixtures.js';
import { cardTexts } from '../support/renderedText.js';
import { startApp, type RunningApp } from '../support/runningApp.js';
import { openEvents, postFromPage, type PageEventRead } from '../support/tryoutPage.js';

const APP_IDENTITY = { MicrosoftAppId: '5f4c0a39-0000-4000-8000-000000000001', MicrosoftAppPassword: 'not-a-real-secret', MicrosoftAppType: 'MultiTenant' };
/** The status of a GET sent as written, through node:http: fetch resolves `..` in the path and cannot set Host. */
function statusOf(url: string, path: string, headers: Record<string, string> = {}): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise<number>((resolve, reject) => {
    request({ host: hostname, port, path, headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

const shown = (event: PageEventRead) => (event.data.message.attachments ?? []).flatMap((attachment) => cardTexts(attachment.content)).join(' | ');

describe('the try-out page over HTTP (/ and /tryout/api/*)', () => {
  describe('in local mode', () => {
    let bot: RunningApp;
    let arm: FakeArm;
    before(async () => {
      arm = new FakeArm([{ resourceGroup: 'ml-rg', name: 'gpu-01', power: 'deallocated' }]);
      await arm.start();
      bot = await startApp({
        IMAGE_MODEL_DIR: tinyModel(),
        IMAGE_MAX_BYTES: '100000',
        ...trainingVmsEnv(arm),
      });
    });
    after(async () => {
      await bot.stop();
      await arm.stop();
    });

    it('serves the page and its renderers, with a policy that allows only its own scripts', async () => {
      const page = await fetch(`${bot.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
      const policy = page.headers.get('content-security-policy') ?? '';
      assert.match(policy, /(?:^|; )default-src 'none'(?:;|$)/, 'nothing is allowed that is not named');
      assert.match(policy, /(?:^|; )script-src 'self'(?:;|$)/, 'scripts from the page itself, and no other source');
      assert.match(await page.text(), /<script src="\/tryout\/vendor\/adaptivecards\.min\.js">/);
      for (const path of ['/tryout/tryout.js', '/tryout/render.js', '/tryout/teamsHostConfig.js', '/tryout/tryout.css', '/tryout/vendor/adaptivecards.min.js', '/tryout/vendor/markdown-it.min.js']) {
        const file = await fetch(`${bot.url}${path}`);
        assert.equal(file.status, 200, path);
        assert.ok((await file.arrayBuffer()).byteLength > 500, path);
      }
      // fetch resolves `..` before sending: these go as written.
      for (const path of ['/tryout/../package.json', '/tryout/%2e%2e/package.json', '/tryout/..%2fpackage.json', '/package.json']) {
        assert.equal(await statusOf(bot.url, path), 404, `nothing but the page is served: ${path}`);
      }
    });

    it('answers on the event stream, as Adaptive Cards', async () => {
      const id = randomUUID();
      const events = await openEvents(bot.url, id);
      try {
        assert.equal(events.status, 200);
        const response = await postFromPage(bot.url, { id, type: 'message', text: 'language Good morning everyone, the build is green.' });
        assert.equal(response.status, 200);
        const [reply] = await events.waitFor(1);
        assert.equal(reply.type, 'message');
        assert.equal(reply.data.message.attachments?.[0].contentType, 'application/vnd.microsoft.card.adaptive');
        assert.match(shown(reply), /English/);
      } finally {
        events.close();
      }
    });

    it('gives a reconnecting page what it missed (Last-Event-ID), and a new page nothing old', async () => {
      const id = randomUUID();
      const first = await openEvents(bot.url, id);
      await postFromPage(bot.url, { id, type: 'message', text: 'help' });
      const [help] = await first.waitFor(1);
      first.close();
      await postFromPage(bot.url, { id, type: 'message', text: 'language Guten Morgen, der Build ist grün.' });

      const reconnected = await openEvents(bot.url, id, { 'last-event-id': help.id });
      const fresh = await openEvents(bot.url, id);
      try {
        const [missed] = await reconnected.waitFor(1);
        assert.match(shown(missed), /German/);
        // A later message proves the order: each stream's next event is its answer, nothing else came before it.
        await postFromPage(bot.url, { id, type: 'message', text: 'help' });
        const [, later] = await reconnected.waitFor(2);
        const [only] = await fresh.waitFor(1);
        assert.match(shown(later), /What labmate can do/);
        assert.match(shown(only), /What labmate can do/);
        assert.equal(reconnected.events.length, 2, 'only what it missed, then the new answer');
        assert.equal(fresh.events.length, 1, 'a fresh stream gets only what comes after it opened');
      } finally {
        reconnected.close();
        fresh.close();
      }
    });

    it("answers an Action.Execute in the HTTP answer, as Teams expects an invoke response; an operator's command is refused", async () => {
      const id = randomUUID();
      const events = await openEvents(bot.url, id);
      try {
        const help = await postFromPage(bot.url, { id, type: 'invoke', action: { verb: 'command', data: { command: 'help' } } });
        assert.deepEqual(await help.json(), { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: 'OK' });
        assert.match(shown((await events.waitFor(1))[0]), /What labmate can do/);

        const start = await postFromPage(bot.url, { id, type: 'invoke', action: { verb: 'command', data: { command: 'vm start gpu-01' } } });
        const refusal = (await start.json()) as { type: string; value: string };
        assert.equal(refusal.type, 'application/vnd.microsoft.activity.message');
        assert.match(refusal.value, new RegExp(`only operators may use vm start.*tryout/${id}`, 's'), 'a refusal names the id to give the administrator');
        assert.equal(arm.requests.filter((request) => request.method === 'POST').length, 0, 'nothing reached Azure');
      } finally {
        events.close();
      }
    });

    it('holds uploaded images to IMAGE_MAX_BYTES: the body before reading it, the image once decoded', async () => {
      const id = randomUUID();
      const events = await openEvents(bot.url, id);
      try {
        const image = await noisyJpeg(120_000);
        const dataUrl = `data:image/jpeg;base64,${image.toString('base64')}`;
        const decodedTooLarge = await postFromPage(bot.url, { id, type: 'message', attachments: [{ contentType: 'image/jpeg', name: 'red.jpg', contentUrl: dataUrl }] });
        assert.equal(decodedTooLarge.status, 200);
        assert.match(shown((await events.waitFor(1))[0]), /red\.jpg \| it is over 98 KB, the most I classify/);

        const huge = `data:image/png;base64,${Buffer.alloc(300_000).toString('base64')}`;
        const tooLarge = await postFromPage(bot.url, { id, type: 'message', attachments: [{ contentType: 'image/png', contentUrl: huge }] });
        assert.equal(tooLarge.status, 413);
        assert.match(((await tooLarge.json()) as { error: string }).error, /images up to 100000 bytes/);
      } finally {
        events.close();
      }
    });

    it('refuses what the page never sends: 400, and nothing runs', async () => {
      const id = randomUUID();
      const events = await openEvents(bot.url, id);
      try {
        const bad: Array<Record<string, unknown>> = [
          { type: 'message', text: 'help' },
          { id: 'short', type: 'message', text: 'help' },
          { id, type: 'event', text: 'help' },
          { id, type: 'message', text: 42 },
          { id, type: 'message', value: { verb: 'x' } },
          { id, type: 'message', attachments: [{ contentType: 'image/png', contentUrl: 'http://169.254.169.254/latest/meta-data' }] },
          { id, type: 'message', attachments: [{ contentType: 'text/html', contentUrl: 'data:text/html,<script>' }] },
          { id, type: 'invoke', action: { verb: 'command' } },
        ];
        for (const body of bad) assert.equal((await postFromPage(bot.url, body)).status, 400, JSON.stringify(body));
        assert.equal((await fetch(`${bot.url}/tryout/api/events?id=x`)).status, 400);
        // A good message after the bad ones: its answer is the stream's first event, so none of them was answered.
        assert.equal((await postFromPage(bot.url, { id, type: 'message', text: 'help' })).status, 200);
        const [first] = await events.waitFor(1);
        assert.match(shown(first), /What labmate can do/);
        assert.equal(events.events.length, 1);
      } finally {
        events.close();
      }
    });

    it("refuses another site's requests, and (on loopback) another host name: DNS rebinding", async () => {
      const id = randomUUID();
      const fromElsewhere = await postFromPage(bot.url, { id, type: 'message', text: 'help' }, { origin: 'https://evil.example' });
      assert.equal(fromElsewhere.status, 403);
      const { port } = new URL(bot.url);
      assert.equal(await statusOf(bot.url, '/', { host: `rebound.example:${port}` }), 403);
      assert.equal((await postFromPage(bot.url, { id, type: 'message', text: 'help' }, { origin: bot.url })).status, 200, 'the page itself is served');
    });
  });

  it('is off with an app identity, unless TRYOUT_PAGE=true', async () => {
    const identified = await startApp(APP_IDENTITY);
    try {
      assert.equal((await fetch(`${identified.url}/`)).status, 404);
      assert.equal((await postFromPage(identified.url, { id: randomUUID(), type: 'message', text: 'help' })).status, 404);
    } finally {
      await identified.stop();
    }
    const enabled = await startApp({ ...APP_IDENTITY, TRYOUT_PAGE: 'true' });
    try {
      assert.equal((await fetch(`${enabled.url}/`)).status, 200);
    } finally {
      await enabled.stop();
    }
  });
});

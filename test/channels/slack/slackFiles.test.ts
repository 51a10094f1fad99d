import { strict as assert } from 'node:assert';
import { createSlackFileDownloader } from '../../../channels/slack/slackFiles.js';
import { BOT_TOKEN, FakeSlack } from '../../support/slack.js';

describe('Slack file downloads (local server playing files.slack.com)', () => {
  let slack: FakeSlack;
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  before(async () => {
    slack = new FakeSlack();
    await slack.start();
    slack.files.set('/files-pri/T0001-F1/download/cat.png', { bytes: png, contentType: 'image/png' });
    slack.redirects.set('/files-pri/T0001-F2/download/moved.png', '/files-pri/T0001-F1/download/cat.png');
    slack.redirects.set('/files-pri/T0001-F3/download/away.png', 'http://elsewhere.example/steal');
  });
  after(() => slack.stop());
  beforeEach(() => (slack.calls.length = 0));
  const download = (token: string | undefined = BOT_TOKEN) => createSlackFileDownloader({ signingSecret: 's', botToken: token, apiUrl: slack.apiUrl });

  it('downloads with the bot token, following a redirect on Slack’s host with the token again', async () => {
    const file = await download()(`${slack.url}/files-pri/T0001-F2/download/moved.png`, 1024);
    assert.deepEqual(file, { bytes: png, contentType: 'image/png' });
    assert.deepEqual(slack.calls.map((call) => call.authorization), [`Bearer ${BOT_TOKEN}`, `Bearer ${BOT_TOKEN}`]);
  });

  it('never sends the token to another host, directly or through a redirect', async () => {
    await assert.rejects(download()('https://elsewhere.example/files-pri/x', 1024), /refusing to send the bot token to elsewhere\.example/);
    await assert.rejects(download()(`${slack.url}/files-pri/T0001-F3/download/away.png`, 1024), /refusing to send the bot token to elsewhere\.example/);
  });

  it('reports Slack’s sign-in page as not authorized, and refuses files over the limit', async () => {
    await assert.rejects(download('xoxp-wrong-kind')(`${slack.url}/files-pri/T0001-F1/download/cat.png`, 1024), { reason: 'not-authorized' });
    await assert.rejects(download()(`${slack.url}/files-pri/T0001-F1/download/cat.png`, 4), { reason: 'too-large' });
  });
});

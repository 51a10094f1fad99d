import { strict as assert } from 'node:assert';
import { createServer, type AddressInfo } from 'node:net';
import { downloadImage } from '../../../channels/attachments/downloadImage.js';
import { DownloadPolicy, hostMatches, originOf } from '../../../channels/attachments/downloadPolicy.js';
import { imageAttachments, type DownloadCredential, type ImageReference } from '../../../channels/attachments/imageAttachments.js';
import { slackFileCredential } from '../../../channels/slack/slackCredential.js';
import { sniffImageType } from '../../../channels/attachments/imageType.js';
import { FileHost } from '../../support/fileHost.js';
import { colourBmp, colourImage } from '../../support/imageFixtures.js';

const MB = 1024 * 1024;
const limits = { maxBytes: 4 * MB, timeoutMs: 5000, maxRedirects: 3 };

describe('attachment download rules', () => {
  describe('hosts, compared as origins', () => {
    it('matches host names on https only, dot-prefixed entries on subdomains only, origins exactly', () => {
      assert.ok(hostMatches('files.slack.com', new URL('https://files.slack.com/files-pri/T1/x.png')));
      assert.ok(!hostMatches('files.slack.com', new URL('http://files.slack.com/x.png')), 'not plain http');
      assert.ok(!hostMatches('files.slack.com', new URL('https://files.slack.com:8443/x.png')), 'not another port');
      assert.ok(!hostMatches('files.slack.com', new URL('https://files.slack.com.evil.example/x.png')));
      assert.ok(!hostMatches('files.slack.com', new URL('https://evil.example/files.slack.com/x.png')));
      assert.ok(hostMatches('.sharepoint.com', new URL('https://contoso-my.sharepoint.com/personal/a/download.aspx')));
      assert.ok(!hostMatches('.sharepoint.com', new URL('https://sharepoint.com.evil.example/')));
      assert.ok(!hostMatches('.sharepoint.com', new URL('https://evilsharepoint.com/')));
      assert.ok(hostMatches('http://127.0.0.1:4000', new URL('http://127.0.0.1:4000/a.png')));
      assert.ok(!hostMatches('http://127.0.0.1:4000', new URL('http://127.0.0.1:4001/a.png')));
    });

    it('refuses user info, other schemes and unknown hosts; allows the service host', () => {
      const policy = new DownloadPolicy({ serviceUrl: 'https://smba.trafficmanager.net/emea/', fileHosts: [] });
      assert.equal(policy.check('https://smba.trafficmanager.net/emea/v3/attachments/1/views/original').allowed, true);
      assert.equal(policy.check('https://user:pw@smba.trafficmanager.net/x').allowed, false);
      assert.equal(policy.check('file:///etc/passwd').allowed, false);
      assert.equal(policy.check('https://smba.trafficmanager.net.evil.example/x').allowed, false);
      assert.equal(policy.check('http://169.254.169.254/metadata').allowed, false);
    });
  });

  it('finds image attachments with a contentUrl, and gives each the channel\'s credential unless it is inline', () => {
    const credential: DownloadCredential = { token: async () => 'token', mayReceive: () => true };
    const references = imageAttachments(
      [
        { contentType: 'image/*', contentUrl: 'https://smba.trafficmanager.net/emea/v3/attachments/a/views/original' },
        { contentType: 'text/html', content: '<div><img src="https://smba.trafficmanager.net/emea/v3/attachments/a/views/original"></div>' },
        { contentType: 'image/png', contentUrl: 'data:image/png;base64,AAAA', name: 'pasted.png' },
        { contentType: 'application/pdf', contentUrl: 'https://smba.trafficmanager.net/emea/v3/attachments/b' },
      ],
      credential,
    );
    assert.deepEqual(
      references.map((reference) => [reference.name, reference.credential === credential]),
      [
        ['image 1', true],
        ['pasted.png', false],
      ],
    );
  });

  it('reads the type from the bytes', async () => {
    assert.equal(sniffImageType(await colourImage('red', 'jpeg')), 'jpeg');
    assert.equal(sniffImageType(await colourImage('red', 'png')), 'png');
    assert.equal(sniffImageType(await colourImage('red', 'webp')), 'webp');
    assert.equal(sniffImageType(await colourImage('red', 'gif')), 'gif');
    assert.equal(sniffImageType(colourBmp('red')), 'bmp');
    assert.equal(sniffImageType(Buffer.from('just some text, named cat.png')), undefined);
  });

  describe('against local file hosts', () => {
    let service: FileHost; // the conversation's service host (the Bot Connector)
    let slackFiles: FileHost; // a Slack file host
    let other: FileHost; // a host on no list
    let png: Buffer;
    const botToken = 'bot-framework-token';
    const slackToken = 'xoxb-slack-token';
    let tokenRequests: number;
    /** The bot's token, for the service host only (what botConnectorCredential gives a Bot Framework turn). */
    const botCredential = (): DownloadCredential => ({
      token: async () => {
        tokenRequests++;
        return botToken;
      },
      mayReceive: (url) => url.origin === originOf(`${service.origin}/`),
    });
    let policy: DownloadPolicy;
    const ref = (url: string, credential: DownloadCredential | undefined = botCredential()): ImageReference => ({ name: 'photo.png', url, credential });

    before(async () => {
      [service, slackFiles, other] = [new FileHost('127.0.0.1'), new FileHost('127.0.0.1'), new FileHost('127.0.0.2')];
      await Promise.all([service.start(), slackFiles.start(), other.start()]);
      png = await colourImage('green', 'png');
    });
    after(() => Promise.all([service.stop(), slackFiles.stop(), other.stop()]));
    beforeEach(() => {
      for (const host of [service, slackFiles, other]) host.files.reset();
      tokenRequests = 0;
      policy = new DownloadPolicy({ serviceUrl: `${service.origin}/`, fileHosts: [slackFiles.origin] });
    });

    it('sends the bot token to the service host, and reads the image', async () => {
      service.files.serve('/v3/attachments/1/views/original', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${service.origin}/v3/attachments/1/views/original`), policy, limits);
      assert.ok(result.ok);
      assert.equal(result.type, 'png');
      assert.deepEqual(result.bytes, png);
      assert.equal(service.requests[0].authorization, `Bearer ${botToken}`);
    });

    it('refuses a URL on another host without making any request', async () => {
      other.files.serve('/a.png', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${other.origin}/a.png`), policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'refused');
      assert.match(result.reason, /127\.0\.0\.2/);
      assert.equal(other.requests.length, 0);
      assert.equal(tokenRequests, 0, 'no token was even fetched');
    });

    it('does not follow a redirect to another host', async () => {
      service.files.serve('/v3/attachments/2/views/original', { redirectTo: `${other.origin}/a.png` });
      other.files.serve('/a.png', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${service.origin}/v3/attachments/2/views/original`), policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'refused');
      assert.match(result.reason, /redirect/);
      assert.equal(other.requests.length, 0);
    });

    it('follows a redirect to an allowed host without the token', async () => {
      const withFiles = new DownloadPolicy({ serviceUrl: `${service.origin}/`, fileHosts: [other.origin, slackFiles.origin] });
      service.files.serve('/v3/attachments/3/views/original', { redirectTo: `${other.origin}/a.png` });
      other.files.serve('/a.png', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${service.origin}/v3/attachments/3/views/original`), withFiles, limits);
      assert.ok(result.ok);
      assert.equal(service.requests[0].authorization, `Bearer ${botToken}`);
      assert.equal(other.requests[0].authorization, undefined, 'the token stays with its own host');
    });

    it('sends the Slack token only to the Slack file host, never the bot token', async () => {
      slackFiles.files.serve('/files-pri/T1-F1/download/leaf.png', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${slackFiles.origin}/files-pri/T1-F1/download/leaf.png`, slackFileCredential(slackToken, [slackFiles.origin])), policy, limits);
      assert.ok(result.ok);
      assert.equal(slackFiles.requests[0].authorization, `Bearer ${slackToken}`);
      assert.equal(tokenRequests, 0);
    });

    it('refuses a file on a host not on the list, with no request and no token', async () => {
      other.files.serve('/files-pri/T1-F1/download/leaf.png', { body: png, contentType: 'image/png' });
      const result = await downloadImage(ref(`${other.origin}/files-pri/T1-F1/download/leaf.png`, slackFileCredential(slackToken, [slackFiles.origin])), policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'refused');
      assert.equal(other.requests.length, 0);
    });

    it('sends no token with a Teams file download URL (it is pre-authorised)', async () => {
      const withFiles = new DownloadPolicy({ serviceUrl: `${service.origin}/`, fileHosts: [other.origin] });
      other.files.serve('/personal/ada/download.aspx', { body: png, contentType: 'application/octet-stream' });
      const result = await downloadImage(ref(`${other.origin}/personal/ada/download.aspx?tempauth=abc`, undefined), withFiles, limits);
      assert.ok(result.ok);
      assert.equal(other.requests[0].authorization, undefined);
      assert.equal(tokenRequests, 0);
    });

    it('refuses a 5 MB image sent without a length, counting while streaming', async () => {
      const big = Buffer.concat([png.subarray(0, 16), Buffer.alloc(5 * MB - 16, 7)]);
      service.files.serve('/big.png', { body: big, contentType: 'image/png', chunked: true });
      const result = await downloadImage(ref(`${service.origin}/big.png`), policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'too-large');
      assert.match(result.reason, /4 MB/);
    });

    it('hangs up on an endless image instead of reading it to the end', async () => {
      // 64 MB cannot sit in the loopback socket buffers: an unfinished response means the bot stopped reading.
      const huge = Buffer.concat([png.subarray(0, 16), Buffer.alloc(64 * MB - 16, 7)]);
      service.files.serve('/huge.png', { body: huge, contentType: 'image/png', chunked: true });
      const result = await downloadImage(ref(`${service.origin}/huge.png`), policy, limits);
      assert.ok(!result.ok && result.problem === 'too-large');
      await new Promise((resolve) => setTimeout(resolve, 100));
      assert.equal(service.requests[0].completed, false, 'the bot hung up before the whole file was sent');
    });

    it('gives up on a host that stops sending, after the timeout', async () => {
      service.files.serve('/stalled.png', { body: png, contentType: 'image/png', stall: true });
      const started = Date.now();
      const result = await downloadImage(ref(`${service.origin}/stalled.png`), policy, { ...limits, timeoutMs: 300 });
      assert.ok(!result.ok && result.problem === 'failed');
      assert.match(result.reason, /took longer than 0\.3 s/);
      assert.ok(Date.now() - started < 2000);
    });

    it('refuses a declared 5 MB image before reading its body', async () => {
      service.files.serve('/declared.png', { body: Buffer.alloc(5 * MB, 1), contentType: 'image/png' });
      const result = await downloadImage(ref(`${service.origin}/declared.png`), policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'too-large');
      assert.match(result.reason, /5 MB/);
    });

    it('fails a body that ends before its declared length instead of passing on a padded buffer', async () => {
      // A raw host: Node's own server would not send fewer bytes than it declared.
      const host = createServer((socket) => {
        socket.once('data', () => {
          socket.write(`HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: ${png.length + 1000}\r\n\r\n`);
          socket.end(png);
        });
      });
      await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
      try {
        const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
        const short = await downloadImage(ref(`${origin}/short.png`, undefined), new DownloadPolicy({ serviceUrl: `${origin}/`, fileHosts: [] }), limits);
        assert.ok(!short.ok);
        assert.equal(short.problem, 'failed');
      } finally {
        await new Promise((resolve) => host.close(resolve));
      }
    });

    it('refuses a text file named .png and served as image/png', async () => {
      service.files.serve('/cat.png', { body: Buffer.from('this is not an image at all, just text'), contentType: 'image/png' });
      const result = await downloadImage({ name: 'cat.png', url: `${service.origin}/cat.png`, credential: botCredential() }, policy, limits);
      assert.ok(!result.ok);
      assert.equal(result.problem, 'not-an-image');
    });

    it('decodes an inline data: URL without any request, under the same size and type rules', async () => {
      const inline = (bytes: Buffer): ImageReference => ({ name: 'pasted', url: `data:image/png;base64,${bytes.toString('base64')}` });
      const ok = await downloadImage(inline(png), policy, limits);
      assert.ok(ok.ok);
      const text = await downloadImage(inline(Buffer.from('hello')), policy, limits);
      assert.ok(!text.ok && text.problem === 'not-an-image');
      const big = await downloadImage(inline(Buffer.alloc(5 * MB)), policy, limits);
      assert.ok(!big.ok && big.problem === 'too-large');
    });
  });
});

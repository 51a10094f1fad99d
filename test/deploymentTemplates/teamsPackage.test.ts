import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { defineCommand } from '../../dialogs/Command.js';
import { COMMANDS } from '../../dialogs/index.js';
import { buildTeamsPackage } from '../../scripts/teamsPackage.js';
import {
  buildManifest,
  commandsForManifest,
  MANIFEST_SCHEMA_PATH,
  MANIFEST_TEMPLATE_PATH,
  normalizeDomain,
  validateManifest,
  type TeamsManifest,
} from '../../scripts/teamsManifest.js';

const BOT_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';
const DOMAIN = 'labmate-test.azurewebsites.net';

function unzip(zip: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (openError, archive) => {
      if (openError) return reject(openError);
      const entries = new Map<string, Buffer>();
      archive.on('error', reject);
      archive.on('end', () => resolve(entries));
      archive.on('entry', (entry: yauzl.Entry) => {
        archive.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            archive.readEntry();
          });
        });
      });
      archive.readEntry();
    });
  });
}

const template = JSON.parse(readFileSync(MANIFEST_TEMPLATE_PATH, 'utf8')) as TeamsManifest;
const expectedCommands = COMMANDS.filter((command) => command.menu).map((command) => ({ title: command.name, description: command.description.replaceAll('`', '') }));

describe('deploymentTemplates/teams', () => {
  describe('manifest', () => {
    it('keeps the schema it declares, offline', () => {
      const schema = JSON.parse(readFileSync(MANIFEST_SCHEMA_PATH, 'utf8')) as { $schema: string; properties: { manifestVersion: { const?: string } } };
      assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
      assert.equal(schema.properties.manifestVersion.const, template.manifestVersion);
      assert.equal(template.$schema, `https://developer.microsoft.com/en-us/json-schemas/teams/v${String(template.manifestVersion)}/MicrosoftTeams.schema.json`);
    });

    it('validates against the Teams manifest schema once filled in', () => {
      const manifest = buildManifest({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.2.3' });
      assert.deepEqual(validateManifest(manifest), []);
    });

    it('is checked for real: the schema rejects a bot id that is no GUID and an unknown property', () => {
      const manifest = buildManifest({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.2.3' });
      const broken = structuredClone(manifest);
      broken.bots[0].botId = '{{BOT_ID}}';
      broken.colour = 'blue';
      const paths = validateManifest(broken).map((problem) => problem.path);
      assert.ok(paths.includes('/bots/0/botId'), paths.join(', '));
      assert.ok(paths.includes('/'), paths.join(', '));
    });

    it('lists the commands marked for the menu, names and descriptions, in the template and in the package', () => {
      assert.deepEqual(template.bots[0].commandLists?.[0].commands, [], 'the template leaves the list to the command table');
      const manifest = buildManifest({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.2.3' });
      assert.deepEqual(manifest.bots[0].commandLists?.[0].commands, expectedCommands);
      assert.deepEqual(commandsForManifest(), expectedCommands);
    });

    it('lists a command only when its row asks for the menu, its description as plain text, and refuses more than a Teams command list holds', () => {
      const row = (name: string, menu: boolean, description = 'd') => defineCommand({ name, description, topic: 'text', menu, parse: String, handle: async () => undefined });
      assert.deepEqual(
        expectedCommands.map((command) => command.title),
        ['help', 'analyze', 'sentiment', 'entities', 'keyphrases', 'language', 'pii', 'translate', 'vm', 'classify'],
        'label, train and publish stay off the menu',
      );
      assert.deepEqual(commandsForManifest([...COMMANDS, row('test:summarize', false)]), expectedCommands, 'an eleventh command off the menu changes nothing');
      assert.deepEqual(commandsForManifest([row('stats', true, 'Counts per tag; `stats off` hides them.')]), [{ title: 'stats', description: 'Counts per tag; stats off hides them.' }], 'the chat\'s backticks left out');
      assert.ok(expectedCommands.length <= 10, `the table puts ${expectedCommands.length} commands on the menu`);
      const many = Array.from({ length: 11 }, (_, index) => row(`c${index}`, true));
      assert.throws(() => commandsForManifest(many), /at most 10 commands/);
    });

    it('offers the bot in personal, team and group chats, with files', () => {
      const bot = template.bots[0] as unknown as { scopes: string[]; supportsFiles: boolean };
      assert.deepEqual([...bot.scopes].sort(), ['groupChat', 'personal', 'team']);
      assert.equal(bot.supportsFiles, true);
    });

    it('fills the bot id, the app id and the domain', () => {
      const manifest = buildManifest({ botId: BOT_ID, botDomain: `https://${DOMAIN}/`, appVersion: '2.0.0' });
      assert.equal(manifest.bots[0].botId, BOT_ID);
      assert.equal(manifest.id, BOT_ID);
      assert.equal(manifest.version, '2.0.0');
      assert.deepEqual(manifest.validDomains, [DOMAIN]);
      assert.ok(!JSON.stringify(manifest).includes('{{'));
      const other = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
      assert.equal(buildManifest({ botId: BOT_ID, teamsAppId: other, botDomain: DOMAIN, appVersion: '1.0.0' }).id, other);
    });

    it('refuses a bot id that is no GUID and a domain that is no host name', () => {
      assert.throws(() => buildManifest({ botId: 'not-a-guid', botDomain: DOMAIN, appVersion: '1.0.0' }), /GUID/);
      assert.throws(() => normalizeDomain('https://'), /host name/);
      assert.throws(() => normalizeDomain('bad host.example.com'), /host name/);
      assert.equal(normalizeDomain('HTTPS://Labmate.Example.com/api/messages'), 'labmate.example.com');
    });
  });

  describe('npm run teams:package', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'labmate-teams-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes a zip with manifest.json, color.png and outline.png at its root, the bot id filled in', async () => {
      const out = join(dir, 'labmate.zip');
      const result = await buildTeamsPackage({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.0.0', out });
      assert.equal(result.path, out);
      const entries = await unzip(readFileSync(out));
      assert.deepEqual([...entries.keys()].sort(), ['color.png', 'manifest.json', 'outline.png']);
      const manifest = JSON.parse(entries.get('manifest.json')!.toString('utf8')) as TeamsManifest;
      assert.equal(manifest.bots[0].botId, BOT_ID);
      assert.deepEqual(manifest.validDomains, [DOMAIN]);
      assert.deepEqual(validateManifest(manifest), []);
      const teamsDir = join(MANIFEST_TEMPLATE_PATH, '..');
      assert.ok(entries.get('color.png')!.equals(readFileSync(join(teamsDir, 'color.png'))));
      assert.ok(entries.get('outline.png')!.equals(readFileSync(join(teamsDir, 'outline.png'))));
    });

    it('gives the same bytes for the same inputs', async () => {
      const first = await buildTeamsPackage({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.0.0', out: join(dir, 'a.zip') });
      const second = await buildTeamsPackage({ botId: BOT_ID, botDomain: DOMAIN, appVersion: '1.0.0', out: join(dir, 'b.zip') });
      assert.ok(readFileSync(first.path).equals(readFileSync(second.path)));
    });

    it('writes nothing when the bot id is missing or wrong', async () => {
      await assert.rejects(buildTeamsPackage({ botId: '', botDomain: DOMAIN, appVersion: '1.0.0', out: join(dir, 'none.zip') }), /GUID/);
    });
  });
});

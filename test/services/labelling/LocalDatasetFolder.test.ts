import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvRow } from '../../../services/labelling/labelsCsv.js';
import { folderNameOf, LocalDatasetFolder } from '../../../services/labelling/LocalDatasetFolder.js';

describe('LocalDatasetFolder', () => {
  const dir = () => join(mkdtempSync(join(tmpdir(), 'labmate-dataset-')), 'labels');

  it('maps every tag name to one folder inside the dataset, and back', async () => {
    assert.equal(folderNameOf('crack'), 'crack');
    assert.equal(folderNameOf('hairline crack'), 'hairline crack');
    assert.equal(folderNameOf('../x'), '%2E.%2Fx');
    assert.equal(folderNameOf('-rf'), '%2Drf');
    assert.equal(folderNameOf('=1+1'), '%3D1+1');
    assert.equal(folderNameOf('a\\b:c*d?e"f<g>h|i%j'), 'a%5Cb%3Ac%2Ad%3Fe%22f%3Cg%3Eh%7Ci%25j');
    const dataset = await LocalDatasetFolder.open(dir());
    for (const name of ['..', '.hidden', 'a/b', '50%', 'grün', '=SUM(A1)']) await dataset.createTag(name);
    assert.deepEqual((await dataset.tags()).map((tag) => tag.name).sort(), ['.hidden', '..', '50%', 'a/b', 'grün', '=SUM(A1)'].sort());
  });

  it('stores an image once per content, whatever tag a second label names', async () => {
    const root = dir();
    const dataset = await LocalDatasetFolder.open(root);
    const crack = await dataset.createTag('crack');
    const dent = await dataset.createTag('dent');
    const bytes = Buffer.from('not really a png, but bytes');
    assert.deepEqual(await dataset.addImage(bytes, 'png', crack, { key: 'slack/U1', name: 'Ada' }), { kind: 'added' });
    assert.deepEqual(await dataset.addImage(bytes, 'png', dent, { key: 'slack/U2', name: 'Bob' }), { kind: 'duplicate', tags: ['crack'] });
    assert.deepEqual(readdirSync(join(root, 'dent')), []);
    assert.deepEqual((await dataset.tags()).map((tag) => [tag.name, tag.imageCount]), [['crack', 1], ['dent', 0]]);
  });

  it('writes names from a chat as text a spreadsheet will not run, quoted as RFC 4180 has it', async () => {
    assert.equal(csvRow(['a', 'b,c', 'say "hi"', '=HYPERLINK("http://x")', '-1', '@me', 'multi\nline']), 'a,"b,c","say ""hi""","\'=HYPERLINK(""http://x"")",\'-1,\'@me,"multi\nline"\r\n');
    const root = dir();
    const dataset = await LocalDatasetFolder.open(root);
    await dataset.addImage(Buffer.from('x'), 'jpeg', await dataset.createTag('ok'), { key: 'msteams/aad', name: '=cmd|calc' });
    const [, line] = readFileSync(join(root, 'labels.csv'), 'utf8').split('\r\n');
    assert.match(line, /^ok\/[0-9a-f]{64}\.jpg,ok,'=cmd\|calc,msteams\/aad,/);
  });

  it('refuses a folder it cannot make, when the bot starts', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'labmate-dataset-'));
    writeFileSync(join(parent, 'a-file'), 'not a folder');
    await assert.rejects(LocalDatasetFolder.open(join(parent, 'a-file', 'labels')), /LABEL_DATA_DIR: cannot write to/);
  });
});

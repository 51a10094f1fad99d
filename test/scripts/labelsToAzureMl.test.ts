import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSONL_FILE, writeAzureMlFiles } from '../../scripts/labelsToAzureMl.js';
import { parseCsv } from '../../services/labelling/labelsCsv.js';
import { LocalDatasetFolder } from '../../services/labelling/LocalDatasetFolder.js';

describe('npm run labels:azureml (the offline dataset as an Azure ML AutoML image dataset)', () => {
  it('writes one JSONL line per labelled image, labelled with its tag exactly, and the MLTable reading it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'labmate-azureml-')), 'labels');
    const dataset = await LocalDatasetFolder.open(dir);
    const who = { key: 'slack/U1', name: 'Ada, "the first"' };
    await dataset.addImage(Buffer.from('one'), 'jpeg', await dataset.createTag('hairline crack'), who);
    await dataset.addImage(Buffer.from('two'), 'png', await dataset.createTag('=sum/2'), who);
    const base = 'azureml://subscriptions/s/resourcegroups/rg/workspaces/ws/datastores/workspaceblobstore/paths/labmate-labels/';

    assert.deepEqual(writeAzureMlFiles(dir, base).images, 2);
    const lines = readFileSync(join(dir, 'azureml', JSONL_FILE), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(lines.map((line) => line.label), ['hairline crack', '=sum/2'], 'from the folder name, not the spreadsheet-safe CSV cell');
    assert.match(String(lines[0].image_url), /^azureml:\/\/subscriptions\/s\/.*\/paths\/labmate-labels\/hairline%20crack\/[0-9a-f]{64}\.jpg$/);
    assert.match(String(lines[1].image_url), /\/labmate-labels\/%253Dsum%252F2\/[0-9a-f]{64}\.png$/, 'the folder %3Dsum%2F2, as a URL');
    assert.deepEqual(lines[1].image_details, { format: 'png' });
    assert.match(readFileSync(join(dir, 'azureml', 'MLTable'), 'utf8'), /file: \.\/train_annotations\.jsonl[\s\S]*columns: image_url\n {8}column_type: stream_info/);
  });

  it('reads back what the dataset writes, quotes and line breaks included', () => {
    assert.deepEqual(parseCsv('a,"b,c","say ""hi""","multi\r\nline"\r\nx,y\r\n'), [['a', 'b,c', 'say "hi"', 'multi\r\nline'], ['x', 'y']]);
  });
});

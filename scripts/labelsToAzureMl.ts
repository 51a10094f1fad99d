/**
 * Turns the offline dataset (LABEL_DATA_DIR) into what Azure ML's AutoML for images reads: a JSONL file of
 * `{"image_url", "image_details": {"format"}, "label"}` lines and the MLTable next to it (the schema of
 * learn.microsoft.com/azure/machine-learning/reference-automl-images-schema).
 *
 *   npm run labels:azureml -- --dir <LABEL_DATA_DIR> --url azureml://subscriptions/<sub>/resourcegroups/<rg>/workspaces/<ws>/datastores/<store>/paths/<folder>
 *
 * `--url` is where the dataset folder itself is uploaded (README, "Labelling images"). Writes <dir>/azureml/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv } from '../services/labelling/labelsCsv.js';
import { LABELS_CSV } from '../services/labelling/LocalDatasetFolder.js';

export const JSONL_FILE = 'train_annotations.jsonl';

/** One JSONL line per labelled image; the label is read from the image's folder, which names its tag exactly. */
function annotationLines(csv: string, baseUrl: string): string[] {
  const [header, ...rows] = parseCsv(csv).filter((row) => row.length > 1);
  const image = header?.indexOf('image') ?? -1;
  if (image < 0) throw new Error(`${LABELS_CSV} has no "image" column`);
  const base = baseUrl.replace(/\/+$/, '');
  return rows.map((row) => {
    const path = row[image];
    const [folder, file] = path.split('/');
    const format = file.slice(file.lastIndexOf('.') + 1);
    return JSON.stringify({ image_url: `${base}/${path.split('/').map(encodeURIComponent).join('/')}`, image_details: { format }, label: decodeURIComponent(folder) });
  });
}

/** The MLTable that reads the JSONL, its image_url column as files (Azure ML's own example). */
function mlTable(jsonlFile: string): string {
  return [
    'paths:',
    `  - file: ./${jsonlFile}`,
    'transformations:',
    '  - read_json_lines:',
    '        encoding: utf8',
    '        invalid_lines: error',
    '        include_path_column: false',
    '  - convert_column_types:',
    '      - columns: image_url',
    '        column_type: stream_info',
    '',
  ].join('\n');
}

export function writeAzureMlFiles(dir: string, baseUrl: string): { folder: string; images: number } {
  const lines = annotationLines(readFileSync(join(dir, LABELS_CSV), 'utf8'), baseUrl);
  const folder = join(dir, 'azureml');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, JSONL_FILE), lines.map((line) => `${line}\n`).join(''));
  writeFileSync(join(folder, 'MLTable'), mlTable(JSONL_FILE));
  return { folder, images: lines.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({ options: { dir: { type: 'string' }, url: { type: 'string' } } });
  if (!values.dir || !values.url?.startsWith('azureml://')) {
    console.error('usage: npm run labels:azureml -- --dir <LABEL_DATA_DIR> --url azureml://…/datastores/<store>/paths/<folder>');
    process.exit(2);
  }
  const { folder, images } = writeAzureMlFiles(values.dir, values.url);
  console.log(`${images} labelled images: ${join(folder, JSONL_FILE)} and ${join(folder, 'MLTable')}`);
}

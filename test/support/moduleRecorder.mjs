// Preloaded (`node --import`) by loadedModules.ts: records every module file the process loads. ES modules are
// seen by a loader hook (moduleRecorderHooks.mjs, which appends each URL to LABMATE_LOADED_MODULES); CommonJS
// modules required by CommonJS are in the require cache. On SIGUSR2, or at exit, both are written to
// `<file>.snapshot` as one JSON array of paths.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const file = process.env.LABMATE_LOADED_MODULES;
if (!file) throw new Error('LABMATE_LOADED_MODULES names the file to record loaded modules in');
writeFileSync(file, '');
register('./moduleRecorderHooks.mjs', import.meta.url, { data: { file } });

const cache = createRequire(import.meta.url).cache;
let written = false;
function snapshot() {
  if (written) return;
  written = true;
  const esm = readFileSync(file, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file:'))
    .map((url) => fileURLToPath(url));
  const paths = [...new Set([...esm, ...Object.keys(cache)])];
  // Written whole, then renamed: the reader never sees half a list.
  writeFileSync(`${file}.partial`, JSON.stringify(paths));
  renameSync(`${file}.partial`, `${file}.snapshot`);
}
process.on('SIGUSR2', snapshot);
process.on('exit', snapshot);

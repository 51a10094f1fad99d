// The loader hook of moduleRecorder.mjs: runs on Node's hooks thread, and appends each module's URL before the
// module loads, so that the list is complete for everything the process has evaluated.
import { appendFileSync } from 'node:fs';

let file = '';

export function initialize(data) {
  file = data.file;
}

export async function load(url, context, nextLoad) {
  appendFileSync(file, `${url}\n`);
  return nextLoad(url, context);
}

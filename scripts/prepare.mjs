// npm's `prepare`: builds dist/ with TypeScript where it is installed (a development install). A production
// install (`npm ci --omit=dev`) has no TypeScript: it runs the dist/ that was built before, and says so when
// there is none, instead of failing inside tsc.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import process from 'node:process';
import { URL } from 'node:url';

const require = createRequire(import.meta.url);
let tsc;
try {
  tsc = require.resolve('typescript/bin/tsc');
} catch {
  if (existsSync(new URL('../dist/index.js', import.meta.url))) process.exit(0);
  process.stderr.write('labmate: no dist/ to run and no TypeScript to build it: run `npm install` (with dev dependencies), or build before `npm ci --omit=dev`.\n');
  process.exit(1);
}
const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
process.exit(build.status ?? 1);

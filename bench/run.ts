import { execFileSync } from 'node:child_process';
import { benchImages } from './images.js';
import { benchMessages } from './messages.js';
import { benchSlack } from './slack.js';
import { benchMemory } from './memory.js';
import { benchStartup } from './startup.js';
import { benchState } from './state.js';
import { benchTranslation } from './translation.js';
import { benchVms } from './vms.js';
import { benchTelemetry } from './telemetry.js';

/**
 * `npm run bench`: every figure is printed next to a baseline measured in the same run (these machines are
 * noisy, so only ratios compare across runs). Name sections to run only those: `npm run bench -- messages`.
 */
const SECTIONS: Record<string, () => Promise<void>> = {
  messages: benchMessages,
  translation: benchTranslation,
  vms: benchVms,
  images: benchImages,
  slack: benchSlack,
  state: benchState,
  memory: benchMemory,
  telemetry: benchTelemetry,
  startup: async () => {
    // The build `npm start` runs: what `npm install` made, brought up to date with the source.
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
    await benchStartup();
  },
};

const chosen = process.argv.slice(2);
for (const [name, run] of Object.entries(SECTIONS)) {
  if (chosen.length === 0 || chosen.includes(name)) await run();
}

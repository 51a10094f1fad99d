import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ms, npmStartCommand, procStatusMiB, report } from './harness.js';

const PORT = 39781;
/** Each figure is the median of this many starts, taken in turns (this machine is shared and noisy). */
const ROUNDS = 7;
/** Local backends, no image model: what a fresh clone runs. */
const LOCAL_ENV = { PORT: String(PORT), HOST: '127.0.0.1', IMAGE_MODEL_DIR: '', TEXT_ANALYTICS_ENDPOINT: '', TRANSLATOR_KEY: '', CUSTOM_VISION_PREDICTION_ENDPOINT: '' };

/**
 * Start-up of the built bot on local backends, as the README starts it (`npm start`) and directly
 * (`node dist/index.js`): time from process start to /readyz 200, against the time a bare node takes to import
 * botbuilder and restify (what any bot on this stack pays); and its idle RSS.
 */
export async function benchStartup(): Promise<void> {
  const direct: number[] = [];
  const viaNpm: number[] = [];
  const imports: number[] = [];
  const npmOwn: number[] = [];
  // npm's own cost, whatever the project: `npm start` of a script that does nothing, over that script.
  const empty = mkdtempSync(join(tmpdir(), 'labmate-bench-npm-'));
  writeFileSync(join(empty, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', scripts: { start: 'node -e 0' } }));
  try {
    for (let round = 0; round < ROUNDS; round++) {
      direct.push(await timeToReady([process.execPath, 'dist/index.js']));
      viaNpm.push(await timeToReady(['npm', 'start']));
      imports.push(await timeToExit([process.execPath, '--input-type=module', '-e', "await import('botbuilder'); await import('restify');"]));
      npmOwn.push((await timeToExit(['npm', 'start'], empty)) - (await timeToExit([process.execPath, '-e', '0'], empty)));
    }
  } finally {
    rmSync(empty, { recursive: true, force: true });
  }
  const [node, npm, baseline, npmAlone] = [median(direct), median(viaNpm), median(imports), median(npmOwn)];
  const rss = await idleRss();
  report(`Start-up (local backends, no image model; medians of ${ROUNDS})`, [
    ['node dist/index.js -> /readyz 200', ms(node)],
    ['npm start -> /readyz 200', `${ms(npm)} (${(npm / node).toFixed(2)}x node dist/index.js, +${ms(npm - node)}; target <= 1.2x)`],
    ["npm's own start (an empty project's npm start)", `+${ms(npmAlone)}: what npm start adds to any node program`],
    ['bare node importing botbuilder + restify', `${ms(baseline)} (start-up = ${(node / baseline).toFixed(2)}x that; target <= 1.5x)`],
    ['idle RSS 2 s after ready', `${rss.toFixed(0)} MiB (target <= 150 MiB)`],
  ]);
}

async function timeToReady(command: string[]): Promise<number> {
  const started = performance.now();
  const child = start(command);
  try {
    await waitForReady(started);
    return performance.now() - started;
  } finally {
    await stop(child);
  }
}

async function idleRss(): Promise<number> {
  const started = performance.now();
  // As `npm start` runs node (its variables and flags), without npm itself.
  const { env, nodeArgs } = npmStartCommand();
  const child = start([process.execPath, ...nodeArgs], env);
  try {
    await waitForReady(started);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return procStatusMiB(child.pid!, 'VmRSS');
  } finally {
    await stop(child);
  }
}

/**
 * As typed in a terminal: without the npm_* variables of the `npm run bench` that runs this (a nested npm reads them
 * as its configuration). In its own process group, so that `npm start` and the node it runs stop together.
 */
function start([command, ...args]: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(command, args, { env: { ...terminalEnv(), ...env, ...LOCAL_ENV }, stdio: 'ignore', detached: true });
}

function terminalEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  process.kill(-child.pid, 'SIGTERM');
  await exited;
}

async function waitForReady(started: number): Promise<void> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/readyz`);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('the bot did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function timeToExit([command, ...args]: string[], cwd?: string): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: terminalEnv(), stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

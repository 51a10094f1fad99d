import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const RECORDER = join(import.meta.dirname, 'moduleRecorder.mjs');
/** Resolved here: the process runs from a folder of its own. */
const TSX = import.meta.resolve('tsx/esm');

/**
 * Every module file (ES module or CommonJS; not Node's built-ins) a node process loads, recorded by
 * moduleRecorder.mjs. The process runs with tsx's ES module hooks, as the tests do, from an empty folder (no `.env`
 * is read; packages are named by URL, see importing) and with only the environment given (nothing of the
 * developer's own settings).
 */
export async function modulesLoadedBy(args: string[], options: { env?: Record<string, string>; untilReady?: boolean; timeoutMs?: number } = {}): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'labmate-modules-'));
  const file = join(folder, 'loaded');
  const child = spawn(process.execPath, ['--import', TSX, '--import', RECORDER, ...args], {
    cwd: folder,
    env: { PATH: process.env.PATH ?? '', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'), LABMATE_LOADED_MODULES: file, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  const fail = (why: string) => new Error(`${why}:\n${output.slice(-4000)}`);
  try {
    if (options.untilReady) {
      await waitForReady(child, () => output, deadline, fail);
      child.kill('SIGUSR2');
    } else {
      const [code] = (await once(child, 'exit')) as [number | null];
      if (code !== 0) throw fail(`exited with ${code}`);
    }
    while (!existsSync(`${file}.snapshot`)) {
      if (Date.now() > deadline) throw fail('no list of loaded modules');
      await sleep(20);
    }
    return JSON.parse(readFileSync(`${file}.snapshot`, 'utf8')) as string[];
  } finally {
    await stop(child);
    rmSync(folder, { recursive: true, force: true });
  }
}

/** A script for `node -e` that imports these packages as labmate does (resolved from here). */
export function importing(packages: string[]): string[] {
  return ['--input-type=module', '-e', packages.map((name) => `await import(${JSON.stringify(import.meta.resolve(name))});`).join(' ')];
}

/** The npm packages of `files` (the innermost `node_modules/<name>` of each), with one of their files each. */
export function packagesOf(files: Iterable<string>): Map<string, string> {
  const packages = new Map<string, string>();
  for (const path of files) {
    const name = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
    if (name && !packages.has(name)) packages.set(name, path);
  }
  return packages;
}

/** Waits for `labmate listening` in its JSON log, then for /readyz 200. */
async function waitForReady(child: ChildProcess, output: () => string, deadline: number, fail: (why: string) => Error): Promise<void> {
  let origin: string | undefined;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw fail('labmate exited before it was ready');
    if (Date.now() > deadline) throw fail('labmate was not ready in time');
    origin ??= /"message":"labmate listening","url":"(http:\/\/[^/"]+)\//.exec(output())?.[1];
    if (origin && (await fetch(`${origin}/readyz`)).status === 200) return;
    await sleep(20);
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  // The list is taken: nothing to shut down gracefully (and a configured backend may be retrying its sign-in).
  child.kill('SIGKILL');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

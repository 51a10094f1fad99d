import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { ms, report } from './harness.js';

const PORT = 39781;

/** Time from process start to /readyz 200 for the built bot on local backends, and its idle RSS. */
export async function benchStartup(): Promise<void> {
  const started = performance.now();
  const child = spawn(process.execPath, ['dist/index.js'], {
    env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    const readyAfter = await waitForReady(started);
    const nodeBaseline = await timeNodeStart();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1]);
    report('Start-up (node dist/index.js, local backends)', [
      ['process start -> /readyz 200', ms(readyAfter)],
      ['bare `node -e 0` for comparison', `${ms(nodeBaseline)} (start-up = ${(readyAfter / nodeBaseline).toFixed(1)}x bare node)`],
      ['idle RSS after ready', `${(rssKb / 1024).toFixed(0)} MiB`],
    ]);
  } finally {
    child.kill('SIGTERM');
  }
}

async function waitForReady(started: number): Promise<number> {
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${PORT}/readyz`);
      if (response.status === 200) return performance.now() - started;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('the bot did not become ready within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function timeNodeStart(): Promise<number> {
  const started = performance.now();
  await new Promise((resolve) => spawn(process.execPath, ['-e', '0']).on('exit', resolve));
  return performance.now() - started;
}

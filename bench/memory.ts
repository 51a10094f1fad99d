import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createJsonLogger } from '../logging/logger.js';
import { MemoryStateStore } from '../state/MemoryStateStore.js';
import { FakeConnector } from '../test/support/connector.js';
import { emulatorMessage, type TestActivity } from '../test/support/activities.js';
import { colourImage, tinyModel } from '../test/support/imageFixtures.js';
import { measureLoad, npmStartCommand, postActivity, procStatusMiB, report } from './harness.js';

const CONVERSATIONS = 10_000;
/** Past every expiry of a one-message conversation's records (its activity id is kept 10 minutes, app.ts). */
const LATER = 60 * 60 * 1000 + 2 * 60_000;

/**
 * Heap kept by 10,000 one-message conversations: after them (their activity ids are kept against redelivery),
 * and once those records have expired. The baseline is the heap after a warm-up in the same run.
 */
export async function benchMemory(): Promise<void> {
  await benchRss();
  await benchConversations();
}

/** What a person does first: help, one analysis of each kind, one translation, one image. */
const FIRST_USE = ['help', 'analyze I loved the new GPU, but the driver install was painful', 'sentiment what a great day', 'entities Ada met Grace in Seattle on Monday', 'keyphrases the training cluster needs new drivers', 'language bonjour tout le monde', 'pii call me at 555-0100 or mail ada@example.com', 'translate spanish the model is ready'];

/**
 * RSS of the built bot as `npm start` runs it (local backends, the tiny test ONNX model as its image model), as the
 * kernel counts it: idle (ready, translation warmed up), then after a first use of everything (the analyzer worker
 * and its models, Apertium, onnxruntime and sharp loaded). Peak is VmHWM. One process, so one run's figures are
 * noisy by a few MiB.
 */
async function benchRss(): Promise<void> {
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  const connector = new FakeConnector({ keepCalls: true });
  await connector.start();
  const { env: startEnv, nodeArgs, text: startCommand } = npmStartCommand();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    ...startEnv,
    HOST: '127.0.0.1',
    PORT: '0',
    IMAGE_MODEL_DIR: tinyModel({ size: 224, body: 'mobilenet' }),
  };
  const child = spawn(process.execPath, nodeArgs, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const status = (field: 'VmRSS' | 'VmHWM') => procStatusMiB(child.pid!, field);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 3000));
  try {
    const url = await waitFor(() => /"message":"labmate listening","url":"(http:\/\/[^"]+)\/api\/messages"/.exec(output)?.[1], child);
    await waitFor(() => /translation warmed up|could not warm/.test(output) || undefined, child);
    await settle();
    const idle = status('VmRSS');
    const conversationId = `rss-${randomUUID()}`;
    const say = async (activity: TestActivity) => {
      const count = connector.messagesTo(conversationId).length;
      await postActivity(`${url}/api/messages`, activity);
      await connector.waitForMessages(conversationId, count + 1, 30_000);
    };
    for (const text of FIRST_USE) await say(emulatorMessage({ serviceUrl: connector.url, conversationId, text }));
    connector.files.serve('/v3/attachments/red/views/original', { body: await colourImage('red', 'jpeg'), contentType: 'image/jpeg' });
    await say({ ...emulatorMessage({ serviceUrl: connector.url, conversationId, text: '' }), attachments: [{ contentType: 'image/jpeg', name: 'red.jpg', contentUrl: `${connector.url}v3/attachments/red/views/original` }] });
    await settle();
    const afterUse = status('VmRSS');
    const where = residentByMapping(child.pid!);
    report(`RSS of the built bot (${startCommand}, local backends, MobileNetV2-class ONNX image model, the size of a Custom Vision compact export)`, [
      ['idle (ready, translation warmed up, 3 s later)', `${idle.toFixed(0)} MiB`],
      ['after use (help, each analysis, a translation, an image; 3 s later)', `${afterUse.toFixed(0)} MiB (target <= 150 MiB)`],
      ['peak (VmHWM)', `${status('VmHWM').toFixed(0)} MiB`],
      ['after use, where (smaps)', where.map(([mapping, mib]) => `${mapping} ${mib.toFixed(0)}`).join(', ') + ' MiB'],
    ]);
  } finally {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    await connector.stop();
  }
}

/**
 * The process's resident memory by what is mapped: the node binary's pages (code and ICU data), onnxruntime's and
 * libvips' libraries, malloc's heap (native allocations: the model's tensors among them), and anonymous memory (V8's
 * heaps of the main thread and the analyzer worker, thread stacks, other threads' malloc arenas). Largest first.
 */
function residentByMapping(pid: number): Array<[string, number]> {
  const kinds: Array<[string, (path: string) => boolean]> = [
    ['node binary', (path) => /\/node$/.test(path)],
    ['onnxruntime', (path) => path.includes('onnxruntime')],
    ['libvips/sharp', (path) => path.includes('/@img/')],
    ['malloc heap', (path) => path === '[heap]'],
    ['anonymous', (path) => path === '' || path.startsWith('[anon')],
  ];
  const totals = new Map<string, number>();
  let kind = 'other';
  for (const row of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(row);
    if (mapping) kind = kinds.find(([, matches]) => matches(mapping[1]))?.[0] ?? 'other';
    const resident = /^Rss:\s+(\d+) kB/.exec(row);
    if (resident) totals.set(kind, (totals.get(kind) ?? 0) + Number(resident[1]) / 1024);
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function waitFor<T>(found: () => T | undefined, child: ChildProcess): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = found();
    if (value !== undefined) return value;
    if (child.exitCode !== null) throw new Error('the bot exited');
    if (Date.now() > deadline) throw new Error('the bot did not get there within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function benchConversations(): Promise<void> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const heap = async () => {
    for (let round = 0; round < 3; round++) {
      gc();
      await new Promise((resolve) => setImmediate(resolve));
    }
    return process.memoryUsage().heapUsed;
  };

  let clock = Date.now();
  const store = new MemoryStateStore(undefined, () => clock);
  const connector = new FakeConnector({ keepCalls: false });
  await connector.start();
  const app = createApp(loadConfig({ HOST: '127.0.0.1', PORT: '0' }), { logger: createJsonLogger(() => undefined), stateStore: store });
  const { port } = await app.listen();
  await app.ready;
  const url = `http://127.0.0.1:${port}/api/messages`;
  const conversations = (total: number) =>
    measureLoad({
      total,
      concurrency: 20,
      send: async () => {
        const activity = emulatorMessage({ serviceUrl: connector.url, text: 'hello', id: randomUUID() });
        await postActivity(url, activity);
      },
    });

  await conversations(2_000);
  clock += LATER;
  await conversations(1);
  const baseline = await heap();
  const recordsBefore = store.size;
  await conversations(CONVERSATIONS);
  const within = await heap();
  const recordsWithin = store.size - recordsBefore;
  clock += LATER;
  await conversations(1);
  const after = await heap();
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  const perConversation = (bytes: number) => `${Math.round(bytes / CONVERSATIONS)} B per conversation`;

  report(`Heap kept by ${CONVERSATIONS.toLocaleString('en')} one-message conversations (memory state store)`, [
    ['baseline heap (after warm-up)', mb(baseline)],
    ['while their ids are kept', `+${mb(within - baseline)} (${perConversation(within - baseline)}, ${recordsWithin} records)`],
    ['an hour later, ids expired', `${after >= baseline ? '+' : ''}${mb(after - baseline)} (${perConversation(after - baseline)}, ${store.size - recordsBefore} records)`],
  ]);

  await app.close(1000);
  await connector.stop();
}

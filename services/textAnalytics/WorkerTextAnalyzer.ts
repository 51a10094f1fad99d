import { Worker } from 'node:worker_threads';
import { cld3 } from '../cld3.js';
import { ServiceError } from '../errors.js';
import { detectedLanguage, guessedLanguage } from './cld3Language.js';
import type { LocalTextAnalyzer } from './LocalTextAnalyzer.js';
import type { Analysis, AnalysisName, DetectedLanguage, Entity, PiiResult, SentimentResult, TextAnalyses, TextAnalyzer } from './TextAnalyzer.js';

/** What the worker is asked: the analyses, each with the language the main thread detected. */
type Method = Exclude<keyof TextAnalyzer, 'backendName' | 'close' | 'analyze' | 'detectLanguage'> | keyof Pick<LocalTextAnalyzer, 'analyzeWithHint'>;

export interface AnalyzerCall {
  id: number;
  method: Method;
  args: unknown[];
}

export type AnalyzerReply = { id: number; result: unknown } | { id: number; error: string };

const RUNNING_TYPESCRIPT = import.meta.url.endsWith('.ts');
const WORKER_FILE = new URL(`./localAnalyzerWorker${RUNNING_TYPESCRIPT ? '.ts' : '.js'}`, import.meta.url);

/**
 * Built, the worker is plain JavaScript. Under tsx (tests, bench) it is TypeScript, and Node 20 does not pass
 * the parent's module hooks to workers, so the worker registers tsx itself before loading its file.
 */
function startWorker(): Worker {
  if (!RUNNING_TYPESCRIPT) return new Worker(WORKER_FILE, { resourceLimits: WORKER_LIMITS });
  // tsx resolved from here, not from the working directory (an eval'd worker resolves bare names from there).
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const bootstrap = `import(${tsx}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER_FILE.href)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits: WORKER_LIMITS });
}

/**
 * The worker's models are long-lived and an analysis allocates little: a young generation of 4 MiB (V8's default
 * grows it to 16 MiB and more per semi-space) keeps about 10 MiB less resident, for a few more scavenges.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

/** How long the first call waits for the worker's models to load (about 0.7 s on a small machine). */
const START_TIMEOUT_MS = 30_000;

/**
 * The offline analyzer on a worker thread: its NLP is CPU-bound (a few ms a message), and on the event loop
 * it would hold up every other conversation's turn. The worker starts with the first call, not with the bot:
 * its models take about 55 MiB and most of a second, which a bot that never analyses text should not pay. A
 * worker that dies (or does not start in time) fails its calls and is started again for the next one.
 */
export class WorkerTextAnalyzer implements TextAnalyzer {
  readonly backendName = 'offline analyzer';
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly startTimeoutMs = START_TIMEOUT_MS) {}

  /**
   * One round trip for the whole request: the language is detected here, then the analyses are handed over once,
   * with it, not one by one.
   */
  async analyze(text: string, wanted: readonly AnalysisName[]): Promise<TextAnalyses> {
    const language = await this.detectLanguage(text);
    const hint = language.available && language.result.iso !== 'und' ? language.result.iso : await this.hint(text);
    return { language, ...(await this.call<Partial<TextAnalyses>>('analyzeWithHint', [text, wanted, hint])) };
  }

  /**
   * On this thread, with the cld3 the translator uses too: a detection takes well under a millisecond, and a second
   * cld3 in the worker would keep about 13 MiB more resident.
   */
  async detectLanguage(text: string): Promise<Analysis<DetectedLanguage>> {
    return detectedLanguage(await cld3(), text);
  }

  async analyzeSentiment(text: string, language?: string): Promise<Analysis<SentimentResult>> {
    return this.call('analyzeSentiment', [text, await this.hint(text, language)]);
  }

  async recognizeEntities(text: string, language?: string): Promise<Analysis<Entity[]>> {
    return this.call('recognizeEntities', [text, await this.hint(text, language)]);
  }

  async extractKeyPhrases(text: string, language?: string): Promise<Analysis<string[]>> {
    return this.call('extractKeyPhrases', [text, await this.hint(text, language)]);
  }

  /** The language the worker reads a text as: the one given, or the English-only analyses' guess, made here. */
  private async hint(text: string, language?: string): Promise<string> {
    return language ?? guessedLanguage(await cld3(), text);
  }

  recognizePii(text: string, language?: string): Promise<Analysis<PiiResult>> {
    return this.call('recognizePii', [text, language]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = await this.worker?.catch(() => undefined);
    await worker?.terminate();
  }

  private async call<T>(method: Method, args: unknown[]): Promise<T> {
    const worker = await this.ensureWorker();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies AnalyzerCall);
    });
  }

  private ensureWorker(): Promise<Worker> {
    if (this.closed) return Promise.reject(new ServiceError('unavailable', 'labmate is shutting down.'));
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const worker = startWorker();
      worker.unref();
      let started = false;
      const timer = setTimeout(() => {
        reject(new ServiceError('unavailable', 'The offline analyzer is taking too long to start; please try again in a minute.', {
          cause: new Error(`analyzer worker not ready after ${this.startTimeoutMs} ms`),
        }));
        void worker.terminate();
      }, this.startTimeoutMs);
      timer.unref();
      worker.once('message', () => {
        started = true;
        clearTimeout(timer);
        worker.on('message', (reply: AnalyzerReply) => this.settle(reply));
        resolve(worker);
      });
      worker.once('error', reject);
      worker.once('exit', (code) => {
        clearTimeout(timer);
        this.worker = undefined;
        const failure = new ServiceError('unavailable', 'The offline analyzer stopped unexpectedly; please try again.', {
          cause: new Error(`analyzer worker exited with code ${code}${started ? '' : ' while starting'}`),
        });
        for (const { reject: fail } of this.pending.values()) fail(failure);
        this.pending.clear();
        reject(failure);
      });
    });
    return this.worker;
  }

  private settle(reply: AnalyzerReply): void {
    const call = this.pending.get(reply.id);
    if (!call) return;
    this.pending.delete(reply.id);
    if ('error' in reply) call.reject(new Error(`offline analyzer: ${reply.error}`));
    else call.resolve(reply.result);
  }
}

import { parentPort } from 'node:worker_threads';
import { LocalTextAnalyzer } from './LocalTextAnalyzer.js';
import type { AnalyzerCall, AnalyzerReply } from './WorkerTextAnalyzer.js';

/** The worker side of WorkerTextAnalyzer: one LocalTextAnalyzer, answering calls in order. */
const port = parentPort;
if (!port) throw new Error('localAnalyzerWorker runs as a worker thread');
// The main thread detects languages (WorkerTextAnalyzer): no cld3 here.
const analyzer = await LocalTextAnalyzer.create({ withLanguage: false });
port.on('message', (call: AnalyzerCall) => {
  const method = analyzer[call.method] as (...args: unknown[]) => Promise<unknown>;
  method.apply(analyzer, call.args).then(
    (result) => port.postMessage({ id: call.id, result } satisfies AnalyzerReply),
    (error: unknown) => port.postMessage({ id: call.id, error: error instanceof Error ? error.message : String(error) } satisfies AnalyzerReply),
  );
});
port.postMessage('ready');

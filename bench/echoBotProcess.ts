/**
 * The benches' echo bot as a process (started by startEchoBot): the bot's server code with a turn that sends the
 * text back, or (ECHO_REPLY=card) the analysis card the bot sends for the messages bench's text, rendered per turn
 * from a document made once. Logs `echo bot ready` with its URL.
 */
import { cardReply } from '../channels/botframework/botFrameworkChannel.js';
import { analysisDocument } from '../cards/analysis.js';
import { WorkerTextAnalyzer } from '../services/textAnalytics/WorkerTextAnalyzer.js';
import { createEchoServer } from './echoBot.js';
import { ANALYZED } from './messages.js';

async function analysisCard() {
  // Analysed on a worker, as the bot does, closed after: the models stay out of this process's heap.
  const analyzer = new WorkerTextAnalyzer();
  const analyses = await analyzer.analyze(ANALYZED, ['sentiment', 'keyPhrases', 'entities']);
  await analyzer.close();
  return analysisDocument({ title: 'Text analysis', backendName: analyzer.backendName, ...analyses });
}

const card = process.env.ECHO_REPLY === 'card' ? await analysisCard() : undefined;
const server = createEchoServer(card ? () => cardReply(card) : undefined);
const { port } = await server.listen();
console.log(JSON.stringify({ level: 'info', message: 'echo bot ready', url: `http://127.0.0.1:${port}` }));
process.on('SIGTERM', () => void server.close().finally(() => process.exit(0)));

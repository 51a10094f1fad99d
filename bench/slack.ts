import { createApp } from '../app.js';
import { loadConfig } from '../config/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../test/support/slack.js';
import { measureLoad, ms, ratio, report, type LoadResult } from './harness.js';

const CONCURRENCY = 20;
const REQUESTS = 1000;
const ANALYZE = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

/**
 * Time to Slack's HTTP 200 for signed slash commands, 20 at a time (Slack gives 3 s; target p99 < 300 ms), against
 * GET /healthz on the same server in the same run. Answers that miss the inline window go to a local response_url.
 */
export async function benchSlack(): Promise<void> {
  const slack = new FakeSlack();
  await slack.start();
  const env = { HOST: '127.0.0.1', PORT: '0', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl };
  const app = createApp(loadConfig(env), { logger: createMemoryLogger() });
  const { port } = await app.listen();
  await app.ready;
  const base = `http://127.0.0.1:${port}`;

  const healthz = () =>
    measureLoad({
      total: REQUESTS,
      concurrency: CONCURRENCY,
      send: async () => {
        const response = await fetch(`${base}/healthz`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      },
    });
  let inline = 0;
  /** Every command answered in the 200 or at its response_url: the backlog is done before the next phase. */
  const drained = async (commands: number) => {
    const deadline = Date.now() + 120_000;
    while (slack.calls.length < commands - inline && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    slack.calls.length = 0;
  };
  const command = async (text: string): Promise<LoadResult> => {
    inline = 0;
    const result = await measureLoad({
      total: REQUESTS,
      concurrency: CONCURRENCY,
      send: async () => {
        const body = slashCommandBody({ text, responseUrl: slack.newResponseUrl() });
        const response = await fetch(`${base}/api/slack/commands`, { method: 'POST', headers: signedHeaders(body), body });
        const answer = (await response.json()) as { blocks?: unknown };
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        if (answer.blocks) inline++;
      },
    });
    await drained(REQUESTS);
    return result;
  };

  await healthz();
  await command(ANALYZE);
  const baseline = await healthz();
  const analyze = await command(ANALYZE);
  const analyzeInline = inline;
  const help = await command('help');
  await app.close(5000);
  slack.calls.length = 0;
  await slack.stop();

  report(`POST /api/slack/commands (signed), ${CONCURRENCY} concurrent, ${REQUESTS} requests (local backend)`, [
    ['GET /healthz p50 / p99 (baseline)', `${ms(baseline.p50)} / ${ms(baseline.p99)}`],
    ['/labmate analyze p50 / p99', `${ms(analyze.p50)} / ${ms(analyze.p99)} (target p99 < 300 ms) = ${ratio(analyze.p99, baseline.p99)} healthz p99`],
    ['/labmate help p50 / p99', `${ms(help.p50)} / ${ms(help.p99)} = ${ratio(help.p99, baseline.p99)} healthz p99`],
    ['analyze answered in the 200 itself', `${analyzeInline} of ${REQUESTS} (the others: "working on it", then the response_url)`],
    ['help answered in the 200 itself', `${inline} of ${REQUESTS}`],
  ]);
}

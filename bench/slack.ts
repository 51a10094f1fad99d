import { performance } from 'node:perf_hooks';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { BOT_TOKEN, FakeSlack, SIGNING_SECRET, signedHeaders, slashCommandBody } from '../test/support/slack.js';
import { benchConversation, measureLoad, ms, percentiles, ratio, report } from './harness.js';

const CONCURRENCY = 20;
/** Requests of each kind, in ROUNDS rounds taken in turns (healthz, signed check, analyze, help), so drifts of this shared machine hit them alike. */
const REQUESTS = 1000;
const ROUNDS = 4;
const ANALYZE = 'analyze I loved the new GPU, but the driver install was painful. Ada met the Microsoft team in Seattle on Monday.';

interface Phase {
  /** Time to Slack's HTTP 200. */
  acknowledged: number[];
  /** Time to the answer a person sees: the 200 itself when it carries it, else the post to the response_url. */
  answered: number[];
  inline: number;
  /** "labmate is very busy": the turn queue was full, the command did not run. */
  refused: number;
}

/**
 * Time to Slack's HTTP 200 for signed slash commands, 20 at a time (Slack gives 3 s; target p99 < 300 ms), against
 * GET /healthz on the same server in the same run; and the time to the answer itself. Answers that miss the inline
 * window go to a local response_url. A command refused as "busy" (the turn queue full) is counted apart: its fast
 * 200 is no answer.
 */
export async function benchSlack(): Promise<void> {
  const slack = new FakeSlack();
  await slack.start();
  // The bot in a process of its own, as in production: the load and the fake Slack run here, off its CPU.
  const env = { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_URL: slack.apiUrl, APERTIUM_WARM_LANGUAGES: 'none' };
  const bot = await LabmateProcess.start(env, 90_000);
  const base = bot.url;
  const perRound = REQUESTS / ROUNDS;

  const healthz = () =>
    measureLoad({
      total: perRound,
      concurrency: CONCURRENCY,
      send: async () => {
        const response = await fetch(`${base}/healthz`);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      },
    });

  // A signed Slack request answered at once (the Events API's URL check): what signing, sending a body and checking
  // the signature cost in this harness, whatever the command; the client runs in this process too.
  const signedCheck = () =>
    measureLoad({
      total: perRound,
      concurrency: CONCURRENCY,
      send: async () => {
        const body = JSON.stringify({ token: 'deprecated-verification-token', challenge: `c${performance.now()}`, type: 'url_verification' });
        const response = await fetch(`${base}/api/slack/events`, { method: 'POST', headers: signedHeaders(body, { contentType: 'application/json' }), body });
        await response.json();
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
      },
    });

  // As Slack's clients would hammer it: the next command as soon as the 200 came. Commands then arrive faster than
  // turns can run, so the turns' backlog grows during a round; the answers it holds back are waited for (and timed)
  // before the next round, their work being the command's.
  const command = async (text: string, phase: Phase) => {
    /** response_url path -> when its command was sent (Date.now(), as FakeSlack stamps its calls). */
    const waiting = new Map<string, number>();
    await measureLoad({
      total: perRound,
      concurrency: CONCURRENCY,
      send: async (index) => {
        const responseUrl = slack.newResponseUrl();
        // Channels at a person's pace, as the other benches' conversations (harness.ts, benchConversation).
        const body = slashCommandBody({ text, responseUrl, channelId: benchConversation(index) });
        const sentAt = Date.now();
        const started = performance.now();
        const response = await fetch(`${base}/api/slack/commands`, { method: 'POST', headers: signedHeaders(body), body });
        const answer = (await response.json()) as { blocks?: unknown; text?: string };
        if (response.status !== 200) throw new Error(`HTTP ${response.status}`);
        const elapsed = performance.now() - started;
        phase.acknowledged.push(elapsed);
        if (answer.blocks) {
          phase.inline++;
          phase.answered.push(elapsed);
        } else if (/busy/.test(answer.text ?? '')) {
          phase.refused++;
        } else {
          waiting.set(new URL(responseUrl).pathname, sentAt);
        }
      },
    });
    const deadline = Date.now() + 120_000;
    while (slack.calls.length < waiting.size && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    for (const call of slack.calls) {
      const sentAt = waiting.get(call.path);
      if (sentAt !== undefined) phase.answered.push(call.at - sentAt);
    }
    slack.calls.length = 0;
  };

  const newPhase = (): Phase => ({ acknowledged: [], answered: [], inline: 0, refused: 0 });
  // A first round of each, not counted: the analysers load, code paths warm up.
  await healthz();
  await signedCheck();
  await command(ANALYZE, newPhase());
  await command('help', newPhase());
  const baseline: number[] = [];
  const signed: number[] = [];
  const analyze = newPhase();
  const help = newPhase();
  for (let round = 0; round < ROUNDS; round++) {
    baseline.push(...(await healthz()).latencies);
    signed.push(...(await signedCheck()).latencies);
    await command(ANALYZE, analyze);
    await command('help', help);
  }
  await bot.kill('SIGTERM');
  await slack.stop();

  const healthzStats = percentiles(baseline);
  const rows = (name: string, phase: Phase, target = ''): Array<[string, string]> => {
    const acknowledged = percentiles(phase.acknowledged);
    const answered = percentiles(phase.answered);
    return [
      [`/labmate ${name}: HTTP 200 p50 / p99`, `${ms(acknowledged.p50)} / ${ms(acknowledged.p99)}${target} = ${ratio(acknowledged.p99, healthzStats.p99)} healthz p99`],
      [`  answer seen p50 / p99`, `${ms(answered.p50)} / ${ms(answered.p99)}`],
      [`  in the 200 itself / refused (busy)`, `${phase.inline} / ${phase.refused} of ${phase.acknowledged.length}`],
    ];
  };
  const signedStats = percentiles(signed);
  report(`POST /api/slack/commands (signed), ${CONCURRENCY} concurrent, ${REQUESTS} requests each in ${ROUNDS} rounds taken in turns (local backend, the bot in its own process)`, [
    ['GET /healthz p50 / p99 (baseline)', `${ms(healthzStats.p50)} / ${ms(healthzStats.p99)}`],
    ['signed url_verification p50 / p99', `${ms(signedStats.p50)} / ${ms(signedStats.p99)} = ${ratio(signedStats.p99, healthzStats.p99)} healthz p99 (any signed request's floor here)`],
    ...rows('analyze', analyze, ' (target p99 < 300 ms)'),
    ...rows('help', help),
    ['help p99 / signed url_verification p99', `${ratio(percentiles(help.acknowledged).p99, signedStats.p99)} (target <= 1.5x)`],
  ]);
}

import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { LabmateProcess } from '../test/support/labmateProcess.js';
import { downloadImage } from '../channels/attachments/downloadImage.js';
import { DownloadPolicy } from '../channels/attachments/downloadPolicy.js';
import { SESSION_OPTIONS } from '../services/imageClassifier/OnnxClassifier.js';
import { emulatorMessage } from '../test/support/activities.js';
import { FakeConnector } from '../test/support/connector.js';
import { noisyJpeg, tinyModel } from '../test/support/imageFixtures.js';
import { startEchoBot } from './echoBot.js';
import { cpuMs, ms, percentiles, postActivity, ratio, report } from './harness.js';

const TURNS = 60;
const SIZE = 224;

/**
 * Local classification of a 1 MB JPEG through the bot (HTTP in, download from the connector, checks, sharp,
 * onnxruntime, card, reply out) against the bare sharp + onnxruntime work on the same bytes, and an echo turn for
 * the HTTP overhead; all in the same run, one request at a time.
 */
export async function benchImages(): Promise<void> {
  const modelDir = tinyModel({ size: SIZE, body: 'mobilenet' });
  const jpeg = await noisyJpeg(1024 * 1024);
  const connector = new FakeConnector({ validateCards: false });
  await connector.start();
  connector.files.serve('/v3/attachments/bench/views/original', { body: jpeg, contentType: 'image/jpeg' });
  // The bot in a process of its own, as in production: the load, the file host and the connector run here.
  const labmate = await LabmateProcess.start({ IMAGE_MODEL_DIR: modelDir, APERTIUM_WARM_LANGUAGES: 'none' }, 90_000);
  const echo = await startEchoBot();

  const botTurn = async () => {
    const activity = {
      ...emulatorMessage({ serviceUrl: connector.url, id: randomUUID() }),
      attachments: [{ contentType: 'image/jpeg', name: 'photo.jpg', contentUrl: `${connector.url}v3/attachments/bench/views/original` }],
    };
    await postActivity(`${labmate.url}/api/messages`, activity);
    const [reply] = await connector.waitForMessages(activity.conversation.id, 1, 10_000);
    if (!JSON.stringify(reply.activity).includes('red')) throw new Error('the bot did not classify the image');
    connector.reset();
  };
  const echoTurn = async () => {
    const activity = emulatorMessage({ serviceUrl: connector.url, text: 'echo this', id: randomUUID() });
    await postActivity(`${echo.url}/api/messages`, activity);
    await connector.waitForMessages(activity.conversation.id, 1);
    connector.reset();
  };

  // Raw: its own session on the same model, the plainest preprocessing that gives the model what it wants. The
  // bot's session options: with onnxruntime's default, the idle session's spinning threads would take CPU from
  // whatever is measured next (its own run takes the same time either way).
  const session = await ort.InferenceSession.create(join(modelDir, 'model.onnx'), SESSION_OPTIONS);
  const rawRun = async () => {
    const scaled = Math.round((SIZE * 256) / 224);
    const offset = Math.floor((scaled - SIZE) / 2);
    const pixels = await sharp(jpeg)
      .resize(scaled, scaled, { fit: 'cover' })
      .extract({ left: offset, top: offset, width: SIZE, height: SIZE })
      .removeAlpha()
      .raw()
      .toBuffer();
    const plane = SIZE * SIZE;
    const data = new Float32Array(3 * plane);
    for (let i = 0; i < plane; i++) {
      data[i] = pixels[i * 3 + 2];
      data[plane + i] = pixels[i * 3 + 1];
      data[2 * plane + i] = pixels[i * 3];
    }
    await session.run({ data: new ort.Tensor('float32', data, [1, 3, SIZE, SIZE]) });
  };

  // Interleaved, one request at a time: on a shared, noisy machine each figure sees the same load.
  const samples = { raw: [] as number[], bot: [] as number[], echo: [] as number[], download: [] as number[] };
  // The bot's own download of the same bytes, under the same rules, for the breakdown.
  const policy = new DownloadPolicy({ serviceUrl: connector.url, fileHosts: [] });
  const reference = { name: 'photo.jpg', url: `${connector.url}v3/attachments/bench/views/original` };
  const download = async () => {
    const result = await downloadImage(reference, policy, { maxBytes: 4 * 1024 * 1024, timeoutMs: 10_000, maxRedirects: 3 });
    if (!result.ok) throw new Error(result.reason);
  };
  // CPU time too (all threads): on a shared machine, other people's load stretches wall time, not this. The raw run
  // is this process's; a bot turn and an echo turn are their bot's process alone.
  const cpu = { raw: 0, bot: 0, echo: 0 };
  const cpuOfProcess = { raw: cpuMs, echo: () => echo.cpuMs(), bot: () => labmate.cpuMs() };
  const timed = async (into: number[], run: () => Promise<void>, cpuOf?: keyof typeof cpu) => {
    const cpuBefore = cpuOf ? cpuOfProcess[cpuOf]() : 0;
    const started = performance.now();
    await run();
    into.push(performance.now() - started);
    if (cpuOf) cpu[cpuOf] += cpuOfProcess[cpuOf]() - cpuBefore;
  };
  for (let i = 0; i < 5; i++) {
    await rawRun();
    await botTurn();
    await echoTurn();
  }
  for (let i = 0; i < TURNS; i++) {
    await timed(samples.raw, rawRun, 'raw');
    await timed(samples.bot, botTurn, 'bot');
    await timed(samples.echo, echoTurn, 'echo');
    await timed(samples.download, download);
  }
  const raw = percentiles(samples.raw);
  const bot = percentiles(samples.bot);
  const echoResult = percentiles(samples.echo);
  const downloaded = percentiles(samples.download);
  const budget = (q: 'p50' | 'p99') => 1.2 * raw[q] + echoResult[q];

  report(`Image classification, local ONNX (MobileNetV2-class, the size of a Custom Vision compact export, ${SIZE}x${SIZE} input), ${(jpeg.length / 1024 / 1024).toFixed(2)} MB JPEG, ${TURNS} turns each, interleaved, the bot and the echo bot each in its own process`, [
    ['raw sharp + onnxruntime p50 / p99', `${ms(raw.p50)} / ${ms(raw.p99)}`],
    ['echo turn p50 / p99', `${ms(echoResult.p50)} / ${ms(echoResult.p99)}`],
    ['bot turn p50 / p99', `${ms(bot.p50)} / ${ms(bot.p99)}`],
    ['download of the 1 MB from the connector p50 / p99', `${ms(downloaded.p50)} / ${ms(downloaded.p99)}`],
    ['bot turn / raw', `p50 ${ratio(bot.p50, raw.p50)}, p99 ${ratio(bot.p99, raw.p99)}`],
    ['(bot - echo) / raw', `p50 ${ratio(bot.p50 - echoResult.p50, raw.p50)}, p99 ${ratio(bot.p99 - echoResult.p99, raw.p99)} (target <= 1.20x)`],
    ['bot / (1.2 raw + echo)', `p50 ${ratio(bot.p50, budget('p50'))}, p99 ${ratio(bot.p99, budget('p99'))} (target <= 1.00x)`],
    ['CPU per raw run / echo turn / bot turn (the bots\' processes, 10 ms ticks)', [cpu.raw, cpu.echo, cpu.bot].map((total) => ms(total / TURNS)).join(' / ')],
    ['bot / raw in CPU time', ratio(cpu.bot, cpu.raw)],
    ['(bot - echo - download) / raw', `p50 ${ratio(bot.p50 - echoResult.p50 - downloaded.p50, raw.p50)} (the rest: thumbnail, card, the bot's turn)`],
  ]);

  await session.release();
  await echo.kill('SIGTERM');
  await labmate.kill('SIGTERM');
  await connector.stop();
}

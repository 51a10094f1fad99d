import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Activity, TurnContext } from 'botbuilder';
import { botFramework } from '../channels/botframework/index.js';
import { createMemoryLogger } from '../logging/logger.js';
import { createServer } from '../server/createServer.js';
import { InFlight } from '../server/InFlight.js';
import { LabmateProcess, type ProcessEntry } from '../test/support/labmateProcess.js';

/** The same restify server and /api/messages route as the bot, with a turn that only sends the text back (or `reply`). */
export function createEchoServer(reply: (context: TurnContext) => Partial<Activity> | string = (context) => context.activity.text ?? '') {
  const server = createServer({ isReady: () => true, requestTimeoutMs: 10_000 });
  const inFlight = new InFlight();
  const logger = createMemoryLogger();
  botFramework({ appId: '', appPassword: '', appType: 'MultiTenant', tenantId: '' }, logger).mount(server, {
    run: async (context: TurnContext) => {
      await context.sendActivity(reply(context));
    },
    ready: async () => true,
    track: (work) => inFlight.track(work),
    logger,
  });
  return {
    listen: () => new Promise<AddressInfo>((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address() as AddressInfo))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const ECHO_BOT: ProcessEntry = { script: join(import.meta.dirname, 'echoBotProcess.ts'), ready: 'echo bot ready' };

/**
 * The echo bot in a process of its own, as the bot under measure is, so that neither shares its CPU with the load
 * or the fake connector. `card`: it answers with the analysis card the bot sends (see echoBotProcess.ts).
 */
export function startEchoBot(reply: 'text' | 'card' = 'text'): Promise<LabmateProcess> {
  return LabmateProcess.start({ ECHO_REPLY: reply }, 60_000, ECHO_BOT);
}

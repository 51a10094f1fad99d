import type { Config } from './config.js';
import type { EnvReader } from './envReader.js';

/** The try-out page's people are named `tryout/<id>` (the id the browser made), as VM_OPERATORS names them. */
export const TRYOUT_CHANNEL = 'tryout';

export interface TryoutConfig {
  /** TRYOUT_PAGE: the chat page at `/`; by default on without MicrosoftAppId (local use), off with one. */
  enabled: boolean;
  /**
   * The page does not authenticate anyone: whoever reaches it names themselves. Requests must then name this
   * machine (a loopback Host header, against DNS rebinding) when labmate listens on loopback.
   */
  loopbackOnly: boolean;
  /** The ids people on the page name themselves with count (as operators): only on a loopback HOST without MicrosoftAppId. */
  trustsIds: boolean;
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/**
 * TRYOUT_PAGE (true/false). Its people may be operators (`tryout/<id>` in VM_OPERATORS) only where the page is as
 * trusted as the machine: labmate on a loopback HOST without an app identity. Anywhere else anyone who reaches the
 * page could claim an operator's id, so such entries stop the start.
 */
export function readTryout(env: EnvReader, { host, bot, vmOperators }: Pick<Config, 'host' | 'bot' | 'vmOperators'>): TryoutConfig {
  const local = bot.appId === '';
  const enabled = env.oneOf('TRYOUT_PAGE', ['true', 'false'], local ? 'true' : 'false') === 'true';
  const loopbackOnly = isLoopbackHost(host);
  const trustsIds = loopbackOnly && local;
  if (enabled && !trustsIds) {
    for (const entry of vmOperators) {
      if (entry.toLowerCase().startsWith(`${TRYOUT_CHANNEL}/`)) {
        env.problem(
          'VM_OPERATORS',
          `no ${TRYOUT_CHANNEL}/ entry: the try-out page does not authenticate people, so its ids can be operators only on a loopback HOST without MicrosoftAppId, got "${entry}"`,
        );
      }
    }
  }
  return { enabled, loopbackOnly, trustsIds };
}

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
}

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\])$/i;

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOST.test(host);
}

/**
 * TRYOUT_PAGE (true/false). Its people may be operators (`tryout/<id>` in VM_OPERATORS) only where the page is as
 * trusted as the machine: labmate on a loopback HOST without an app identity. Anywhere else anyone who reaches the
 * page could claim an operator's id, so such entries (and, with an app identity, entries naming no channel, which
 * would match the page's ids too) stop the start.
 */
export function readTryout(env: EnvReader, context: { host: string; appId: string; vmOperators: readonly string[] }): TryoutConfig {
  const setting = env.oneOf('TRYOUT_PAGE', ['true', 'false'], context.appId === '' ? 'true' : 'false');
  const enabled = setting === 'true';
  const loopbackOnly = isLoopbackHost(context.host);
  if (enabled && !(loopbackOnly && context.appId === '')) {
    for (const entry of context.vmOperators) {
      const slash = entry.indexOf('/');
      if (slash > 0 && entry.slice(0, slash).toLowerCase() === TRYOUT_CHANNEL) {
        env.problem(
          'VM_OPERATORS',
          `no ${TRYOUT_CHANNEL}/ entry: the try-out page does not authenticate people, so its ids can be operators only on a loopback HOST without MicrosoftAppId, got "${entry}"`,
        );
      } else if (slash <= 0 && context.appId !== '') {
        env.problem(
          'VM_OPERATORS',
          `entries naming their channel (msteams/<id>, slack/<id>) while TRYOUT_PAGE is on with MicrosoftAppId set: anyone on the page could claim "${entry}"`,
        );
      }
    }
  }
  return { enabled, loopbackOnly };
}

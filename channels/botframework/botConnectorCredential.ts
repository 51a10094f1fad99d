import type { TurnContext } from 'botbuilder';
import type { DownloadCredential } from '../attachments/imageAttachments.js';
import { originOf } from '../attachments/downloadPolicy.js';

interface TokenCredentials {
  appId?: string | null;
  getToken?: (forceRefresh?: boolean) => Promise<string>;
}

/**
 * The bot's Bot Framework token for this turn's connector, for the conversation's own service host only: that is
 * where Teams serves pasted images (`{serviceUrl}/v3/attachments/...`), and the service URL is the one the
 * channel's signed token vouches for. With no app id (Emulator, local use) there is no token, and none is sent.
 */
export function botConnectorCredential(context: TurnContext): DownloadCredential {
  const serviceOrigin = originOf(context.activity.serviceUrl);
  return {
    mayReceive: (url) => url.origin === serviceOrigin,
    token: async () => {
      const client = context.turnState.get<{ credentials?: TokenCredentials } | undefined>(context.adapter.ConnectorClientKey);
      const credentials = client?.credentials;
      if (!credentials?.appId || typeof credentials.getToken !== 'function') return undefined;
      return credentials.getToken();
    },
  };
}

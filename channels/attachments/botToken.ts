import type { TurnContext } from 'botbuilder';

interface TokenCredentials {
  appId?: string | null;
  getToken?: (forceRefresh?: boolean) => Promise<string>;
}

/**
 * The bot's Bot Framework token for this turn's connector, which Teams wants on pasted-image downloads. With no
 * app id (Emulator, local use) there is no token, and none is sent.
 */
export async function botConnectorToken(context: TurnContext): Promise<string | undefined> {
  const client = context.turnState.get<{ credentials?: TokenCredentials } | undefined>(context.adapter.ConnectorClientKey);
  const credentials = client?.credentials;
  if (!credentials?.appId || typeof credentials.getToken !== 'function') return undefined;
  return credentials.getToken();
}

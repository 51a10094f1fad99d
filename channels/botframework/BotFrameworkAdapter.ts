import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/** What authenticates requests to /api/messages (botbuilder's BotFrameworkAuthentication). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
/** A request's verified claims, as BotFrameworkAuthentication.authenticateRequest gives them. */
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter, starting the turn of a request the TokenGate has already authenticated (botbuilder keeps that protected). */
export class BotFrameworkAdapter extends CloudAdapter {
  processAuthenticated(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

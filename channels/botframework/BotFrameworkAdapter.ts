import { CloudAdapter, type Activity, type InvokeResponse, type ResourceResponse, type TurnContext } from 'botbuilder';
import type { Logger } from '../../logging/logger.js';
import { ConversationPacer } from './ConversationPacer.js';
import { withConnectorRetry } from './connectorRetry.js';
import { NULL_TELEMETRY, type Telemetry } from '../../services/telemetry/Telemetry.js';
import { traced } from '../../services/telemetry/traced.js';

/** What authenticates requests to /api/messages (botbuilder's BotFrameworkAuthentication). */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
/** A request's verified claims, as BotFrameworkAuthentication.authenticateRequest gives them. */
export type AuthenticateRequestResult = Awaited<ReturnType<BotFrameworkAuthentication['authenticateRequest']>>;

export interface SendingOptions {
  /** One send or update, retries included (CHANNEL_TIMEOUT_MS). */
  timeoutMs: number;
  logger: Logger;
  /** Each request to the Bot Connector a client span, counted (telemetry on). */
  telemetry?: Telemetry;
}

/**
 * CloudAdapter, starting the turn of a request the TokenGate has already authenticated (botbuilder keeps that
 * protected), and sending as Teams asks: every reply, proactive post and update goes through sendActivities or
 * updateActivity here (TurnContext calls them, continueConversationAsync included), so this is the lowest layer that
 * still knows the conversation. Each activity is paced per conversation, in order, and retried on 429/412/502/504.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  private readonly pacer = new ConversationPacer();
  /** CloudAdapter's own send and update of one activity, each try a traced outside call. */
  private readonly connector: {
    send(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse[]>;
    update(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void>;
  };

  constructor(auth: BotFrameworkAuthentication, private readonly sending: SendingOptions) {
    super(auth);
    this.connector = traced(
      'botConnector',
      { send: (context: TurnContext, activity: Partial<Activity>) => super.sendActivities(context, [activity]), update: (context: TurnContext, activity: Partial<Activity>) => super.updateActivity(context, activity) },
      sending.telemetry ?? NULL_TELEMETRY,
    );
  }

  /**
   * Runs the turn of an authenticated request. `answerInvoke` gets an invoke's response as soon as the turn sends it,
   * while the turn goes on (Teams gives an invoke about 5 s; the work is posted to the conversation after).
   */
  processAuthenticated(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
    answerInvoke?: (response: InvokeResponse) => void,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, async (context) => {
      if (answerInvoke) context.turnState.set(ANSWER_INVOKE, answerInvoke);
      await logic(context);
    });
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    this.withoutPipelineRetry(context);
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      // Delays, invoke responses and traces never reach the connector: no pace, no retry.
      if (activity.type !== 'message' && activity.type !== 'typing' && activity.type !== 'event') {
        responses.push(...(await super.sendActivities(context, [activity])));
        if (activity.type === 'invokeResponse') (context.turnState.get(ANSWER_INVOKE) as ((response: InvokeResponse) => void) | undefined)?.(activity.value as InvokeResponse);
        continue;
      }
      const send = (slot: () => Promise<void>) =>
        withConnectorRetry(`send ${activity.type}`, this.sending.timeoutMs, async () => (await slot(), this.connector.send(context, activity)), this.sending.logger);
      responses.push(...(await this.pacer.run(conversationKey(context, activity), send)));
    }
    return responses;
  }

  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> {
    this.withoutPipelineRetry(context);
    const update = (slot: () => Promise<void>) =>
      withConnectorRetry('update', this.sending.timeoutMs, async () => (await slot(), this.connector.update(context, activity)), this.sending.logger);
    return this.pacer.run(conversationKey(context, activity), update);
  }

  /**
   * The ConnectorClient's Azure pipeline has its own retry policy, which waits any Retry-After (30 s, 60 s...) with no
   * deadline: a burst would stall past CHANNEL_TIMEOUT_MS. It goes, so that withConnectorRetry alone decides.
   */
  private withoutPipelineRetry(context: TurnContext): void {
    const connector = context.turnState.get(this.ConnectorClientKey) as { client?: { pipeline?: { removePolicy(policy: { name: string }): unknown } } } | undefined;
    connector?.client?.pipeline?.removePolicy({ name: PIPELINE_RETRY_POLICY });
  }
}

/** Where a turn keeps the request's early answer to an invoke (processAuthenticated). */
const ANSWER_INVOKE = Symbol('answerInvoke');

/** @azure/core-rest-pipeline's defaultRetryPolicyName (throttling, exponential and system-error retries). */
const PIPELINE_RETRY_POLICY = 'defaultRetryPolicy';

function conversationKey(context: TurnContext, activity: Partial<Activity>): string {
  return `${activity.serviceUrl ?? context.activity.serviceUrl}|${activity.conversation?.id ?? context.activity.conversation?.id}`;
}

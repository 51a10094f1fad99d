import type { EnvReader } from './envReader.js';

/** Deadlines: nothing labmate waits for may keep a person waiting forever. */
export interface TimeoutConfig {
  /** A request to labmate must have sent its headers and body within this (HTTP_REQUEST_TIMEOUT_MS). */
  requestMs: number;
  /**
   * One call to a service (Language, Translator, Custom Vision, Resource Manager, Apertium), retries included
   * (SERVICE_TIMEOUT_MS). Under Teams' 15 s, so a person hears back before Teams gives up on the turn.
   */
  serviceMs: number;
  /** One message sent to a channel (the Bot Connector, Slack's Web API, a response_url) (CHANNEL_TIMEOUT_MS). */
  channelMs: number;
  /** A VM start or deallocation, start to end, before it is reported as unknown (VM_OPERATION_TIMEOUT_MS). */
  vmOperationMs: number;
}

export function readTimeouts(env: EnvReader): TimeoutConfig {
  return {
    requestMs: env.integer('HTTP_REQUEST_TIMEOUT_MS', 10_000, 100, 300_000),
    serviceMs: env.integer('SERVICE_TIMEOUT_MS', 10_000, 100, 120_000),
    channelMs: env.integer('CHANNEL_TIMEOUT_MS', 10_000, 100, 120_000),
    vmOperationMs: env.integer('VM_OPERATION_TIMEOUT_MS', 20 * 60_000, 1_000, 24 * 60 * 60_000),
  };
}

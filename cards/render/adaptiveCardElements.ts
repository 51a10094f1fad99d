/**
 * Adaptive Card elements as plain JSON, written the way the official SDK's toJSON() writes them (defaults left
 * out). Built directly: the SDK's object model cost most of a turn's rendering. Every card the bot sends is still
 * read with the SDK in the tests (test/support/connector.ts, test/render/adaptiveCard.test.ts), which also check
 * that the SDK reads each one back to the very same JSON.
 */
export type CardElement = Record<string, unknown>;

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

/**
 * The Adaptive Card elements labmate emits (schema 1.5), as plain JSON written the way the official SDK's toJSON()
 * writes them (defaults left out). Built directly: the SDK's object model cost most of a turn's rendering. Every card
 * the bot sends is still read with the SDK in the tests (test/support/connector.ts,
 * test/cards/render/adaptiveCard.test.ts), which also check that the SDK reads each one back to the very same JSON.
 * Only what the renderers write is here; `blockKitTypes.ts` does the same for Slack.
 */

export const CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const CARD_VERSION = '1.5';

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: typeof CARD_SCHEMA;
  version: typeof CARD_VERSION;
  /** What a client that cannot show the card shows instead. */
  fallbackText?: string;
  body?: CardBodyElement[];
  actions?: CardAction[];
};

export type CardBodyElement = RichTextBlock | Container | ColumnSet | Image | ActionSet | Table;

export type TextRun = {
  type: 'TextRun';
  text: string;
  size?: 'Medium';
  weight?: 'Bolder';
  color?: 'Good' | 'Warning' | 'Attention' | 'Accent';
  isSubtle?: true;
  fontType?: 'Monospace';
  italic?: true;
  underline?: true;
  selectAction?: { type: 'Action.OpenUrl'; url: string };
};

export type RichTextBlock = { type: 'RichTextBlock'; inlines: TextRun[] };

export type Container = { type: 'Container'; separator?: true; items: CardBodyElement[] };

export type Image = { type: 'Image'; url: string; altText: string; size: 'Small' };

export type Column = { type: 'Column'; width: 'auto' | 'stretch'; items: CardBodyElement[] };

export type ColumnSet = { type: 'ColumnSet'; columns: Column[] };

export type TableCell = { type: 'TableCell'; items: CardBodyElement[] };

export type TableRow = { type: 'TableRow'; cells: TableCell[] };

export type Table = { type: 'Table'; columns: Array<{ width: number }>; rows: TableRow[] };

export type ActionSet = { type: 'ActionSet'; actions: CardAction[] };

export type ActionStyle = 'positive' | 'destructive';

export type SubmitAction = { type: 'Action.Submit'; title: string; style?: ActionStyle; data: Record<string, unknown> };

/** Universal Actions: clients that have them send an invoke and may replace the card; others run the fallback. */
export type ExecuteAction = {
  type: 'Action.Execute';
  title: string;
  style?: ActionStyle;
  data: Record<string, unknown>;
  verb: string;
  fallback: SubmitAction;
};

export type CardAction = SubmitAction | ExecuteAction;

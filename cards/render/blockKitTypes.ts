/** The Slack Block Kit shapes labmate posts (a small, exact subset of Slack's own types). */

export interface PlainTextObject {
  type: 'plain_text';
  text: string;
  /** False: `:name:` in the text stays as typed instead of becoming an emoji. */
  emoji?: boolean;
}

export interface MrkdwnTextObject {
  type: 'mrkdwn';
  text: string;
  /** True: Slack does not turn addresses, channel names or user names in the text into links or mentions. */
  verbatim?: boolean;
}

export interface RichTextStyle {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
}

export interface RichTextText {
  type: 'text';
  text: string;
  style?: RichTextStyle;
}

export interface RichTextLink {
  type: 'link';
  url: string;
  text: string;
  style?: RichTextStyle;
}

export type RichTextInline = RichTextText | RichTextLink;

export interface RichTextSection {
  type: 'rich_text_section';
  elements: RichTextInline[];
}

export interface RichTextList {
  type: 'rich_text_list';
  style: 'bullet';
  elements: RichTextSection[];
}

export interface RichTextBlock {
  type: 'rich_text';
  elements: Array<RichTextSection | RichTextList>;
}

export interface HeaderBlock {
  type: 'header';
  text: PlainTextObject;
}

export interface ButtonElement {
  type: 'button';
  text: PlainTextObject;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}

export interface SectionBlock {
  type: 'section';
  fields: MrkdwnTextObject[];
  accessory?: ButtonElement;
}

export interface ContextBlock {
  type: 'context';
  elements: MrkdwnTextObject[];
}

export interface ActionsBlock {
  type: 'actions';
  elements: ButtonElement[];
}

export type Block = HeaderBlock | RichTextBlock | SectionBlock | ContextBlock | ActionsBlock;

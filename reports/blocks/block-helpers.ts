/**
 * Small Block Kit builders. Each one clamps its text to the block's own limit, so a builder can never
 * produce a block Slack refuses; the message-wide limits (block count, text budget) are `fitMessage`'s job.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  DividerBlock,
  HeaderBlock,
  ImageBlock,
  SectionBlock,
  SlackFileImageObject,
  UrlImageObject,
} from '@slack/types';
import type { ChartSpec } from '../charts/chart-spec.js';
import { slackLimits, truncate } from '../limits/slack-limit-values.js';

/** A header (plain text, 150 characters). */
export function header(text: string): HeaderBlock {
  return {
    type: 'header',
    text: { type: 'plain_text', text: truncate(text, slackLimits.headerText), emoji: true },
  };
}

/** A section of mrkdwn text (3000 characters). Escape anything user-derived before passing it. */
export function section(mrkdwn: string, blockId?: string): SectionBlock {
  const block: SectionBlock = {
    type: 'section',
    text: { type: 'mrkdwn', text: truncate(mrkdwn, slackLimits.sectionText) },
  };
  if (blockId !== undefined) block.block_id = truncate(blockId, slackLimits.blockId);
  return block;
}

/** A two-column section of mrkdwn fields (at most 10, 2000 characters each); extra fields are dropped. */
export function fields(texts: readonly string[]): SectionBlock {
  return {
    type: 'section',
    fields: texts
      .slice(0, slackLimits.fieldsPerSection)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, slackLimits.fieldText) })),
  };
}

/** A context line of mrkdwn elements (at most 10). */
export function context(texts: readonly string[], blockId?: string): ContextBlock {
  const block: ContextBlock = {
    type: 'context',
    elements: texts
      .slice(0, slackLimits.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: truncate(text, slackLimits.contextText) })),
  };
  if (blockId !== undefined) block.block_id = truncate(blockId, slackLimits.blockId);
  return block;
}

/** A divider. */
export function divider(): DividerBlock {
  return { type: 'divider' };
}

/** Where a rendered chart can be fetched: a public URL, or a file uploaded to Slack. */
export type ChartImageSource = UrlImageObject | SlackFileImageObject;

/**
 * The image block of a rendered chart, with the spec's alt text (key numbers, 2000 characters) and title.
 * Its block_id is `chart-<key>`, so the edge can find and drop it when Slack refuses the image.
 */
export function chartImage(spec: ChartSpec, source: ChartImageSource): ImageBlock {
  return {
    type: 'image',
    block_id: truncate(`chart-${spec.key}`, slackLimits.blockId),
    alt_text: truncate(spec.altText, slackLimits.imageAltText),
    title: { type: 'plain_text', text: truncate(spec.title, slackLimits.imageTitle) },
    ...source,
  };
}

/** A button (text 75 characters, value 2000). */
export function button(options: {
  text: string;
  actionId: string;
  value?: string;
  style?: 'primary' | 'danger';
}): Button {
  const out: Button = {
    type: 'button',
    action_id: options.actionId,
    text: { type: 'plain_text', text: truncate(options.text, slackLimits.buttonText), emoji: true },
  };
  if (options.value !== undefined) out.value = options.value.slice(0, slackLimits.buttonValue);
  if (options.style !== undefined) out.style = options.style;
  return out;
}

/** An actions block (at most 25 elements). */
export function actions(elements: readonly Button[], blockId?: string): ActionsBlock {
  const block: ActionsBlock = { type: 'actions', elements: elements.slice(0, slackLimits.actionsElements) };
  if (blockId !== undefined) block.block_id = truncate(blockId, slackLimits.blockId);
  return block;
}

import type { KnownBlock } from '@slack/types';
import type { ReportMessage, ThreadedReport } from '../blocks/report-message.js';
import { maxBlocks, measureText, type SlackSurface, slackLimits } from './slack-limit-values.js';

/** One broken limit: which rule, where (a JSON-ish path), the limit and the actual value. */
export interface LimitViolation {
  rule: string;
  path: string;
  limit: number;
  actual: number;
}

/** Options of {@link checkLimits}. */
export interface CheckLimitsOptions {
  /** 'message' (default): 50 blocks and the ~11k text budget; 'home': 100 blocks, no text budget. */
  surface?: SlackSurface;
}

type Report = (rule: string, path: string, limit: number, actual: number) => void;

/**
 * Every Slack limit a message breaks; an empty array means Slack will accept it. Used by the tests of
 * every report and command, so it checks more than our own builders produce (actions, tables, images).
 */
export function checkLimits(message: ReportMessage, options: CheckLimitsOptions = {}): LimitViolation[] {
  const surface = options.surface ?? 'message';
  const violations: LimitViolation[] = [];
  const report: Report = (rule, path, limit, actual) => violations.push({ rule, path, limit, actual });
  if (message.text.trim().length === 0) report('fallback-text-empty', 'text', 1, 0);
  if (message.text.length > slackLimits.fallbackText)
    report('fallback-text', 'text', slackLimits.fallbackText, message.text.length);
  const limit = maxBlocks(surface);
  if (message.blocks.length > limit) report('blocks', 'blocks', limit, message.blocks.length);
  if (surface === 'message') {
    const total = measureText(message.blocks);
    if (total > slackLimits.messageTextBudget)
      report('text-budget', 'blocks', slackLimits.messageTextBudget, total);
  }
  const ids = new Set<string>();
  let tables = 0;
  message.blocks.forEach((block, index) => {
    const path = `blocks[${index}]`;
    if (block.block_id !== undefined) {
      if (block.block_id.length > slackLimits.blockId)
        report('block-id', `${path}.block_id`, slackLimits.blockId, block.block_id.length);
      if (ids.has(block.block_id)) report('block-id-duplicate', `${path}.block_id`, 1, 2);
      ids.add(block.block_id);
    }
    if (block.type === 'table') tables += 1;
    checkBlock(block, path, report);
  });
  if (tables > slackLimits.tablesPerMessage) report('tables', 'blocks', slackLimits.tablesPerMessage, tables);
  message.charts.forEach((chart, index) => {
    checkText(chart.altText, `charts[${index}].altText`, slackLimits.imageAltText, 'chart-alt-text', report);
  });
  return violations;
}

/** {@link checkLimits} over a parent and its replies; paths start with `parent.` or `replies[i].`. */
export function checkThreadLimits(report: ThreadedReport): LimitViolation[] {
  const prefix = (where: string) => (v: LimitViolation) => ({ ...v, path: `${where}.${v.path}` });
  return [
    ...checkLimits(report.parent).map(prefix('parent')),
    ...report.replies.flatMap((reply, i) => checkLimits(reply).map(prefix(`replies[${i}]`))),
  ];
}

function checkText(text: string, path: string, max: number, rule: string, report: Report): void {
  if (text.length === 0) report(`${rule}-empty`, path, 1, 0);
  if (text.length > max) report(rule, path, max, text.length);
}

function checkBlock(block: KnownBlock, path: string, report: Report): void {
  switch (block.type) {
    case 'header':
      checkText(block.text.text, `${path}.text`, slackLimits.headerText, 'header', report);
      if (block.text.type !== 'plain_text') report('header-plain-text', `${path}.text.type`, 0, 1);
      return;
    case 'section': {
      if (block.text) checkText(block.text.text, `${path}.text`, slackLimits.sectionText, 'section', report);
      const fields = block.fields ?? [];
      if (!block.text && fields.length === 0) report('section-empty', path, 1, 0);
      if (fields.length > slackLimits.fieldsPerSection)
        report('fields', `${path}.fields`, slackLimits.fieldsPerSection, fields.length);
      fields.forEach((f, i) => {
        checkText(f.text, `${path}.fields[${i}]`, slackLimits.fieldText, 'field', report);
      });
      if (block.accessory?.type === 'button')
        checkText(block.accessory.text.text, `${path}.accessory`, slackLimits.buttonText, 'button', report);
      return;
    }
    case 'context':
      if (block.elements.length === 0) report('context-empty', path, 1, 0);
      if (block.elements.length > slackLimits.contextElements)
        report('context-elements', `${path}.elements`, slackLimits.contextElements, block.elements.length);
      block.elements.forEach((e, i) => {
        const text = e.type === 'image' ? e.alt_text : e.text;
        checkText(text, `${path}.elements[${i}]`, slackLimits.contextText, 'context-text', report);
      });
      return;
    case 'actions':
      if (block.elements.length > slackLimits.actionsElements)
        report('actions-elements', `${path}.elements`, slackLimits.actionsElements, block.elements.length);
      block.elements.forEach((e, i) => {
        if (e.type !== 'button') return;
        const at = `${path}.elements[${i}]`;
        checkText(e.text.text, `${at}.text`, slackLimits.buttonText, 'button', report);
        if (e.value !== undefined && e.value.length > slackLimits.buttonValue)
          report('button-value', `${at}.value`, slackLimits.buttonValue, e.value.length);
      });
      return;
    case 'image':
      checkText(block.alt_text, `${path}.alt_text`, slackLimits.imageAltText, 'image-alt-text', report);
      if (block.title)
        checkText(block.title.text, `${path}.title`, slackLimits.imageTitle, 'image-title', report);
      if (
        'image_url' in block &&
        typeof block.image_url === 'string' &&
        block.image_url.length > slackLimits.imageUrl
      )
        report('image-url', `${path}.image_url`, slackLimits.imageUrl, block.image_url.length);
      return;
    case 'table':
      if (block.rows.length > slackLimits.tableRows)
        report('table-rows', `${path}.rows`, slackLimits.tableRows, block.rows.length);
      block.rows.forEach((row, i) => {
        if (row.length > slackLimits.tableCells)
          report('table-cells', `${path}.rows[${i}]`, slackLimits.tableCells, row.length);
      });
      return;
    default:
      return;
  }
}

import { replaceEmoji } from './emoji.js';
import { escapeHtml, safeHttpUrl } from './escape-html.js';
import { isRec, type Rec, recAt, strAt } from './read-fields.js';
import { type MrkdwnContext, renderMrkdwn } from './render-mrkdwn.js';

/** What rendering needs from the outside: names for mentions, and where uploaded files are served. */
export interface RenderContext extends MrkdwnContext {
  /** The URL the browser fetches an uploaded file from (`slack_file` images). */
  fileUrl: (fileId: string) => string;
}

/** A text object: mrkdwn is parsed; plain_text is escaped, with emoji shortcodes unless `emoji: false`. */
export function renderText(value: unknown, ctx: RenderContext): string {
  if (!isRec(value)) return '';
  const text = strAt(value, 'text') ?? '';
  if (strAt(value, 'type') === 'mrkdwn') return renderMrkdwn(text, ctx);
  const escaped = escapeHtml(text).replaceAll('\n', '<br>');
  return value.emoji === false ? escaped : replaceEmoji(escaped);
}

/** The src for an image block or element: an http(s) `image_url`, or an uploaded `slack_file`. */
export function imageSource(image: Rec, ctx: RenderContext): string | null {
  const url = strAt(image, 'image_url');
  if (url !== undefined) return safeHttpUrl(url);
  const file = recAt(image, 'slack_file');
  const id = file ? strAt(file, 'id') : undefined;
  if (id !== undefined) return ctx.fileUrl(id);
  const fileUrl = file ? strAt(file, 'url') : undefined;
  return fileUrl === undefined ? null : safeHttpUrl(fileUrl);
}

/** An `<img>` (alt text kept), or a labelled placeholder when there is nothing safe to load. */
export function renderImage(image: Rec, ctx: RenderContext, className: string): string {
  const src = imageSource(image, ctx);
  const alt = escapeHtml(strAt(image, 'alt_text') ?? '');
  if (!src) return `<span class="bk-unsupported">[image: ${alt}]</span>`;
  return `<img class="${className}" src="${escapeHtml(src)}" alt="${alt}" title="${alt}">`;
}

/**
 * An interactive element. Buttons carry their action id, value and block id as data attributes, which
 * the page sends back as a `block_actions` click; a URL button is a plain link. Other element types
 * are shown as a labelled placeholder.
 */
export function renderElement(element: Rec, blockId: string, ctx: RenderContext): string {
  const type = strAt(element, 'type') ?? 'unknown';
  if (type === 'image') return renderImage(element, ctx, 'bk-accessory-img');
  if (type !== 'button') return unsupported('element', type);
  const label = renderText(element.text, ctx);
  const style = strAt(element, 'style');
  const classes = `bk-button${style === 'primary' || style === 'danger' ? ` bk-button-${style}` : ''}`;
  const url = strAt(element, 'url');
  const href = url === undefined ? null : safeHttpUrl(url);
  if (href)
    return `<a class="${classes}" href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
  const data = {
    'action-id': strAt(element, 'action_id') ?? '',
    'block-id': blockId,
    value: strAt(element, 'value') ?? '',
  };
  const attrs = Object.entries(data)
    .map(([name, value]) => ` data-${name}="${escapeHtml(value)}"`)
    .join('');
  return `<button type="button" class="${classes}"${attrs}>${label}</button>`;
}

/** The visible stand-in for a block or element type this renderer does not know: shown, never dropped. */
export function unsupported(kind: 'block' | 'element', type: string): string {
  return `<div class="bk-unsupported">[unsupported ${kind}: ${escapeHtml(type)}]</div>`;
}

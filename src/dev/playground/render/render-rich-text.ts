import { emojiFor } from './emoji.js';
import { escapeHtml, safeHttpUrl } from './escape-html.js';
import { isRec, type Rec, recAt, recsAt, recsOf, strAt } from './read-fields.js';
import { type RenderContext, renderText } from './render-elements.js';

/** A minimal `rich_text` block: sections, bullet/numbered lists, preformatted text and quotes. */
export function renderRichText(block: Rec, ctx: RenderContext): string {
  return `<div class="bk-rich">${recsAt(block, 'elements')
    .map((el) => richElement(el, ctx))
    .join('')}</div>`;
}

/**
 * A `table` block: the first row is the header (as Slack shows it); cells are raw_text or rich_text;
 * `column_settings[i].align` right-aligns numbers.
 */
export function renderTable(block: Rec, ctx: RenderContext): string {
  const settings = Array.isArray(block.column_settings) ? block.column_settings : [];
  const rows = Array.isArray(block.rows) ? block.rows.filter(Array.isArray) : [];
  const body = rows
    .map((row: unknown[], r) => {
      const tag = r === 0 ? 'th' : 'td';
      const cells = row.map((cell, c) => {
        const setting: unknown = settings[c];
        const align = isRec(setting) ? strAt(setting, 'align') : undefined;
        const cls = align === 'right' || align === 'center' ? ` class="bk-align-${align}"` : '';
        return `<${tag}${cls}>${tableCell(cell, ctx)}</${tag}>`;
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('');
  return `<div class="bk-table-wrap"><table class="bk-table">${body}</table></div>`;
}

function tableCell(cell: unknown, ctx: RenderContext): string {
  if (!isRec(cell)) return '';
  if (strAt(cell, 'type') === 'rich_text') return renderRichText(cell, ctx);
  return escapeHtml(strAt(cell, 'text') ?? '');
}

function richElement(el: Rec, ctx: RenderContext): string {
  const inline = () =>
    recsAt(el, 'elements')
      .map((x) => richInline(x, ctx))
      .join('');
  switch (strAt(el, 'type')) {
    case 'rich_text_section':
      return `<div class="rt-section">${inline()}</div>`;
    case 'rich_text_preformatted':
      return `<pre class="mk-pre">${inline()}</pre>`;
    case 'rich_text_quote':
      return `<blockquote class="mk-quote">${inline()}</blockquote>`;
    case 'rich_text_list': {
      const tag = strAt(el, 'style') === 'ordered' ? 'ol' : 'ul';
      const items = recsOf(el.elements).map((item) => `<li>${richElement(item, ctx)}</li>`);
      return `<${tag} class="rt-list">${items.join('')}</${tag}>`;
    }
    default:
      return `<div class="bk-unsupported">[unsupported element: ${escapeHtml(strAt(el, 'type') ?? 'unknown')}]</div>`;
  }
}

function richInline(el: Rec, ctx: RenderContext): string {
  switch (strAt(el, 'type')) {
    case 'text':
      return styled(escapeHtml(strAt(el, 'text') ?? '').replaceAll('\n', '<br>'), recAt(el, 'style'));
    case 'link': {
      const url = safeHttpUrl(strAt(el, 'url') ?? '');
      const label = escapeHtml(strAt(el, 'text') ?? strAt(el, 'url') ?? '');
      if (!url) return label;
      return `<a class="mk-link" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer">${label}</a>`;
    }
    case 'emoji': {
      const name = strAt(el, 'name') ?? '';
      return emojiFor(name) ?? escapeHtml(`:${name}:`);
    }
    case 'user': {
      const id = strAt(el, 'user_id') ?? '';
      return `<span class="mk-mention">@${escapeHtml(ctx.userName?.(id) ?? id)}</span>`;
    }
    case 'channel': {
      const id = strAt(el, 'channel_id') ?? '';
      return `<span class="mk-mention">#${escapeHtml(ctx.channelName?.(id) ?? id)}</span>`;
    }
    case 'broadcast':
      return `<span class="mk-mention">@${escapeHtml(strAt(el, 'range') ?? 'here')}</span>`;
    default:
      return renderText({ type: 'plain_text', text: strAt(el, 'text') ?? strAt(el, 'fallback') ?? '' }, ctx);
  }
}

function styled(html: string, style: Rec | undefined): string {
  if (!style) return html;
  let out = html;
  if (style.code === true) out = `<code class="mk-code">${out}</code>`;
  if (style.bold === true) out = `<b>${out}</b>`;
  if (style.italic === true) out = `<i>${out}</i>`;
  if (style.strike === true) out = `<s>${out}</s>`;
  return out;
}

import { isRec, type Rec, recAt, recsAt, recsOf, strAt } from './read-fields.js';
import {
  type RenderContext,
  renderElement,
  renderImage,
  renderText,
  unsupported,
} from './render-elements.js';
import { renderMrkdwn } from './render-mrkdwn.js';
import { renderRichText, renderTable } from './render-rich-text.js';

export type { RenderContext } from './render-elements.js';

type BlockRenderer = (block: Rec, ctx: RenderContext) => string;

const renderers: Readonly<Record<string, BlockRenderer>> = {
  header: (block, ctx) => `<div class="bk-header">${renderText(block.text, ctx)}</div>`,
  section: renderSection,
  context: (block, ctx) => {
    const parts = recsAt(block, 'elements').map((el) =>
      strAt(el, 'type') === 'image'
        ? renderImage(el, ctx, 'bk-context-img')
        : `<span class="bk-context-text">${renderText(el, ctx)}</span>`,
    );
    return `<div class="bk-context">${parts.join('')}</div>`;
  },
  divider: () => '<hr class="bk-divider">',
  image: (block, ctx) => {
    const title = recAt(block, 'title');
    const caption = title ? `<figcaption class="bk-image-title">${renderText(title, ctx)}</figcaption>` : '';
    return `<figure class="bk-image">${caption}${renderImage(block, ctx, 'bk-image-img')}</figure>`;
  },
  actions: (block, ctx) => {
    const blockId = strAt(block, 'block_id') ?? '';
    const elements = recsAt(block, 'elements').map((el) => renderElement(el, blockId, ctx));
    return `<div class="bk-actions">${elements.join('')}</div>`;
  },
  table: renderTable,
  rich_text: renderRichText,
};

/**
 * Block Kit → HTML, the playground's own renderer: header, section (text, fields, accessory), context,
 * divider, image, actions (buttons), table and rich_text. Unknown block types show as a labelled
 * placeholder, so nothing the bot sends silently disappears. Pure; all input is escaped.
 */
export function renderBlocks(blocks: unknown, ctx: RenderContext): string {
  return recsOf(blocks)
    .map((block) => {
      const type = strAt(block, 'type') ?? 'unknown';
      const render = Object.hasOwn(renderers, type) ? renderers[type] : undefined;
      return render ? render(block, ctx) : unsupported('block', type);
    })
    .join('');
}

/** A message body: its blocks when it has any, else its top-level `text` as mrkdwn (as Slack does). */
export function renderMessageBody(message: { text?: unknown; blocks?: unknown }, ctx: RenderContext): string {
  if (Array.isArray(message.blocks) && message.blocks.length > 0) return renderBlocks(message.blocks, ctx);
  const text = typeof message.text === 'string' ? message.text : '';
  return `<div class="bk-text">${renderMrkdwn(text, ctx)}</div>`;
}

function renderSection(block: Rec, ctx: RenderContext): string {
  const text = isRec(block.text) ? `<div class="bk-section-text">${renderText(block.text, ctx)}</div>` : '';
  const fields = recsAt(block, 'fields').map((f) => `<div class="bk-field">${renderText(f, ctx)}</div>`);
  const fieldsHtml = fields.length > 0 ? `<div class="bk-fields">${fields.join('')}</div>` : '';
  const accessory = recAt(block, 'accessory');
  const side = accessory
    ? `<div class="bk-accessory">${renderElement(accessory, strAt(block, 'block_id') ?? '', ctx)}</div>`
    : '';
  return `<div class="bk-section"><div class="bk-section-body">${text}${fieldsHtml}</div>${side}</div>`;
}

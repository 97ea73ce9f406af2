import type { FeedMessage } from './feed.js';
import { playgroundIds as ids } from './playground-ids.js';
import { escapeHtml } from './render/escape-html.js';
import { type RenderContext, renderMessageBody } from './render/render-blocks.js';

/** A message as the page receives it: where it goes, plus its HTML, rendered and escaped here. */
export interface MessageView {
  id: string;
  conversation: string;
  ts: string;
  threadTs?: string;
  ephemeral: boolean;
  at: number;
  rev: number;
  html: string;
}

const authors = {
  bot: { name: ids.botName, avatar: 'CP', badge: true },
  user: { name: ids.userName, avatar: 'Y', badge: false },
  slackbot: { name: 'Slackbot', avatar: 'S', badge: false },
} as const;

/**
 * Renders one feed message on the server, so the browser only inserts trusted markup: avatar, name,
 * "Only visible to you" for ephemerals, the Block Kit body and any shared files (images inline).
 */
export function messageView(message: FeedMessage, ctx: RenderContext): MessageView {
  const who = authors[message.author];
  const badge = who.badge ? '<span class="msg-badge">APP</span>' : '';
  const ephemeral = message.ephemeral
    ? '<div class="msg-ephemeral"><span aria-hidden="true">👁</span> Only visible to you</div>'
    : '';
  const body =
    message.text === '' && message.files.length > 0
      ? ''
      : `<div class="msg-body">${renderMessageBody(message, ctx)}</div>`;
  const files = message.files
    .map((f) => {
      const url = escapeHtml(ctx.fileUrl(f.id));
      const title = escapeHtml(f.title);
      return /\.(png|jpe?g|gif)$/i.test(f.name)
        ? `<figure class="msg-file"><figcaption>${title}</figcaption><img class="msg-file-img" src="${url}" alt="${title}"></figure>`
        : `<a class="msg-file msg-file-card" href="${url}" target="_blank" rel="noopener"><span aria-hidden="true">📄</span> ${escapeHtml(f.name)}</a>`;
    })
    .join('');
  const html =
    `<div class="msg-avatar msg-avatar-${message.author}" aria-hidden="true">${who.avatar}</div>` +
    `<div class="msg-main">${ephemeral}<div class="msg-meta"><span class="msg-name">${escapeHtml(who.name)}</span>${badge}` +
    `<time class="msg-time" data-at="${message.at}"></time></div>${body}${files}</div>`;
  return {
    id: message.id,
    conversation: message.conversation,
    ts: message.ts,
    ...(message.threadTs ? { threadTs: message.threadTs } : {}),
    ephemeral: message.ephemeral,
    at: message.at,
    rev: message.rev,
    html,
  };
}

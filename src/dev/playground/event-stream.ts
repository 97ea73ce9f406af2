import type { ServerResponse } from 'node:http';
import type { Feed, FeedChange, FeedMessage } from './feed.js';
import type { MessageView } from './message-view.js';

/** How the stream turns feed content into what the page inserts. */
export interface StreamRenderers {
  message: (message: FeedMessage) => MessageView;
  home: (blocks: unknown[]) => string;
  /** Static facts the page needs once (ids, names, which controls work). */
  meta: Record<string, unknown>;
  /** Facts that change while the playground runs (is the Codex API running?), read at each (re)connect. */
  live?: () => Record<string, unknown>;
}

/**
 * GET /api/events: Server-Sent Events. First a `reset` with everything so far, the live facts included
 * (a reconnecting or reloaded page starts over cleanly), then one `upsert`, `remove` or `home` event per change, already rendered.
 */
export function openEventStream(res: ServerResponse, feed: Feed, render: StreamRenderers): void {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  // JSON.stringify escapes newlines, so each payload is one `data:` line.
  const send = (type: string, data: unknown) =>
    res.write(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
  send('reset', {
    meta: render.meta,
    live: render.live?.() ?? {},
    messages: feed.all().map(render.message),
    home: feed.home ? render.home(feed.home) : null,
  });
  const unsubscribe = feed.subscribe((change: FeedChange) => {
    if (change.type === 'upsert') send('upsert', render.message(change.message));
    else if (change.type === 'remove') send('remove', { id: change.id });
    else send('home', { html: render.home(change.blocks) });
  });
  res.on('close', unsubscribe);
}

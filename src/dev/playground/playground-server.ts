import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { Logger } from '../../logger.js';
import { openEventStream, type StreamRenderers } from './event-stream.js';
import type { Feed } from './feed.js';
import type { PlaygroundActions } from './playground-actions.js';
import { readJson, refuseRequest } from './request-guard.js';
import type { StaticAsset } from './static-assets.js';

export interface PlaygroundServerDeps {
  feed: Feed;
  actions: PlaygroundActions;
  render: StreamRenderers;
  assets: Map<string, StaticAsset>;
  /** An uploaded file by id (chart PNGs, exports), as the fake Slack stored it. */
  file: (id: string) => { filename: string; bytes: Buffer } | undefined;
  /** "Run scheduled digests now"; absent until a digest service is wired in. Resolves to a summary. */
  runDigests?: () => Promise<string>;
  /** "Sync with a spike, then run alerts" (issue 13); absent without the simulator. Resolves to a summary. */
  runAlerts?: () => Promise<string>;
  /** "Stop/Start the Codex API" (issue 11); absent without the simulator. Resolves to a summary. */
  setApiRunning?: (running: boolean) => Promise<{ running: boolean; summary: string }>;
  logger: Logger;
}

const securityHeaders = {
  // Our own files only; images may also come from https (a QuickChart image_url), never scripts.
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' https:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const commandBody = z.object({ text: z.string().max(4_000) });
const codexApiBody = z.object({ running: z.boolean() });
const actionBody = z.object({
  messageId: z.string().max(64),
  actionId: z.string().max(255),
  blockId: z.string().max(255),
  value: z.string().max(2_000),
  label: z.string().max(200),
});

/** The playground's HTTP server on 127.0.0.1: the page, its event stream, its API and uploaded files. */
export async function startPlaygroundServer(
  deps: PlaygroundServerDeps,
  options: { port: number; host?: string },
): Promise<{ port: number; close(): Promise<void> }> {
  let port = 0;
  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const refused = refuseRequest(req, () => port);
    if (refused) return json(res, 403, { ok: false, error: refused });
    const asset = req.method === 'GET' ? deps.assets.get(path) : undefined;
    if (asset) return send(res, 200, asset.type, asset.body);
    if (req.method === 'GET' && path === '/api/events') return openEventStream(res, deps.feed, deps.render);
    if (req.method === 'GET' && path.startsWith('/files/'))
      return sendFile(res, deps.file(decodeURIComponent(path.slice(7))));
    if (req.method !== 'POST') return json(res, 404, { ok: false, error: 'not_found' });
    const body = await readJson(req);
    if (path === '/api/command') await deps.actions.send(commandBody.parse(body).text);
    else if (path === '/api/action') await deps.actions.click(actionBody.parse(body));
    else if (path === '/api/home') await deps.actions.openHome();
    else if (path === '/api/digests/run') {
      if (!deps.runDigests)
        return json(res, 501, { ok: false, error: 'Scheduled digests arrive with the digest scheduler.' });
      return json(res, 200, { ok: true, summary: await deps.runDigests() });
    } else if (path === '/api/alerts/spike') {
      if (!deps.runAlerts)
        return json(res, 501, { ok: false, error: 'Alerts need the simulator and the digest store.' });
      return json(res, 200, { ok: true, summary: await deps.runAlerts() });
    } else if (path === '/api/codex-api') {
      const { running } = codexApiBody.parse(body);
      if (!deps.setApiRunning)
        return json(res, 501, { ok: false, error: 'Stopping the Codex API needs the in-process simulator.' });
      return json(res, 200, { ok: true, ...(await deps.setApiRunning(running)) });
    } else return json(res, 404, { ok: false, error: 'not_found' });
    json(res, 200, { ok: true });
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      const bad =
        error instanceof z.ZodError ||
        error instanceof SyntaxError ||
        (error as Error).message?.includes('too large');
      if (!bad) deps.logger.error('playground request failed', error, { path: req.url });
      if (!res.headersSent)
        json(res, bad ? 400 : 500, { ok: false, error: bad ? 'bad_request' : 'internal' });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Event streams never end on their own: cut them, or close() would wait forever.
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, type: string, body: Buffer | string): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...securityHeaders });
  res.end(body);
}

function json(res: ServerResponse, status: number, body: Record<string, unknown>): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

/** Images inline; anything else (CSV, JSON exports) as plain text, so the browser never runs it. */
function sendFile(res: ServerResponse, file: { filename: string; bytes: Buffer } | undefined): void {
  if (!file) {
    json(res, 404, { ok: false, error: 'file_not_found' });
    return;
  }
  const png = /\.png$/i.test(file.filename);
  res.writeHead(200, {
    'content-type': png ? 'image/png' : 'text/plain; charset=utf-8',
    'cache-control': 'private, max-age=3600',
    ...securityHeaders,
  });
  res.end(file.bytes);
}

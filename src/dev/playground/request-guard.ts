import type { IncomingMessage } from 'node:http';

/**
 * A page on another site must not drive the playground: its requests would carry our signing secret's
 * signature to the bot. Browsers send `Origin` on cross-site POSTs (and `fetch` with JSON needs a
 * preflight we never answer), and the Host check stops DNS rebinding. Returns a reason to refuse, or null.
 */
export function refuseRequest(req: IncomingMessage, port: () => number): string | null {
  const allowed = new Set([`127.0.0.1:${port()}`, `localhost:${port()}`]);
  if (!allowed.has(req.headers.host ?? '')) return 'unexpected Host header';
  if (req.method === 'GET') return null;
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.has(origin.replace(/^http:\/\//, ''))) return 'cross-origin request';
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return 'expected JSON';
  return null;
}

/** Reads a JSON body of at most `limit` bytes; anything else is an error with a short message. */
export async function readJson(req: IncomingMessage, limit = 16_384): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw === '' ? {} : (JSON.parse(raw) as unknown);
}

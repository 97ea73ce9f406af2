import type { CustomRoute } from '@slack/bolt';

/** `GET /healthz` → 200 `{ ok: true, version }` for load balancers and the demo playground. */
export function healthRoute(version: string): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ ok: true, version }));
    },
  };
}

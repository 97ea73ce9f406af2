import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the composition's registry in Prometheus text format (README "Operations"). */
export function metricsRoute(registry: Registry): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        (error: unknown) => {
          res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end(`metrics failed: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    },
  };
}

import { createHmac } from 'node:crypto';

/** A request body with the headers Slack sends along with it. */
export interface SignedSlackRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * Signs a body exactly as Slack does: `X-Slack-Signature: v0=` + hex HMAC-SHA256 of
 * `v0:{timestamp}:{body}` with the app's signing secret, and `X-Slack-Request-Timestamp` in Unix
 * seconds (docs/slack-platform.md). Bolt's own verifier checks it, so the playground takes no shortcut.
 */
export function signSlackRequest(
  secret: string,
  body: string,
  contentType: string,
  nowSeconds: number,
): SignedSlackRequest {
  const signature = createHmac('sha256', secret).update(`v0:${nowSeconds}:${body}`).digest('hex');
  return {
    body,
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(nowSeconds),
      'x-slack-signature': `v0=${signature}`,
    },
  };
}

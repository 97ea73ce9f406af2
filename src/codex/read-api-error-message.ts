/**
 * Error bodies are undocumented except 422's FastAPI-style `{"detail":[{"loc":[…],"msg":"…"}]}`, so the
 * contract says: read `detail` (string or list), then `error.message`, then `message`. Anything else
 * yields undefined and the caller falls back to the status alone.
 */

const MAX_LENGTH = 500;

/** The API's human-readable explanation in an error body (raw text), or undefined when there is none. */
export function readApiErrorMessage(bodyText: string): string | undefined {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return undefined;
  }
  if (!isRecord(body)) return undefined;
  const message =
    fromDetail(body.detail) ??
    (isRecord(body.error) ? nonEmpty(body.error.message) : undefined) ??
    nonEmpty(body.message);
  // Bounded because it ends up in a Slack message and a log line.
  return message && message.length > MAX_LENGTH ? `${message.slice(0, MAX_LENGTH)}…` : message;
}

function fromDetail(detail: unknown): string | undefined {
  if (typeof detail === 'string') return nonEmpty(detail);
  if (!Array.isArray(detail)) return undefined;
  const parts = detail
    .map((item: unknown) => {
      if (typeof item === 'string') return item;
      if (!isRecord(item) || typeof item.msg !== 'string') return undefined;
      // loc is like ["query", "limit"]: the "query"/"body" prefix tells a person nothing.
      const loc = Array.isArray(item.loc)
        ? item.loc.filter((part) => part !== 'query' && part !== 'body').join('.')
        : '';
      return loc ? `${loc}: ${item.msg}` : item.msg;
    })
    .filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join('; ') : undefined;
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

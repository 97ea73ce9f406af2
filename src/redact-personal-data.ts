/**
 * Log redaction (issue 9, 5.6). At LOG_LEVEL=debug WebClient logs every Slack API result verbatim —
 * users.info with the profile email and names — and request headers with the bot token. The logger
 * passes everything through here, at every level, so no line can carry personal data or a secret,
 * whether it arrives as a structured field (any depth) or inside a message string (even JSON text).
 */

/** Keys whose values are personal data in Slack payloads (users.info profile, lookups). */
const personalKeys = new Set([
  'email',
  'real_name',
  'real_name_normalized',
  'display_name',
  'display_name_normalized',
  'first_name',
  'last_name',
  'phone',
  'skype',
]);

/** Keys whose values are credentials. */
const secretKeys = new Set([
  'authorization',
  'token',
  'access_token',
  'refresh_token',
  'bot_token',
  'user_token',
  'app_token',
  'client_secret',
  'signing_secret',
  'api_key',
  'apikey',
  'password',
  'cookie',
]);

const emailPattern = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** xoxb-, xoxp-, xoxa-, xoxe.xoxp- (rotation), xapp- (Socket Mode). */
const slackTokenPattern = /\b(?:xox[a-z]|xapp)(?:\.xox[a-z])?-[A-Za-z0-9-]+/g;
const bearerPattern = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
/** A personal or secret key inside JSON text that did not parse (cut or nested in other text). */
const jsonPairPattern =
  /"(email|real_name(?:_normalized)?|display_name(?:_normalized)?|first_name|last_name|phone|token|authorization)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

/**
 * Form-encoded credentials (Slack posts `token=…` in request bodies; OAuth uses client_secret=…).
 * Not `code=`: error codes must stay readable.
 */
const formSecretPattern = /\b(token|access_token|refresh_token|client_secret|email)=[^&\s]+/gi;

const redacted = '[redacted]';
const maxDepth = 20;

/** A Slack user object: its `name` is the member's username, personal too (channels keep theirs). */
function isSlackUser(value: Record<string, unknown>): boolean {
  return (
    'profile' in value ||
    'real_name' in value ||
    (typeof value.id === 'string' && /^[UW][A-Z0-9]{2,}$/.test(value.id))
  );
}

/** A string with emails, tokens and bearer keys replaced, and any JSON it embeds redacted by key. */
export function redactText(text: string): string {
  let out = text;
  const start = out.search(/[{[]/);
  if (start >= 0) {
    try {
      const parsed: unknown = JSON.parse(out.slice(start));
      out = `${out.slice(0, start)}${JSON.stringify(redactPersonalData(parsed))}`;
    } catch {
      out = out.replace(jsonPairPattern, (_match, key: string) => `"${key}":"${redacted}"`);
    }
  }
  return out
    .replace(emailPattern, '[redacted email]')
    .replace(slackTokenPattern, '[redacted token]')
    .replace(bearerPattern, (_match, scheme: string) => `${scheme} ${redacted}`)
    .replace(formSecretPattern, (_match, key: string) => `${key}=${redacted}`);
}

/**
 * A copy of `value` safe to log: personal and secret keys replaced whatever the nesting, strings
 * scrubbed by {@link redactText}, cycles and very deep structures cut. Errors become their name and
 * (scrubbed) message; other non-plain values their string form.
 */
export function redactPersonalData(value: unknown): unknown {
  return redactValue(value, new WeakSet(), 0);
}

function redactValue(value: unknown, seen: WeakSet<object>, depth: number): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= maxDepth) return '[too deep]';
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => redactValue(item, seen, depth + 1));
    if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
    if (value instanceof Date) return value.toISOString();
    // Bytes (uploads, PNGs) would log as thousands of numbered keys: their size says enough.
    if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
    const record = value as Record<string, unknown>;
    const user = isSlackUser(record);
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(record)) {
      const lower = key.toLowerCase();
      if (personalKeys.has(lower) || secretKeys.has(lower) || (user && lower === 'name'))
        out[key] = item === null || item === undefined || item === '' ? item : redacted;
      else out[key] = redactValue(item, seen, depth + 1);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

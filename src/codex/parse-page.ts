/**
 * Validates a page against the contract: the envelope when it arrives (paging needs `has_more` and
 * `next_page`), each row with its endpoint's schema when the rows are wanted. The first bad row stops
 * parsing with a CodexContractError naming the endpoint and the exact path
 * (`usage: data[3].totals.credits: expected number, got string`) — never the value, which may be an email.
 */
import type { z } from 'zod';
import { CodexContractError } from './codex-errors.js';
import { type Endpoint, endpoints, pageEnvelopeSchema, type RowOf } from './schemas.js';

/** A page's envelope; `data` holds the rows as parsed JSON, not yet validated. */
export interface Envelope {
  data: unknown[];
  hasMore: boolean;
  nextPage: string | null;
}

/** JSON-parses a 2xx body and validates its envelope; throws CodexContractError. */
export function parseEnvelope(endpoint: Endpoint, body: Buffer, status?: number): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new CodexContractError(endpoint, '', 'the response body is not JSON', status, error);
  }
  const envelope = pageEnvelopeSchema.safeParse(json);
  if (!envelope.success) throw contractError(endpoint, [], json, envelope.error);
  return { data: envelope.data.data, hasMore: envelope.data.has_more, nextPage: envelope.data.next_page };
}

/** Validates each row of `data` with the endpoint's schema; throws on the first bad row. */
export function parseRows<E extends Endpoint>(endpoint: E, data: readonly unknown[]): RowOf<E>[] {
  const schema = endpoints[endpoint];
  const rows: RowOf<E>[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const parsed = schema.safeParse(data[i]);
    if (!parsed.success) throw contractError(endpoint, ['data', i], data[i], parsed.error);
    rows[i] = parsed.data as RowOf<E>;
  }
  return rows;
}

function contractError(
  endpoint: Endpoint,
  prefix: readonly PropertyKey[],
  input: unknown,
  error: z.ZodError,
): CodexContractError {
  const issue = error.issues[0];
  const path = [...prefix, ...(issue?.path ?? [])];
  const problem =
    issue?.code === 'invalid_type'
      ? `expected ${issue.expected}, got ${typeName(valueAt(input, issue.path))}`
      : (issue?.message ?? 'invalid');
  return new CodexContractError(endpoint, formatPath(path), problem, undefined, error);
}

/** `['data', 3, 'totals', 'credits']` → `data[3].totals.credits`. */
function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out || '(body)';
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

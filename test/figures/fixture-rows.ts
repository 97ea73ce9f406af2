/**
 * Hand-built API rows for the figure tests. Every row goes through the real zod schema, so fixtures
 * look exactly like parsed API data (defaults, nulls and all).
 */
import {
  type CodeReviewResponseRow,
  type CodeReviewRow,
  codeReviewResponseRowSchema,
  codeReviewRowSchema,
  type UsageRow,
  usageRowSchema,
} from '../../src/codex/schemas.js';

export const DAY = 86_400;

/** Unix seconds of 00:00 UTC of a YYYY-MM-DD day. */
export function sec(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) / 1000;
}

/** A Date from an ISO time, UTC unless the string says otherwise. */
export function at(iso: string): Date {
  return new Date(iso.endsWith('Z') ? iso : `${iso}Z`);
}

export interface Metrics {
  threads?: number;
  turns?: number;
  credits?: number;
  /** text_total_tokens; null = unknown. */
  tokens?: number | null;
  uncached?: number | null;
  cached?: number | null;
  output?: number | null;
}

export interface ClientMetrics extends Metrics {
  client: string;
}

export interface ModelMetrics extends Metrics {
  model: string;
  speed?: string | null;
}

export interface UserRowInput {
  user: string | null;
  day: string;
  /** actor.email; omitted → null. */
  email?: string | null;
  /** The legacy top-level email. */
  legacyEmail?: string | null;
  clients?: ClientMetrics[];
  models?: ModelMetrics[];
  /** Defaults to the sum of the clients (tokens: null when no client knew them). */
  totals?: Metrics;
  /** Bucket length in days (7 for group_by=week rows). */
  days?: number;
}

function metrics(m: Metrics): Record<string, number | null> {
  return {
    threads: m.threads ?? 0,
    turns: m.turns ?? 0,
    credits: m.credits ?? 0,
    uncached_text_input_tokens: m.uncached ?? null,
    cached_text_input_tokens: m.cached ?? null,
    text_output_tokens: m.output ?? null,
    text_total_tokens: m.tokens ?? null,
  };
}

function sumClients(clients: ClientMetrics[]): Metrics {
  const known = clients.filter((c) => c.tokens !== undefined && c.tokens !== null);
  return {
    threads: clients.reduce((s, c) => s + (c.threads ?? 0), 0),
    turns: clients.reduce((s, c) => s + (c.turns ?? 0), 0),
    credits: clients.reduce((s, c) => s + (c.credits ?? 0), 0),
    tokens: known.length > 0 ? known.reduce((s, c) => s + (c.tokens ?? 0), 0) : null,
  };
}

/** A usage row (per-user, or workspace when `user` is null), parsed by `usageRowSchema`. */
export function usageRow(input: UserRowInput): UsageRow {
  const clients = input.clients ?? [];
  const start = sec(input.day);
  return usageRowSchema.parse({
    object: input.user === null ? 'workspace.codex.usage.result' : 'user.codex.usage.result',
    start_time: start,
    end_time: start + (input.days ?? 1) * DAY,
    user_id: input.user,
    actor:
      input.user === null ? null : { type: 'ACCOUNT_USER', user_id: input.user, email: input.email ?? null },
    email: input.legacyEmail ?? null,
    totals: metrics(input.totals ?? sumClients(clients)),
    clients: clients.map((c) => ({ client_id: c.client, ...metrics(c) })),
    models: (input.models ?? []).map((m) => ({ model: m.model, speed: m.speed ?? null, ...metrics(m) })),
    code_attribution: null,
  });
}

/** Shorthand: one user, one day, one client with some credits (active). */
export function active(user: string, day: string, client = 'CODEX_CLI', credits = 1): UsageRow {
  return usageRow({ user, day, clients: [{ client, threads: 1, turns: 2, credits }] });
}

export function reviewRow(
  day: string,
  prs: number,
  comments: number,
  details?: { p0: number; p1: number; p2: number },
): CodeReviewRow {
  const start = sec(day);
  return codeReviewRowSchema.parse({
    start_time: start,
    end_time: start + DAY,
    pull_request_reviews: prs,
    comments,
    comment_details: details ?? null,
  });
}

export interface ResponseInput {
  prs?: number;
  comments: number;
  replies: number;
  upvotes: number;
  downvotes: number;
  other: number;
  engaged: number;
  reacted: number;
  replied: number;
}

export function responseRow(day: string, r: ResponseInput): CodeReviewResponseRow {
  const start = sec(day);
  return codeReviewResponseRowSchema.parse({
    start_time: start,
    end_time: start + DAY,
    pull_request_reviews: r.prs ?? 0,
    comments: r.comments,
    replies: r.replies,
    reactions: r.upvotes + r.downvotes + r.other,
    reaction_details: { upvotes: r.upvotes, downvotes: r.downvotes, other: r.other },
    comment_response_details: {
      engaged: r.engaged,
      reacted: r.reacted,
      upvoted: Math.min(r.upvotes, r.reacted),
      downvoted: Math.min(r.downvotes, r.reacted),
      reacted_other: Math.min(r.other, r.reacted),
      replied: r.replied,
    },
  });
}

/**
 * zod schemas for the Codex enterprise Analytics API (../shared/docs/codex-analytics-api.md).
 *
 * Tolerance rules from the contract: unknown fields are ignored, unknown enum values (client_id, model,
 * speed) are kept as strings, and a null or missing field never crashes parsing. Token and cost fields
 * keep `null` = unknown (never 0); a missing count (threads, turns, credits) reads as 0 because the API
 * omits zero counts on sparse breakdown items. A value of the wrong type is a contract break.
 */
import { z } from 'zod';

const count = z
  .number()
  .nullish()
  .transform((v) => v ?? 0);
const unknownable = z
  .number()
  .nullish()
  .transform((v) => v ?? null);
const maybeString = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** Fields shared by `totals`, `clients[]` and `models[]` items. */
const usageMetrics = {
  threads: count,
  turns: count,
  credits: count,
  cost_usd: unknownable,
  estimated_cost_usd: unknownable,
  uncached_text_input_tokens: unknownable,
  cached_text_input_tokens: unknownable,
  text_output_tokens: unknownable,
  text_total_tokens: unknownable,
};

const usageTotalsSchema = z.object(usageMetrics);
/** `client_id` may be missing on real rows (integrators saw items with only some fields): null, counted as Other. */
const clientUsageSchema = z.object({ client_id: maybeString, ...usageMetrics });
const modelUsageSchema = z.object({ model: z.string(), speed: maybeString, ...usageMetrics });

const actorSchema = z.object({
  type: maybeString,
  user_id: maybeString,
  email: maybeString,
});

const bucket = { start_time: z.number().int(), end_time: z.number().int() };

export const usageRowSchema = z.object({
  ...bucket,
  user_id: maybeString,
  actor: actorSchema.nullish().transform((v) => v ?? null),
  email: maybeString,
  totals: usageTotalsSchema.nullish().transform((v) => v ?? usageTotalsSchema.parse({})),
  clients: z
    .array(clientUsageSchema)
    .nullish()
    .transform((v) => v ?? []),
  models: z
    .array(modelUsageSchema)
    .nullish()
    .transform((v) => v ?? []),
  code_attribution: z
    .object({ lines_added: unknownable, lines_removed: unknownable })
    .nullish()
    .transform((v) => v ?? null),
});

export const codeReviewRowSchema = z.object({
  ...bucket,
  pull_request_reviews: count,
  comments: count,
  comment_details: z
    .object({ p0: count, p1: count, p2: count })
    .nullish()
    .transform((v) => v ?? null),
});

export const codeReviewResponseRowSchema = z.object({
  ...bucket,
  pull_request_reviews: count,
  comments: count,
  replies: count,
  reactions: count,
  reaction_details: z
    .object({ upvotes: count, downvotes: count, other: count })
    .nullish()
    .transform((v) => v ?? null),
  comment_response_details: z
    .object({
      engaged: count,
      reacted: count,
      upvoted: count,
      downvoted: count,
      reacted_other: count,
      replied: count,
    })
    .nullish()
    .transform((v) => v ?? null),
});

/** The page envelope; rows are validated one by one so a bad row's path can be reported precisely. */
export const pageEnvelopeSchema = z.object({
  data: z.array(z.unknown()),
  has_more: z.boolean(),
  next_page: maybeString,
});

export type UsageRow = z.infer<typeof usageRowSchema>;
export type UsageMetrics = z.infer<typeof usageTotalsSchema>;
export type ClientUsage = z.infer<typeof clientUsageSchema>;
export type ModelUsage = z.infer<typeof modelUsageSchema>;
export type CodeReviewRow = z.infer<typeof codeReviewRowSchema>;
export type CodeReviewResponseRow = z.infer<typeof codeReviewResponseRowSchema>;

export const endpoints = {
  usage: usageRowSchema,
  code_reviews: codeReviewRowSchema,
  code_review_responses: codeReviewResponseRowSchema,
} as const;

export type Endpoint = keyof typeof endpoints;
export type RowOf<E extends Endpoint> = z.infer<(typeof endpoints)[E]>;

/** Query parameters, as the client accepts them (times are Unix seconds, end exclusive). */
export interface AnalyticsQuery {
  startTime?: number;
  endTime?: number;
  groupBy?: 'day' | 'week';
  /** usage only: 'workspace' → one workspace row per bucket; omitted → one row per user per bucket. */
  group?: 'workspace';
  limit?: number;
}

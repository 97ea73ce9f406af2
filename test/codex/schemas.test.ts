import { describe, expect, it } from 'vitest';
import { codeReviewResponseRowSchema, usageRowSchema } from '../../src/codex/schemas.js';

// The contract's own example row (../shared/docs/codex-analytics-api.md).
const exampleRow = {
  object: 'user.codex.usage.result',
  start_time: 1767225600,
  end_time: 1767312000,
  user_id: 'user-8Kq3c2',
  actor: { type: 'ACCOUNT_USER', user_id: 'user-8Kq3c2', email: 'dev1@example.com' },
  totals: {
    threads: 4,
    turns: 31,
    credits: 182.5,
    cost_usd: null,
    estimated_cost_usd: 7.3,
    uncached_text_input_tokens: 410233,
    cached_text_input_tokens: 2210400,
    text_output_tokens: 38117,
    text_total_tokens: 2658750,
  },
  clients: [
    { client_id: 'CODEX_CLI', threads: 3, turns: 22, credits: 140.0 },
    { client_id: 'CODEX_IDE_VSCODE', threads: 1, turns: 9, credits: 42.5 },
  ],
  models: [{ model: 'gpt-5.4', speed: 'standard', credits: 182.5 }],
  code_attribution: { lines_added: 120, lines_removed: 14 },
};

describe('usageRowSchema', () => {
  it('parses the contract example, keeping null costs unknown', () => {
    const row = usageRowSchema.parse(exampleRow);
    expect(row.totals.credits).toBe(182.5);
    expect(row.totals.cost_usd).toBeNull();
    expect(row.clients[1]?.client_id).toBe('CODEX_IDE_VSCODE');
    // Tokens missing on a breakdown item are unknown, not zero.
    expect(row.clients[0]?.text_total_tokens).toBeNull();
  });

  it('tolerates unknown fields, unknown client ids, null actor and null breakdowns', () => {
    const row = usageRowSchema.parse({
      ...exampleRow,
      brand_new_field: { nested: true },
      user_id: null,
      actor: null,
      clients: [{ client_id: 'CODEX_NOT_YET_INVENTED', credits: 1 }],
      models: null,
      code_attribution: null,
    });
    expect(row.actor).toBeNull();
    expect(row.models).toEqual([]);
    expect(row.clients[0]?.threads).toBe(0);
  });

  it('rejects a value of the wrong type, naming the path', () => {
    const result = usageRowSchema.safeParse({
      ...exampleRow,
      totals: { ...exampleRow.totals, credits: 'lots' },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['totals', 'credits']);
  });
});

describe('codeReviewResponseRowSchema', () => {
  it('reads missing detail objects as null rather than zeros', () => {
    const row = codeReviewResponseRowSchema.parse({ start_time: 0, end_time: 86400, comments: 5 });
    expect(row.reaction_details).toBeNull();
    expect(row.comment_response_details).toBeNull();
    expect(row.replies).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { buildUrl } from '../../src/codex/paginate.js';

describe('buildUrl', () => {
  const base = 'https://api.example/v1/analytics/codex/workspaces/ws/usage';
  it('never sends group_by=day, the default missing from the OpenAPI capture (issue 9)', () => {
    const url = new URL(buildUrl(base, { startTime: 1, endTime: 2, groupBy: 'day' }, null));
    expect(url.searchParams.has('group_by')).toBe(false);
    expect(url.searchParams.get('start_time')).toBe('1');
  });
  it('sends group_by=week when weekly buckets are wanted', () => {
    const url = new URL(buildUrl(base, { groupBy: 'week', group: 'workspace', limit: 10 }, 'abc'));
    expect(Object.fromEntries(url.searchParams)).toEqual({
      group_by: 'week',
      group: 'workspace',
      limit: '10',
      page: 'abc',
    });
  });
});

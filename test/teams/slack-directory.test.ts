import { webApi } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { createSlackDirectory, slackTierDefaults } from '../../src/teams/create-slack-directory.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { TEST_NOW } from '../helpers/test-clock.js';

describe('Slack directory within rate tiers (issue 12)', () => {
  let fake: FakeSlack;
  let clock: ReturnType<typeof createManualClock>;
  const logger = createMemoryLogger();
  const directoryFor = (maxRateLimitWaits = slackTierDefaults.maxRateLimitWaits) =>
    createSlackDirectory({
      api: new webApi.WebClient('xoxb-test', {
        slackApiUrl: fake.url,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        logger,
      }),
      clock,
      logger,
      tierPerMinute: slackTierDefaults.tierPerMinute,
      maxRateLimitWaits,
    });

  beforeEach(async () => {
    clock = createManualClock(TEST_NOW);
    // Slack's documented minimums, enforced strictly: pacing must keep every call under them.
    fake = await startFakeSlack({ tierLimits: { 2: 20, 3: 50, 4: 100 }, now: clock.now });
    logger.lines.length = 0;
  });
  afterEach(async () => {
    await fake.close();
  });

  it('pages users.list 200 at a time, 20 a minute, without a single 429', async () => {
    for (let i = 0; i < 4_500; i += 1) {
      const id = `U${String(i).padStart(6, '0')}`;
      fake.users.set(id, { id, name: `p${i}`, ...(i % 7 === 0 ? {} : { email: `p${i}@example.com` }) });
    }
    const directory = directoryFor(0);
    const people = await directory.users();
    expect(people).toHaveLength(4_500);
    expect(people.filter((p) => p.email === null)).toHaveLength(643);
    // 23 pages: the 21st waits for the first to leave the 60 s window.
    expect(directory.requests()).toBe(23);
    expect(fake.calls).toHaveLength(23);
    const elapsed = clock.now().getTime() - TEST_NOW.getTime();
    expect(elapsed).toBeGreaterThanOrEqual(60_000);
    expect(elapsed).toBeLessThan(120_000);
  });

  it('pages channel members and names the channel', async () => {
    fake.channels.set('C1', { id: 'C1', name: 'team-payments' });
    fake.channelMembers.set(
      'C1',
      Array.from({ length: 450 }, (_, i) => `U${i}`),
    );
    const directory = directoryFor();
    expect(await directory.channelMembers('C1')).toHaveLength(450);
    expect(await directory.channelName('C1')).toBe('team-payments');
    expect(fake.calls.map((c) => c.method)).toEqual([
      'conversations.members',
      'conversations.members',
      'conversations.members',
      'conversations.info',
    ]);
  });

  it('gives up after maxRateLimitWaits 429s in a row, each waited out on the clock', async () => {
    fake.failNext('usergroups.list', { status: 429, retryAfter: 30 }, 3);
    await expect(directoryFor(2).usergroups()).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(clock.now().getTime() - TEST_NOW.getTime()).toBe(60_000);
    expect(logger.lines.filter((l) => l.msg === 'teams: Slack rate limited a directory call')).toHaveLength(
      2,
    );
    // The fourth attempt would have succeeded: one more allowed wait and the call goes through.
    fake.failNext('usergroups.list', { status: 429, retryAfter: 5 }, 1);
    await expect(directoryFor(1).usergroups()).resolves.toEqual([]);
  });
});

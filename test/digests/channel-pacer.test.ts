import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/clock.js';
import { createChannelPacer } from '../../src/digests/channel-pacer.js';

const T0 = new Date('2026-11-23T08:00:00Z');

describe('channel pacer', () => {
  it('spaces one channel’s posts by the interval, counted from each answer', async () => {
    const clock = createManualClock(T0);
    const pacer = createChannelPacer(clock);
    const times: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map((i) =>
        pacer.run('C1', async () => {
          times.push(clock.now().getTime() - T0.getTime());
          clock.advance(50); // the post's own round trip
          return i;
        }),
      ),
    );
    expect(times).toEqual([0, 1_050, 2_100, 3_150]);
  });

  it('does not hold a channel behind another one', async () => {
    const clock = createManualClock(T0);
    const pacer = createChannelPacer(clock);
    const order: string[] = [];
    const post = (channel: string, n: number) =>
      pacer.run(channel, async () => order.push(`${channel}#${n}`));
    await Promise.all([post('A', 1), post('A', 2), post('A', 3), post('B', 1), post('B', 2)]);
    // B's first post does not wait for A's queue.
    expect(order.indexOf('B#1')).toBeLessThan(order.indexOf('A#2'));
    expect(order.filter((o) => o.startsWith('A'))).toEqual(['A#1', 'A#2', 'A#3']);
  });

  it('honours Retry-After on a 429 for that channel, then gives up after the retry budget', async () => {
    const clock = createManualClock(T0);
    const pacer = createChannelPacer(clock, { maxRateLimitRetries: 2 });
    const limited = Object.assign(new Error('rate limited'), {
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 5,
    });
    let calls = 0;
    const ok = await pacer.run('C1', async () => {
      calls += 1;
      if (calls === 1) throw limited;
      return clock.now().getTime() - T0.getTime();
    });
    expect(ok).toBe(5_000);
    await expect(
      pacer.run('C1', async () => {
        throw limited;
      }),
    ).rejects.toBe(limited);
    // Any other error is not retried.
    const boom = new Error('boom');
    let tries = 0;
    await expect(
      pacer.run('C2', async () => {
        tries += 1;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(tries).toBe(1);
  });
});

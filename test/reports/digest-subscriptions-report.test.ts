import { describe, expect, it } from 'vitest';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import {
  buildDigestSubscriptionsReport,
  SUBSCRIPTIONS_SHOWN,
} from '../../reports/subscriptions/digest-subscriptions-report.js';
import { manySubscriptions, run, subscription, threeSubscriptions } from './digest-fixtures.js';

describe('buildDigestSubscriptionsReport', () => {
  it('lists id, channel, schedule, style and status with the last runs and their reasons', () => {
    const message = buildDigestSubscriptionsReport(threeSubscriptions(), { isAdmin: true });
    expect(checkLimits(message)).toEqual([]);
    expect(message.text).toBe('3 digest subscriptions, 1 paused.');
    const [healthy, paused, fresh] = message.blocks.slice(1, 4).map((b) => JSON.stringify(b));
    expect(healthy).toContain('`d7k3q`');
    expect(healthy).toContain('<#C0GENERAL1>');
    expect(healthy).toContain('every Monday at 09:00 Europe/Berlin');
    expect(healthy).toContain('standard digest · active');
    // Runs read in the subscription's zone: 08:00 UTC is 09:00 in Berlin.
    expect(healthy).toContain('delivered · Mon 23 Nov, 09:00 (week of Mon 16 Nov)');
    expect(healthy).toContain('skipped: missed its slot');
    expect(paused).toContain('every Friday at 16:30 America/New_York');
    expect(paused).toContain('leadership digest · paused: the bot isn’t in the channel');
    expect(paused).toContain('failed: the bot isn’t in the channel — `/invite @Codex Pulse` there');
    expect(fresh).toContain('no runs yet');
    expect(JSON.stringify(message.blocks.at(-1))).toContain('/codex digest unsubscribe <id>');
  });

  it('reads monthly and quarterly schedules and names the month or quarter a run covered', () => {
    const november = Date.UTC(2026, 10, 1) / 1000;
    const delivered = { ...run('m0nth', 0, 'delivered'), periodStart: november };
    const items = [
      { subscription: subscription({ id: 'm0nth', cadence: 'monthly' }), runs: [delivered] },
      {
        subscription: subscription({ id: 'qu4rt', cadence: 'quarterly', day: 'fri' }),
        runs: [{ ...run('qu4rt', 0, 'delivered'), periodStart: Date.UTC(2026, 6, 1) / 1000 }],
      },
    ];
    const report = buildDigestSubscriptionsReport(items, { isAdmin: true });
    expect(JSON.stringify(report.blocks[0])).toContain('"Digest subscriptions"');
    const [monthly, quarterly] = report.blocks.slice(1, 3).map((b) => JSON.stringify(b));
    expect(monthly).toContain('the first Monday of each month at 09:00 Europe/Berlin');
    expect(monthly).toContain('(November 2026)');
    expect(quarterly).toContain('the first Friday of each quarter at 09:00 Europe/Berlin');
    expect(quarterly).toContain('(Q3 2026)');
  });

  it('shows at most three runs and escapes unknown reasons as code', () => {
    const item = {
      subscription: subscription(),
      runs: [0, 1, 2, 3].map((w) => run('d7k3q', w, 'failed', '<!channel> broke')),
    };
    const json = JSON.stringify(buildDigestSubscriptionsReport([item], { isAdmin: false }).blocks);
    expect(json.match(/failed: /g)).toHaveLength(3);
    expect(json).toContain('`&lt;!channel&gt; broke`');
    expect(json).not.toContain('<!channel>');
  });

  it('empty: says how to subscribe (admins) or whom to ask (members)', () => {
    const admin = buildDigestSubscriptionsReport([], { isAdmin: true });
    expect(admin.text).toBe('No digest subscriptions yet.');
    expect(JSON.stringify(admin.blocks)).toContain('`/codex digest subscribe`');
    const member = JSON.stringify(buildDigestSubscriptionsReport([], { isAdmin: false }).blocks);
    expect(member).toContain('Ask a Codex Pulse admin');
  });

  it.each([1, SUBSCRIPTIONS_SHOWN, 500])('%i subscriptions with long reasons stay within limits', (n) => {
    const message = buildDigestSubscriptionsReport(manySubscriptions(n), { isAdmin: true });
    expect(checkLimits(message)).toEqual([]);
    if (n > SUBSCRIPTIONS_SHOWN) {
      expect(JSON.stringify(message.blocks)).toContain(`…and ${n - SUBSCRIPTIONS_SHOWN} more subscriptions`);
    }
  });
});

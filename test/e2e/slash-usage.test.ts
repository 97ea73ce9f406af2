import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCredits, formatInteger } from '../../reports/blocks/format.js';
import { checkLimits } from '../../reports/limits/slack-limits.js';
import { lastClosedWeek } from '../../src/domain/utc-days.js';
import { closedPort } from '../codex/helpers.js';
import { sendSigned, signedSlashCommand } from '../helpers/slack-signing.js';
import { ALICE, allText, type E2e, SECRET, STACK_TRACE, startE2e } from './e2e-harness.js';

describe('/codex usage end to end', () => {
  let e: E2e;
  beforeAll(async () => {
    e = await startE2e();
  });
  afterAll(async () => {
    await e?.close();
  });

  it('acks at once, then replaces the placeholder with the report and its uploaded chart', async () => {
    // API latency makes "ack before answer" a wide margin rather than a race.
    e.sim.setFaults({ latencyMs: 50 });
    const sent = await e.slash('usage last-week', { user_id: ALICE });
    e.sim.setFaults({});
    expect(sent.status).toBe(200);
    expect(sent.ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Working') });
    expect(sent.answeredBeforeAck).toBe(false);

    const answer = await e.answer(sent.responseUrl);
    const blocks = answer.blocks as never[];
    expect(answer).toMatchObject({ replace_original: true, response_type: 'ephemeral' });
    expect(checkLimits({ text: String(answer.text), blocks, charts: [] })).toEqual([]);

    const view = await e.c.analytics.usage(lastClosedWeek(e.clock.now()), { bucket: 'day', surface: null });
    expect(view.adoption.activeUsers).toBeGreaterThan(0);
    expect(String(answer.text)).toContain(`${formatInteger(view.adoption.activeUsers)} active users`);
    expect(allText(answer)).toContain(formatCredits(view.usage.totals.credits));

    // The chart went through the filesUploadV2 flow and is referenced by file id, not by URL.
    const methods = e.fake.calls.map((call) => call.method);
    for (const method of ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'])
      expect(methods).toContain(method);
    const upload = e.fake.uploads.find((u) => u.filename.endsWith('.png'));
    expect(upload?.bytes.subarray(1, 4).toString()).toBe('PNG');
    const image = (answer.blocks as Array<Record<string, unknown>>).find((b) => b.type === 'image');
    expect(image).toMatchObject({ slack_file: { id: upload?.fileId } });
  });

  it('answers during an API outage (503s) from the warehouse, with the age of its data (issue 11)', async () => {
    e.sim.setFaults({ rate5xx: 1 });
    try {
      const before = e.sim.stats().requests;
      // A window no other test asked for: read from the store the first answer loaded, not the API.
      const sent = await e.slash('reviews 60d', { user_id: ALICE });
      const answer = await e.answer(sent.responseUrl);
      expect(String(answer.text)).not.toContain('having trouble');
      expect(allText(answer)).toContain(
        'Source: Codex Analytics API, synced just now · data through Sun 22 Nov',
      );
      expect(allText(answer)).not.toMatch(STACK_TRACE);
      expect(e.sim.stats().requests).toBe(before);
    } finally {
      e.sim.setFaults({});
    }
  });

  it('with nothing stored yet, an outage gets a friendly message and no stack trace', async () => {
    const fresh = await startE2e({}, { syncFirst: false });
    try {
      fresh.sim.setFaults({ rate5xx: 1 });
      const sent = await fresh.slash('reviews 60d', { user_id: ALICE });
      const answer = await fresh.answer(sent.responseUrl);
      expect(String(answer.text)).toContain('Codex Analytics API is having trouble');
      expect(allText(answer)).not.toMatch(STACK_TRACE);
      expect(fresh.logger.lines.some((l) => l.code === 'codex_unavailable')).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('rejects a bad signature and a replayed (6-minute-old) request with 401', async () => {
    const fields = { text: 'usage', response_url: e.fake.responseUrl() };
    const forged = signedSlashCommand(fields, { secret: SECRET, signature: `v0=${'0'.repeat(64)}` });
    const stale = signedSlashCommand(fields, {
      secret: SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 360,
    });
    for (const request of [forged, stale]) {
      const res = await sendSigned(`${e.base}/slack/events`, request);
      await res.text();
      expect(res.status).toBe(401);
    }
    expect(e.fake.responses.some((r) => r.url === fields.response_url)).toBe(false);
  });

  it('serves GET /healthz', async () => {
    const res = await fetch(`${e.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });
});

describe('/codex usage with the Codex API down', () => {
  let e: E2e;
  beforeAll(async () => {
    // Nothing listens there: every connection is refused. Production retries and request budget.
    const port = await closedPort();
    e = await startE2e({
      CODEX_API_BASE_URL: `http://127.0.0.1:${port}/v1/analytics/codex`,
      CODEX_API_MAX_RETRIES: '4',
      CODEX_API_REQUESTS_PER_MINUTE: '90',
    });
  });
  afterAll(async () => {
    await e?.close();
  });

  it("says it can't reach the API within seconds of clock time, then fails fast while the circuit is open", async () => {
    // Issue 9, 5.4: this took 60–110 s, each refused retry waiting for a slot of the request budget.
    const started = e.clock.now().getTime();
    const first = await e.slash('usage 14d', { user_id: ALICE });
    const answer = await e.answer(first.responseUrl);
    expect(String(answer.text)).toContain("can't reach the Codex Analytics API");
    expect(e.clock.now().getTime() - started).toBeLessThan(2_000);

    const second = await e.slash('usage 30d', { user_id: ALICE });
    expect(String((await e.answer(second.responseUrl)).text)).toContain(
      "can't reach the Codex Analytics API",
    );
    const skipped = e.logger.lines.filter((l) => l.msg === 'codex request skipped: circuit open');
    expect(skipped.length).toBeGreaterThan(0);
    expect(e.clock.now().getTime() - started).toBeLessThan(2_000);
  });
});

/**
 * Operations (issue 9, part 6): GET /metrics and GET /readyz on the real app over HTTP, beside
 * /healthz, after real commands through the simulator and the fake Slack.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, type E2e, startE2e } from './e2e-harness.js';

/** The value of one sample line of the Prometheus text, e.g. `name{a="b"}`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('operations: /metrics and /readyz', () => {
  let e: E2e;
  beforeAll(async () => {
    e = await startE2e({}, { digests: true });
  });
  afterAll(() => e.close());

  const metrics = async () => {
    const res = await fetch(`${e.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    return res.text();
  };

  it('counts a command by name and outcome, its Codex API requests, and its ack and answer latency', async () => {
    const sent = await e.slash('usage last-week', { user_id: ALICE });
    expect(sent.status).toBe(200);
    await e.answer(sent.responseUrl);
    const text = await metrics();
    expect(sample(text, 'codex_pulse_commands_total{command="usage",outcome="ok"}')).toBe(1);
    expect(
      sample(text, 'codex_pulse_codex_api_requests_total{endpoint="usage",status="200"}'),
    ).toBeGreaterThan(0);
    expect(sample(text, 'codex_pulse_command_ack_seconds_count{command="usage"}')).toBe(1);
    expect(sample(text, 'codex_pulse_command_answer_seconds_count{command="usage"}')).toBe(1);
    // Process metrics come from the same per-composition registry.
    expect(text).toContain('codex_pulse_process_cpu_user_seconds_total');
  });

  it("labels what people type but the registry does not know as 'unknown', with the error code", async () => {
    const sent = await e.slash('frobnicate-9f3a everything', { user_id: ALICE });
    await e.answer(sent.responseUrl);
    const text = await metrics();
    expect(text).not.toContain('frobnicate');
    expect(sample(text, 'codex_pulse_commands_total{command="unknown",outcome="usage_invalid"}')).toBe(1);
  });

  it('counts a Slack API error by method and the code Slack gave', async () => {
    e.fake.failNext('users.info', { error: 'user_not_found' });
    // A user the bot has not looked up yet: their profile is not cached.
    e.fake.users.set('U0STRANGER', { id: 'U0STRANGER', name: 'stranger', tz: 'UTC' });
    const sent = await e.slash('usage 14d', { user_id: 'U0STRANGER' });
    await e.answer(sent.responseUrl);
    const text = await metrics();
    expect(
      sample(text, 'codex_pulse_slack_api_errors_total{method="users.info",code="user_not_found"}'),
    ).toBe(1);
  });

  it('is ready while the store answers, 503 with a short reason once it does not; /healthz stays 200', async () => {
    const ready = await fetch(`${e.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true });

    await e.digests?.store.close();
    const down = await fetch(`${e.base}/readyz`);
    expect(down.status).toBe(503);
    const body = (await down.json()) as { ok: boolean; reason: string };
    expect(body.ok).toBe(false);
    expect(body.reason).toMatch(/^store unreachable \(store_/);
    expect((await fetch(`${e.base}/healthz`)).status).toBe(200);
  });
});

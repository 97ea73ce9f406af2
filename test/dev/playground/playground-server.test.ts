import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_MUTE_ACTION_ID, ALERT_SNOOZE_ACTION_ID } from '../../../reports/alerts/alert-actions.js';
import { openEvents, type PlaygroundStack, postJson, startPlaygroundStack } from './playground-harness.js';

describe('playground server (no browser)', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    s = await startPlaygroundStack();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('serves the page, its script and stylesheet with a strict CSP, and labels itself a local playground', async () => {
    const page = await fetch(s.url);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('Local playground');
    expect(html).toContain('not connected to Slack; data from the Codex API simulator');
    expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/); // no external assets
    for (const asset of ['/assets/playground.js', '/assets/playground.css', '/assets/favicon.svg'])
      expect((await fetch(`${s.url}${asset}`)).status).toBe(200);
  });

  it('a slash command goes to the real bot, signed, and its answer streams back rendered', async () => {
    const events = await openEvents(s.url);
    expect((await postJson(`${s.url}/api/command`, { text: '/codex usage last-week' })).status).toBe(200);
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('bk-header') && e.data.ephemeral === true,
    );
    events.close();
    expect(data.html).toContain('Codex usage');
    expect(data.html).toContain('Only visible to you');
    expect(data.html).toMatch(/src="\/files\/F[A-Z0-9]+"/);
    const file = await fetch(`${s.url}${/src="(\/files\/[^"]+)"/.exec(data.html)?.[1]}`);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(1_000);
  });

  it('answers unknown slash commands like Slack does, without bothering the bot', async () => {
    const events = await openEvents(s.url);
    await postJson(`${s.url}/api/command`, { text: '/giphy <b>cats</b>' });
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('not a valid command'),
    );
    events.close();
    expect(data.html).toContain('/giphy');
    expect(data.html).not.toContain('<b>cats');
  });

  it('refuses cross-origin posts, foreign Host headers, non-JSON bodies and malformed input', async () => {
    const cross = await postJson(
      `${s.url}/api/command`,
      { text: '/codex help' },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    const form = await fetch(`${s.url}/api/command`, { method: 'POST', body: 'text=/codex help' });
    expect(form.status).toBe(403);
    expect((await postJson(`${s.url}/api/command`, { text: 42 })).status).toBe(400);
    expect((await postJson(`${s.url}/api/action`, { messageId: 'x' })).status).toBe(400);
    expect((await fetch(`${s.url}/files/F-missing`)).status).toBe(404);
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${s.url}/`, { headers: { host: 'attacker.example:3030' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(403);
  });

  it('says honestly that scheduled digests are not wired when no digest runner is given', async () => {
    const res = await postJson(`${s.url}/api/digests/run`, {});
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('digest scheduler') });
  });

  it('says honestly that stopping the Codex API needs the simulator when it is not wired', async () => {
    const res = await postJson(`${s.url}/api/codex-api`, { running: false });
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('simulator') });
  });

  it('says honestly that alerts need the simulator and the digest store when they are not wired', async () => {
    const res = await postJson(`${s.url}/api/alerts/spike`, {});
    expect(res.status).toBe(501);
    expect(await res.json()).toMatchObject({ error: expect.stringContaining('simulator') });
  });

  it('opens App Home with a signed app_home_opened event and streams the published view', async () => {
    const events = await openEvents(s.url);
    expect((await postJson(`${s.url}/api/home`, {})).status).toBe(200);
    const { data } = await events.waitFor((e) => e.type === 'home');
    events.close();
    expect(data.html).toContain('<div class="bk-header">Codex Pulse</div>');
    expect(data.html).toContain('data-action-id="home_open_report_usage"');
  });
});

describe('playground with scheduled digests (no browser)', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    s = await startPlaygroundStack({ digests: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('/codex digest commands share the store of the "run scheduled digests" control', async () => {
    const events = await openEvents(s.url);
    expect((await postJson(`${s.url}/api/digests/run`, {})).status).toBe(200);
    await postJson(`${s.url}/api/command`, { text: '/codex digest list' });
    const { data } = await events.waitFor(
      (e) =>
        e.type === 'upsert' && e.data.ephemeral === true && /Mon(day)?s? at 09:00/.test(String(e.data.html)),
    );
    events.close();
    expect(data.html).toMatch(/delivered/i);
  });
  it('names the period of the channel’s own subscription: a monthly one delivers this month’s digest', async () => {
    const demo = (await (await postJson(`${s.url}/api/digests/run`, {})).json()) as { summary?: string };
    const events = await openEvents(s.url);
    await postJson(`${s.url}/api/command`, { text: '/codex digest list' });
    const list = await events.waitFor(
      (e) => e.type === 'upsert' && e.data.ephemeral === true && /Owner/.test(String(e.data.html)),
    );
    const id = /<code[^>]*>([a-z0-9]{5})<\/code>/.exec(String(list.data.html))?.[1];
    expect(id, String(demo.summary)).toBeDefined();
    await postJson(`${s.url}/api/command`, { text: `/codex digest unsubscribe ${id}` });
    await events.waitFor((e) => e.type === 'upsert' && /Unsubscribed/.test(String(e.data.html)));
    await postJson(`${s.url}/api/command`, { text: '/codex digest subscribe monthly' });
    await events.waitFor((e) => e.type === 'upsert' && /monthly standard digest/.test(String(e.data.html)));
    events.close();
    const res = await postJson(`${s.url}/api/digests/run`, {});
    expect(await res.json()).toMatchObject({
      summary: expect.stringContaining("Delivered this month's digest to #codex-demo"),
    });
  });

  it('a typed #codex-demo reaches the bot as the picked channel, as Slack’s autocomplete sends it', async () => {
    const events = await openEvents(s.url);
    await postJson(`${s.url}/api/command`, { text: '/codex digest subscribe #codex-demo quarterly' });
    const reply = await events.waitFor(
      (e) =>
        e.type === 'upsert' &&
        e.data.ephemeral === true &&
        /standard digest|which channel/.test(String(e.data.html)),
    );
    events.close();
    expect(String(reply.data.html)).toContain('quarterly standard digest');
  });

  it('"you" are a simulated Codex user: /codex me shows your week and me subscribe delivers it by DM (issue 13)', async () => {
    const events = await openEvents(s.url);
    const html = (e: { data: Record<string, unknown> }) => String(e.data.html);
    await postJson(`${s.url}/api/command`, { text: '/codex me last-week' });
    const me = await events.waitFor(
      (e) => e.type === 'upsert' && /Your Codex usage|No Codex usage found/.test(html(e)),
    );
    expect(html(me)).toContain('Your Codex usage');
    // The harness's now is Tuesday 10:00 UTC: a Tuesday 09:00 slot is due at once.
    await postJson(`${s.url}/api/command`, { text: '/codex me subscribe tue 09:00' });
    await events.waitFor((e) => e.type === 'upsert' && /weekly DM/.test(html(e)));
    expect((await postJson(`${s.url}/api/digests/run`, {})).status).toBe(200);
    const dm = await events.waitFor(
      (e) => e.type === 'upsert' && e.data.conversation === 'D0PLAYER01' && /Your Codex week/.test(html(e)),
    );
    events.close();
    expect(html(dm)).toContain('Unsubscribe');
  });
});

describe('playground: sync with a spike, then run alerts (issue 13)', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    s = await startPlaygroundStack({ digests: true, alerts: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('posts the spike’s alert once in the channel, with snooze and mute buttons that work', async () => {
    const events = await openEvents(s.url);
    const first = await postJson(`${s.url}/api/alerts/spike`, {});
    expect(first.status).toBe(200);
    expect(((await first.json()) as { summary: string }).summary).toMatch(
      /Spiked 2026-11-22 ×6 .* posted 1 alert\(s\) to #codex-demo/,
    );
    const alert = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('Sun 22 Nov'),
    );
    // A Sunday, measured against the weekend days of the 28 days before it.
    expect(alert.data.html).toContain('over the last 8 weekend days');
    expect(alert.data.html).toContain(`data-action-id="${ALERT_SNOOZE_ACTION_ID}"`);
    expect(alert.data.html).toContain(`data-action-id="${ALERT_MUTE_ACTION_ID}"`);
    // Once: a second click syncs again and finds the period already posted.
    const second = await postJson(`${s.url}/api/alerts/spike`, {});
    expect(((await second.json()) as { summary: string }).summary).toContain('Nothing new to post');
    const alerts = events
      .seen()
      .filter((e) => e.type === 'upsert' && String(e.data.html).includes(ALERT_SNOOZE_ACTION_ID));
    expect(new Set(alerts.map((e) => e.data.id)).size).toBe(1);
    // The mute button, clicked as the page clicks it: the bot mutes the rule and says so.
    const button = new RegExp(
      `data-action-id="${ALERT_MUTE_ACTION_ID}" data-block-id="([^"]+)" data-value="([^"]+)"`,
    ).exec(String(alert.data.html));
    const mute = await postJson(`${s.url}/api/action`, {
      messageId: alert.data.id,
      actionId: ALERT_MUTE_ACTION_ID,
      blockId: button?.[1] ?? '',
      value: button?.[2] ?? '',
      label: 'Mute',
    });
    expect(mute.status).toBe(200);
    await events.waitFor((e) => e.type === 'upsert' && /muted/i.test(String(e.data.html)));
    events.close();
  });
});

describe('playground: a spike on a weekend day (issue 13)', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    // Monday evening, as the demo of 7 Dec 2026 ran: the newest closed day is a Sunday, whose credits ×6
    // stayed inside the weekday spread of the 28 days before while the rule judged a day against all of
    // them, so the anomaly rule posted nothing. It now judges a Sunday against the weekend days.
    s = await startPlaygroundStack({ digests: true, alerts: true, now: new Date('2026-12-07T19:00:00Z') });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('still posts the alert, with the same ×6 as a weekday', async () => {
    const res = await postJson(`${s.url}/api/alerts/spike`, {});
    expect(((await res.json()) as { summary: string }).summary).toMatch(
      /Spiked 2026-12-06 ×6 .* posted 1 alert\(s\) to #codex-demo/,
    );
  });
});

describe('playground: stop the Codex API (issue 11, Done when)', () => {
  let s: PlaygroundStack;
  beforeAll(async () => {
    s = await startPlaygroundStack({ codexApi: true });
  });
  afterAll(async () => {
    await s?.close();
  });

  /** What a page that connects now is told about the running playground (its `reset` event). */
  const liveFacts = async () => {
    const events = await openEvents(s.url);
    const { data } = await events.waitFor((e) => e.type === 'reset');
    events.close();
    return data.live;
  };
  const syncRuns = async () =>
    (await s.c.metrics.registry.metrics())
      .split('\n')
      .filter((l) => l.startsWith('codex_pulse_sync_runs_total{'));

  it('answers from the warehouse with its age while the API is down; the failed sync reaches the log and metrics', async () => {
    s.clock.advance(3 * 3_600_000);
    const stop = await postJson(`${s.url}/api/codex-api`, { running: false });
    expect(stop.status).toBe(200);
    const stopped = (await stop.json()) as { running: boolean; summary: string };
    expect(stopped.running).toBe(false);
    expect(stopped.summary).toContain('Codex API stopped. A sync just ran and failed (codex_unreachable)');
    expect(s.logger.lines).toContainEqual(
      expect.objectContaining({ msg: 'sync: failed', code: 'codex_unreachable' }),
    );
    expect(await syncRuns()).toContainEqual(expect.stringContaining('outcome="codex_unreachable"'));

    const events = await openEvents(s.url);
    await postJson(`${s.url}/api/command`, { text: '/codex usage last-week' });
    const { data } = await events.waitFor(
      (e) => e.type === 'upsert' && String(e.data.html).includes('bk-header') && e.data.ephemeral === true,
    );
    events.close();
    expect(data.html).toContain('Codex usage');
    // Three hours after the last good sync, the answer says how old its data is.
    expect(data.html).toContain('Source: Codex Analytics API, synced 3 h ago · data through Sun 22 Nov');
    expect(data.html).not.toMatch(/unreachable|unavailable|try again/i);

    // A reloaded page learns that the API is stopped, to label its button "Start".
    expect(await liveFacts()).toEqual({ codexApiRunning: false });

    // Starting again syncs at once: the failed sync opened the client's circuit breaker (30 s cool-down),
    // but the playground restarted the API itself and says so, so nothing waits and nothing fails fast.
    const pressed = s.clock.now();
    const start = await postJson(`${s.url}/api/codex-api`, { running: true });
    const started = (await start.json()) as { running: boolean; summary: string };
    expect(started).toMatchObject({ running: true });
    expect(started.summary).toContain('Codex API running again. A sync caught up: synced just now');
    const [restart] = await s.c.sync.warehouse.syncRuns(1);
    expect(restart).toMatchObject({ outcome: 'ok', startedAt: pressed });
    expect(await syncRuns()).toContainEqual(expect.stringMatching(/outcome="ok"\} [1-9]/));
    expect(await liveFacts()).toEqual({ codexApiRunning: true });

    // …and so does the next sync anyone asks for.
    expect(await s.c.sync.job.run({ onProgress: () => {} })).toMatchObject({
      outcome: 'ok',
      startedAt: pressed,
    });
  });
});

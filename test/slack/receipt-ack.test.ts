/**
 * Issue 9, 5.5: the HTTP receiver acks a verified `/codex` on receipt, before Bolt's middleware runs,
 * then hands it to the real Bolt app, which answers it as before. A middleware held shut by a gate
 * shows which came first: the ack arrives while Bolt has not yet let the command through. The
 * signature and timestamp checks still stand in front of that ack.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_HOLD_MS, QUIET_MS } from '../../src/slack/burst-gate.js';
import { manualQuietTimer } from '../helpers/manual-quiet-timer.js';
import { sendSigned, signedAction, signedSlashCommand } from '../helpers/slack-signing.js';
import { gate, type Harness, SECRET, startEdge } from './edge-harness.js';

const WORKING = { response_type: 'ephemeral', text: 'Working on it… :hourglass:' };

/** One event-loop turn of this process (the app's): never a timed sleep. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('/codex acked on receipt', () => {
  let h: Harness;
  /** Holds Bolt's middleware chain shut until opened. */
  let bolt: ReturnType<typeof gate>;
  /** Opens when the first request reaches Bolt's middleware chain. */
  let entered: ReturnType<typeof gate>;
  /** What reached Bolt's middleware chain, in order. */
  let seen: string[];
  beforeEach(async () => {
    h = await startEdge();
    bolt = gate();
    entered = gate();
    seen = [];
    h.edge.app.use(async ({ body, next }) => {
      seen.push('command' in body ? body.command : body.type);
      entered.open();
      await bolt.promise;
      await next();
    });
  });
  afterEach(async () => {
    bolt.open();
    h.slow.open();
    await h.close();
  });

  it("acks before Bolt's middleware lets the command through, then Bolt answers it", async () => {
    const { status, ack, responseUrl } = await h.slash('plain');
    expect(status).toBe(200);
    expect(ack).toEqual(WORKING);
    expect(h.invocations).toHaveLength(0);

    bolt.open();
    const answer = await h.answer(responseUrl);
    expect(answer).toMatchObject({ replace_original: true, text: expect.stringContaining('Plain') });
    expect(seen).toEqual(['/codex']);
    expect(h.invocations).toHaveLength(1);
    const metrics = await h.metrics.registry.metrics();
    expect(metrics).toContain('codex_pulse_command_ack_seconds_count{command="plain"} 1');
  });

  it('rejects a bad signature, a stale timestamp and a tampered body with 401, then answers a good command', async () => {
    const fields = { text: 'plain', response_url: h.fake.responseUrl() };
    const signed = signedSlashCommand(fields, { secret: SECRET });
    const rejected = [
      signedSlashCommand(fields, { secret: 'wrong-secret' }),
      signedSlashCommand(fields, { secret: SECRET, timestamp: Math.floor(Date.now() / 1000) - 360 }),
      { ...signed, body: signed.body.replace('plain', 'users') },
      { ...signed, headers: { ...signed.headers, 'x-slack-signature': '' } },
    ];
    bolt.open();
    for (const request of rejected) {
      const res = await sendSigned(`${h.base}/slack/events`, request);
      expect(res.status).toBe(401);
      expect(await res.text()).toBe('');
    }
    expect(seen).toEqual([]);

    const { status, ack, responseUrl } = await h.slash('plain');
    expect([status, ack]).toEqual([200, WORKING]);
    expect(await h.answer(responseUrl)).toMatchObject({ text: expect.stringContaining('Plain') });
    expect(h.invocations.map((i) => i.text)).toEqual(['plain']);
  });

  it('leaves other requests to Bolt: a button click is acked only once the middleware lets it through', async () => {
    let acked = false;
    const click = sendSigned(
      `${h.base}/slack/events`,
      signedAction(
        { actionId: 'codex_pulse_share', value: 'no-such-share', responseUrl: h.fake.responseUrl() },
        { secret: SECRET },
      ),
    ).then((res) => {
      acked = true;
      return res;
    });
    await entered.promise;
    expect(seen).toEqual(['block_actions']);
    expect(acked).toBe(false);
    bolt.open();
    expect((await click).status).toBe(200);
  });

  it('stop() waits for a command acked on receipt that Bolt has not processed yet', async () => {
    const { responseUrl } = await h.slash('slow');
    let stopped = false;
    const stopping = h.edge.stop().then(() => {
      stopped = true;
    });
    // The server has closed (a request is refused), and the acked command is still held before Bolt.
    while (
      await fetch(`${h.base}/healthz`).then(
        () => true,
        () => false,
      )
    );
    await turn();
    await turn();
    expect(stopped).toBe(false);
    expect(h.invocations).toHaveLength(0);

    bolt.open();
    h.slow.open();
    await stopping;
    const answered = h.fake.responses.filter(
      (r) => r.url === responseUrl && r.body.replace_original === true,
    );
    expect(answered.map((r) => String(r.body.text))).toEqual([expect.stringContaining('Slow answer')]);
  });
});

describe('/codex acked on receipt, handed to Bolt once the burst is over', () => {
  let h: Harness;
  let timer: ReturnType<typeof manualQuietTimer>;
  let seen: string[];
  /** Opens when the command reaches Bolt's middleware chain. */
  let entered: ReturnType<typeof gate>;
  beforeEach(async () => {
    timer = manualQuietTimer();
    h = await startEdge({ quietTimer: timer });
    seen = [];
    entered = gate();
    h.edge.app.use(async ({ body, next }) => {
      seen.push('command' in body ? body.command : body.type);
      entered.open();
      await next();
    });
  });
  afterEach(async () => {
    h.slow.open();
    await h.close();
  });

  /** Another request of the burst: a bad signature (401) still counts as an arrival. */
  const another = async () => {
    const forged = signedSlashCommand(
      { text: 'plain', response_url: h.fake.responseUrl() },
      { secret: 'wrong-secret' },
    );
    expect((await sendSigned(`${h.base}/slack/events`, forged)).status).toBe(401);
  };

  it('holds the hand-off while requests keep arriving less than the quiet interval apart', async () => {
    const { status, ack, responseUrl } = await h.slash('plain');
    expect([status, ack]).toEqual([200, WORKING]);
    for (let n = 0; n < 20; n += 1) {
      timer.advance(QUIET_MS - 1);
      await another();
      await turn();
      expect(seen).toEqual([]);
    }
    timer.advance(QUIET_MS);
    expect(await h.answer(responseUrl)).toMatchObject({ text: expect.stringContaining('Plain') });
    expect(seen).toEqual(['/codex']);
  });

  it('hands the command to Bolt after the maximum hold, though requests keep arriving', async () => {
    const { responseUrl } = await h.slash('plain');
    // A request every 2 ms (never quiet) until 2 ms before the limit.
    for (let held = 2; held < MAX_HOLD_MS; held += 2) {
      timer.advance(2);
      await another();
    }
    await turn();
    expect(seen).toEqual([]);
    timer.advance(2); // the limit, 2 ms after the last request: not yet quiet
    await entered.promise;
    expect(seen).toEqual(['/codex']);
    // The answer itself waits for quiet once more, behind the limiter (work-limiter.ts).
    timer.advance(QUIET_MS);
    expect(await h.answer(responseUrl)).toMatchObject({ text: expect.stringContaining('Plain') });
  });
});

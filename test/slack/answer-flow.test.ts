/**
 * What happens behind the ack (issue 9, 5.4 and 5.5), through the real Bolt app with signed requests:
 * the answer deadline (measured on the manual clock), the limiter on answers computed at once, and one
 * computation for identical questions.
 */

import { afterEach, describe, expect, it } from 'vitest';
import { sendSigned, signedEvent } from '../helpers/slack-signing.js';
import { answerOf, startAnswerFlow } from './answer-flow-harness.js';
import { GENERAL, gate, SECRET } from './edge-harness.js';

let app: Awaited<ReturnType<typeof startAnswerFlow>> | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Resolves when `signal` aborts; never otherwise — work that only an abort ends. */
const untilAborted = (signal: AbortSignal | undefined) =>
  new Promise<never>((_resolve, reject) => {
    if (signal?.aborted) reject(signal.reason);
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });

describe('the answer deadline', () => {
  it('tells the person once the work has spent 10 s of clock time, aborting its signal', async () => {
    let aborted = false;
    app = await startAnswerFlow({
      stall: async (inv) => {
        // Retries sleeping on the clock: 15 s pass (instantly, on the manual clock).
        await app?.clock.sleep(15_000);
        return untilAborted(inv.signal).catch((error: unknown) => {
          aborted = true;
          throw error;
        });
      },
    });
    const answer = await app.slash('stall');
    expect(String(answer.text)).toContain("didn't answer in time");
    expect(aborted).toBe(true);
    expect(app.logger.lines.find((l) => l.msg === 'command failed')).toMatchObject({
      code: 'answer_deadline',
      level: 'warn',
    });
  });

  it('answers even when the work ignores its signal', async () => {
    app = await startAnswerFlow({
      deaf: async () => {
        app?.clock.advance(10_000);
        return new Promise<never>(() => {});
      },
    });
    expect(String((await app.slash('deaf')).text)).toContain("didn't answer in time");
  });

  it('covers mentions too', async () => {
    app = await startAnswerFlow({
      stall: async (inv) => {
        app?.clock.advance(11_000);
        return untilAborted(inv.signal);
      },
    });
    const res = await sendSigned(
      app.events,
      signedEvent(
        { type: 'app_mention', user: 'U0ALICE001', channel: GENERAL, text: '<@U0FAKEBOT1> stall', ts: '1.1' },
        { secret: SECRET },
      ),
    );
    await res.text();
    const posted = await app.fake.waitFor((c) => c.method === 'chat.postEphemeral');
    expect(String(posted.params.text)).toContain("didn't answer in time");
  });

  it('does not fire for an answer that spends less', async () => {
    app = await startAnswerFlow({
      quick: async () => {
        await app?.clock.sleep(9_000);
        return answerOf('Quick');
      },
    });
    expect(String((await app.slash('quick')).text)).toContain('Quick');
  });
});

describe('answers behind the ack', () => {
  it('computes at most N answers at once; the others wait and still answer', async () => {
    let running = 0;
    let maxRunning = 0;
    const gates = Array.from({ length: 6 }, () => gate());
    const started: number[] = [];
    const startedOne: Array<() => void> = [];
    app = await startAnswerFlow(
      {
        work: async (inv) => {
          const n = Number(inv.text.split(' ')[1]);
          running += 1;
          maxRunning = Math.max(maxRunning, running);
          started.push(n);
          startedOne.shift()?.();
          await gates[n]?.promise;
          running -= 1;
          return answerOf(`Work ${n}`);
        },
      },
      { concurrency: 2 },
    );
    const nextStart = () => new Promise<void>((resolve) => startedOne.push(resolve));
    const firstTwo = Promise.all([nextStart(), nextStart()]);
    // Different users: no shared lookups, so without a limiter all six would run at once.
    const answers = [0, 1, 2, 3, 4, 5].map((n) => app?.slash(`work ${n}`, `U0USER000${n}`));
    await firstTwo;
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const next = nextStart();
      gates[started[n] ?? -1]?.open();
      if (n < 4) await next;
    }
    const texts = (await Promise.all(answers)).map((a) => String(a?.text));
    expect(texts.map((t) => /Work (\d)/.exec(t)?.[1])).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(maxRunning).toBe(2);
  });

  it('computes identical questions of a pure command once, and others every time', async () => {
    const release = gate();
    app = await startAnswerFlow(
      {
        pureusage: async () => {
          await release.promise;
          return answerOf('Usage');
        },
        personal: async (inv) => answerOf(`Personal ${inv.userId}`),
      },
      { concurrency: 4 },
    );
    const users = ['U0USER0001', 'U0USER0002', 'U0USER0003', 'U0USER0004', 'U0USER0005'];
    const answers = users.map((user) => app?.slash('pureusage  7d', user));
    release.open();
    for (const answer of await Promise.all(answers)) expect(String(answer?.text)).toContain('Usage');
    // Asked again in the same minute: still the one computation.
    expect(String((await app.slash('pureusage 7d')).text)).toContain('Usage');
    expect(app.dispatched.filter((t) => t.startsWith('pureusage'))).toHaveLength(1);

    for (const user of users.slice(0, 3)) await app.slash('personal', user);
    expect(app.dispatched.filter((t) => t === 'personal')).toHaveLength(3);
  });
});

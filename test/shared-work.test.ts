import { describe, expect, it } from 'vitest';
import { startSharedWork } from '../src/shared-work.js';

/** A computation that settles when told to, or rejects with its signal's reason once aborted. */
function controllable() {
  let signal: AbortSignal | undefined;
  let finish!: (value: string) => void;
  const compute = (s: AbortSignal) => {
    signal = s;
    return new Promise<string>((resolve, reject) => {
      finish = resolve;
      s.addEventListener('abort', () => reject(s.reason), { once: true });
    });
  };
  return { compute, finish: (value: string) => finish(value), aborted: () => signal?.aborted ?? false };
}

describe('startSharedWork', () => {
  it('aborts the computation only when the last caller waiting on it gives up', async () => {
    const work = controllable();
    let abandoned = 0;
    const shared = startSharedWork(work.compute, () => abandoned++);
    const [a, b] = [new AbortController(), new AbortController()];
    const waitA = shared.join(a.signal);
    const waitB = shared.join(b.signal);
    a.abort();
    await expect(waitA).rejects.toMatchObject({ name: 'AbortError' });
    expect(work.aborted()).toBe(false);
    expect(shared.abandoned).toBe(false);
    b.abort(new Error('deadline'));
    await expect(waitB).rejects.toMatchObject({ name: 'AbortError', cause: new Error('deadline') });
    expect(work.aborted()).toBe(true);
    expect(shared.abandoned).toBe(true);
    expect(abandoned).toBe(1);
    await expect(shared.result).rejects.toThrow('deadline');
  });

  it('never aborts while a caller without a signal waits', async () => {
    const work = controllable();
    const shared = startSharedWork(work.compute, () => {});
    const person = new AbortController();
    const gaveUp = shared.join(person.signal);
    const patient = shared.join(undefined);
    person.abort();
    await expect(gaveUp).rejects.toMatchObject({ name: 'AbortError' });
    expect(work.aborted()).toBe(false);
    work.finish('figures');
    expect(await patient).toBe('figures');
  });

  it('gives everyone still waiting the result, and a late abort changes nothing', async () => {
    const work = controllable();
    const shared = startSharedWork(work.compute, () => {});
    const asker = new AbortController();
    const waiting = shared.join(asker.signal);
    work.finish('figures');
    expect(await waiting).toBe('figures');
    asker.abort();
    expect(work.aborted()).toBe(false);
    expect(await shared.join(new AbortController().signal)).toBe('figures');
  });

  it('refuses a caller whose signal has already aborted without counting it as waiting', async () => {
    const work = controllable();
    const shared = startSharedWork(work.compute, () => {});
    const gone = new AbortController();
    gone.abort();
    await expect(shared.join(gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    const asker = new AbortController();
    const waiting = shared.join(asker.signal);
    asker.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    // The one real waiter gave up: abandoned, whatever the refused caller did before.
    expect(work.aborted()).toBe(true);
  });

  it('turns a computation that throws at once into a rejected result', async () => {
    const shared = startSharedWork<string>(
      () => {
        throw new Error('bad window');
      },
      () => {},
    );
    await expect(shared.join(undefined)).rejects.toThrow('bad window');
  });
});

/**
 * Handing the commands acked on receipt to Bolt (issue 9, 5.5). They wait in one queue until the burst
 * has gone quiet (burst-gate.ts), then go to Bolt a slice at a time, one slice per event-loop turn: a
 * request arriving while a burst's 200 commands are handed over is read and acked between two slices,
 * not after all of them (Bolt's middleware chain for 200 commands at once held the loop for tens of ms —
 * the out-of-process burst bench's late acks when the 300 ms hold ran out mid-burst).
 *
 * One batch per quiet-wait: every command acked before the hand-off ends joins the batch in progress, so
 * the ack path adds an item to an array — no promise chain, no in-flight entry of its own per command.
 */
import type { BurstGate } from './burst-gate.js';

/** Commands handed to Bolt per event-loop turn once the burst is over. */
export const HANDOFF_SLICE = 8;

export interface ReceiptHandoff {
  /** Queues one acked command; `handOff` starts Bolt's processing of it and settles when that has (never rejects). */
  add(handOff: () => Promise<void>): void;
}

export interface ReceiptHandoffDeps {
  burst: BurstGate;
  /** Told of each batch as it starts; the batch settles once Bolt has processed every command in it. */
  onBatch(batch: Promise<void>): void;
  slice?: number;
}

export function createReceiptHandoff(deps: ReceiptHandoffDeps): ReceiptHandoff {
  const slice = deps.slice ?? HANDOFF_SLICE;
  const queue: Array<() => Promise<void>> = [];
  let handingOff = false;

  const handOffAll = async (): Promise<void> => {
    await deps.burst.whenQuiet();
    const handedOff: Array<Promise<void>> = [];
    for (;;) {
      for (const handOff of queue.splice(0, slice)) handedOff.push(handOff());
      if (queue.length === 0) break;
      // A turn of the event loop, not time: pending connections are read (and acked) before the next slice.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    // In the same synchronous step as the empty-queue check: a command acked from now on starts a new batch.
    handingOff = false;
    await Promise.all(handedOff);
  };

  return {
    add(handOff) {
      queue.push(handOff);
      if (handingOff) return;
      handingOff = true;
      deps.onBatch(handOffAll());
    },
  };
}

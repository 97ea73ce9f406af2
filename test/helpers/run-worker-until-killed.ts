import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'vitest';
import type { FakeSlack, FakeSlackCall } from '../../src/dev/fake-slack/fake-slack-types.js';

/** The post a worker dies at: the fake Slack SIGKILLs it there and drops the call. */
export interface KillAtPost {
  /** 'before': Slack never saw the post; 'after': Slack stored it, and its answer never arrives. */
  instant: 'before' | 'after';
  /** Whether this chat.postMessage is the one; every other call is answered. */
  isTarget(call: FakeSlackCall): boolean;
}

/**
 * Runs `worker` (a TypeScript file taking `args` as one JSON argument) in a child process until it is
 * SIGKILLed — by the fake Slack at the post `killAt` names, or by its own hand when `killAt` is null —
 * and expects exactly that death, with the worker's output in the failure message.
 */
export async function runWorkerUntilKilled(options: {
  worker: string;
  args: unknown;
  fake: FakeSlack;
  killAt: KillAtPost | null;
}): Promise<void> {
  const { worker, args, fake, killAt } = options;
  // node with tsx as a loader, not the tsx CLI: SIGKILL must reach the worker itself, not a wrapper.
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  let killed = false;
  const stop =
    killAt === null
      ? () => undefined
      : fake.intercept('chat.postMessage', killAt.instant, async (call) => {
          if (killed || !killAt.isTarget(call)) return 'answer';
          killed = true;
          child.kill('SIGKILL');
          await exited;
          return 'drop';
        });
  try {
    const [code, signal] = await exited;
    expect({ code, signal }, output).toEqual({ code: null, signal: 'SIGKILL' });
  } finally {
    stop();
  }
}

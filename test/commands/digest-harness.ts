/**
 * The command layer with scheduled digests, wired as src/main/ wires it: the command harness's real
 * simulator, client and analytics, the REAL embedded store (DuckDB in a temp DATA_DIR) and the real
 * digest service posting to the real fake Slack. No mocks.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DigestDeps } from '../../commands/command-deps.js';
import type { CommandRegistry, CommandReply } from '../../commands/command-types.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import { createManualClock } from '../../src/clock.js';
import { type FakeSlack, startFakeSlack } from '../../src/dev/fake-slack/fake-slack.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store-types.js';
import { type CommandHarness, fixedNow, invocation, startCommandHarness } from './command-harness.js';
import { createTestDigestService } from './digest-service-factory.js';

export interface DigestHarness {
  base: CommandHarness;
  store: Store;
  slack: FakeSlack;
  clock: ReturnType<typeof createManualClock>;
  digests: DigestDeps;
  registry: CommandRegistry;
  /** `/codex {text}` by an admin (U0ADMIN001) or a member (U0MEMBER01), in C0GENERAL1, team T0TEAM0001. */
  run(text: string, who?: { isAdmin?: boolean; teamId?: string }): Promise<CommandReply>;
  close(): Promise<void>;
}

export async function startDigestHarness(): Promise<DigestHarness> {
  const base = await startCommandHarness({ users: 120, seed: 'digest-cmd' });
  const dataDir = await mkdtemp(join(tmpdir(), 'codex-pulse-digest-cmd-'));
  const clock = createManualClock(fixedNow);
  const store = await openStore({ dataDir, logger: base.logger, clock });
  const slack = await startFakeSlack();
  const service = createTestDigestService({ base, store, slack, clock });
  const digests: DigestDeps = { subscriptions: store.subscriptions, deliveries: store.deliveries, service };
  const registry = createCommandRegistry({ analytics: base.analytics, logger: base.logger, digests });
  return {
    base,
    store,
    slack,
    clock,
    digests,
    registry,
    run: (text, who = {}) =>
      registry.dispatch({
        ...invocation(text, who),
        now: clock.now(),
        ...(who.teamId === undefined ? {} : { teamId: who.teamId }),
      }),
    close: async () => {
      await slack.close();
      await store.close();
      await base.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reply's mrkdwn in one string (section and context texts), for `toContain`. */
export function replyText(reply: CommandReply): string {
  if (reply.kind !== 'message') throw new Error(`expected a message reply, got ${reply.kind}`);
  return JSON.stringify(reply.message.blocks);
}

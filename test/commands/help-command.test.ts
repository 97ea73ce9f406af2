import { describe, expect, it } from 'vitest';
import { subcommandInfos } from '../../commands/args/subcommand-infos.js';
import { createCommandRegistry } from '../../commands/create-command-registry.js';
import { escapeMrkdwn } from '../../reports/blocks/escape-mrkdwn.js';
import type { WorkspaceAnalytics } from '../../src/analytics/workspace-analytics.js';
import { createMemoryLogger } from '../helpers/memory-logger.js';
import { expectReplyWithinLimits, invocation, messageOf } from './command-harness.js';

/**
 * Help never needs figures, so it runs without the simulator: this analytics fails the test if any
 * command path touches it (a stand-in that asserts, not a mock of our module).
 */
const untouchable = new Proxy({} as WorkspaceAnalytics, {
  get: (_target, key) => {
    throw new Error(`help touched analytics.${String(key)}`);
  },
});
const registry = createCommandRegistry({ analytics: untouchable, logger: createMemoryLogger() });

describe('/codex help', () => {
  it.each(['', '   ', 'help', '?'])(
    '%j lists every subcommand with usage, description and examples',
    async (text) => {
      const reply = await registry.dispatch(invocation(text));
      expect(reply).toMatchObject({ kind: 'message', visibility: 'ephemeral', shareable: false });
      expectReplyWithinLimits(reply);
      const blocks = JSON.stringify(messageOf(reply).blocks);
      for (const info of subcommandInfos) {
        expect(blocks).toContain(JSON.stringify(escapeMrkdwn(info.usage)).slice(1, -1));
        expect(blocks).toContain(JSON.stringify(escapeMrkdwn(info.description)).slice(1, -1));
        for (const example of info.examples) expect(blocks).toContain(JSON.stringify(example).slice(1, -1));
      }
    },
  );

  it('offers the team filter where it works and says why reviews have none (issue 12 §3)', async () => {
    const usage = JSON.stringify(messageOf(await registry.dispatch(invocation('help usage'))).blocks);
    expect(usage).toContain('[team @group]');
    expect(usage).toContain('/codex usage last-week team @platform');
    const reviews = JSON.stringify(messageOf(await registry.dispatch(invocation('help reviews'))).blocks);
    expect(reviews).not.toContain('[team @group]');
    expect(reviews).toContain('Workspace-wide: the API has no reviewer, so no team filter.');
  });

  it('says which answers are for admins, and whether the asker is one', async () => {
    const member = JSON.stringify(messageOf(await registry.dispatch(invocation('help'))).blocks);
    const admin = JSON.stringify(
      messageOf(await registry.dispatch(invocation('help', { isAdmin: true }))).blocks,
    );
    expect(member).toContain('limited to Codex Pulse admins');
    expect(member).toContain('`users` is for admins only');
    expect(admin).toContain('You are a Codex Pulse admin');
  });

  it('help on one command shows that command only; digest shows all its actions', async () => {
    const top = JSON.stringify(messageOf(await registry.dispatch(invocation('top help'))).blocks);
    expect(top).toContain('/codex top [credits');
    expect(top).not.toContain('/codex usage [range]');
    const digest = JSON.stringify(messageOf(await registry.dispatch(invocation('help digest'))).blocks);
    for (const info of subcommandInfos.filter((i) => i.name.startsWith('digest ')))
      expect(digest).toContain(JSON.stringify(escapeMrkdwn(info.usage)).slice(1, -1));
    expect(digest).not.toContain('coming soon');
    expect(digest).toContain(':lock: Admins only.');
  });

  it('exposes the args module’s subcommand infos to the edge', () => {
    expect(registry.subcommands).toBe(subcommandInfos);
  });
});

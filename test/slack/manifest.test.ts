import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse, parseDocument } from 'yaml';
import { subcommandInfos } from '../../commands/args/subcommand-infos.js';

const source = readFileSync(new URL('../../manifest.yml', import.meta.url), 'utf8');
const manifest = parse(source) as Record<string, any>;

/** The product's subcommands (first word; digest actions are separate entries): the hint must name each. */
const productSubcommands = [...new Set(subcommandInfos.map((s) => s.name.split(/\s+/)[0] ?? s.name))];

describe('manifest.yml', () => {
  it('describes the app, bot user and App Home', () => {
    expect(manifest.display_information.name).toBe('Codex Pulse');
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
  });

  it('declares /codex with a usage hint naming the subcommands', () => {
    const [command] = manifest.features.slash_commands;
    expect(command).toMatchObject({
      command: '/codex',
      should_escape: false,
      url: 'https://example.com/slack/events',
    });
    expect(command.description.length).toBeLessThanOrEqual(100);
    expect(productSubcommands.length).toBeGreaterThan(3);
    for (const name of productSubcommands) expect(command.usage_hint).toMatch(new RegExp(`\\b${name}\\b`));
  });

  it('requests exactly the bot scopes the edge uses, each with a comment saying why', () => {
    const required = [
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
      'files:read',
      'users:read',
      'users:read.email',
      'usergroups:read',
      'app_mentions:read',
      'im:write',
      // A roster uploaded in the bot's DM arrives as a message.im event (issue 12 §1b).
      'im:history',
      // A resumed digest reads what it already posted (issue 9, 5.1: exactly once across a crash).
      'channels:history',
      'groups:history',
    ];
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...required].sort());
    const doc = parseDocument(source);
    const scopes = doc.getIn(['oauth_config', 'scopes', 'bot']) as {
      commentBefore?: string;
      items: Array<{ value: string; comment?: string; commentBefore?: string }>;
    };
    scopes.items.forEach((item, i) => {
      // yaml attaches the comment above the first item to the sequence itself.
      const above = i === 0 ? scopes.commentBefore : item.commentBefore;
      expect(`${above ?? ''}${item.comment ?? ''}`.trim(), item.value).not.toBe('');
    });
  });

  it('subscribes to the events and interactivity the edge handles, HTTP mode by default', () => {
    const { settings } = manifest;
    expect([...settings.event_subscriptions.bot_events].sort()).toEqual([
      'app_home_opened',
      'app_mention',
      'message.im',
    ]);
    // Admins upload a roster in the bot's DM: the Messages tab must take messages.
    expect(manifest.features.app_home).toMatchObject({
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(settings.event_subscriptions.request_url).toBe('https://example.com/slack/events');
    expect(settings.interactivity).toMatchObject({
      is_enabled: true,
      request_url: 'https://example.com/slack/events',
    });
    expect(settings).toMatchObject({
      socket_mode_enabled: false,
      org_deploy_enabled: false,
      token_rotation_enabled: false,
    });
  });
});

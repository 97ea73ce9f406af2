import { describe, expect, it } from 'vitest';
import { parseCommandText } from '../../../commands/args/parse-command.js';
import {
  slashUsageHint,
  subcommandInfos,
  subcommandNames,
  usageOf,
} from '../../../commands/args/subcommand-infos.js';
import { usageLine } from '../../../commands/args/usage-error.js';

const now = new Date('2026-11-24T10:00:00Z');

describe('subcommandInfos', () => {
  it('has unique names, each usage line starting with its command', () => {
    const names = subcommandInfos.map((info) => info.name);
    expect(new Set(names).size).toBe(names.length);
    for (const info of subcommandInfos) {
      expect(info.usage.startsWith(`/codex ${info.name}`)).toBe(true);
      expect(info.description.length).toBeGreaterThan(10);
      expect(info.examples.length).toBeGreaterThan(0);
    }
  });

  it('lists the first words people type, digest once', () => {
    expect(subcommandNames).toEqual([
      'usage',
      'top',
      'reviews',
      'me',
      'export',
      'teams',
      'inactive',
      'nudge',
      'digest',
      'alert',
      'budget',
      'help',
    ]);
    expect(slashUsageHint).toContain(
      '[usage|top|reviews|me|export|teams|inactive|nudge|digest|alert|budget|help]',
    );
  });

  it('marks per-user answers', () => {
    const perUser = subcommandInfos.filter((info) => info.perUser).map((info) => info.name);
    expect(perUser).toEqual([
      'top',
      'export',
      'teams unmatched',
      'inactive',
      'nudge inactive',
      'digest subscribe',
      'digest preview',
      'digest send-now',
    ]);
  });

  it('has examples that parse to their own subcommand', () => {
    for (const info of subcommandInfos) {
      for (const example of info.examples) {
        const text = example.replace(/^\/codex\s*/, '').replace('#eng-leads', '<#C0123|eng-leads>');
        const parsed = parseCommandText(text, now);
        const name =
          parsed.name === 'nudge'
            ? 'nudge inactive'
            : 'action' in parsed
              ? `${parsed.name} ${parsed.action}`
              : parsed.name;
        expect(name).toBe(info.name);
      }
    }
  });

  it('offers help on every entry', () => {
    for (const info of subcommandInfos) {
      expect(parseCommandText(`help ${info.name}`, now)).toEqual({ name: 'help', topic: info.name });
    }
  });

  it('escapes angle brackets in usage lines sent to Slack', () => {
    expect(usageOf('digest unsubscribe')).toBe('/codex digest unsubscribe <id>');
    expect(usageLine('digest unsubscribe')).toBe('Usage: `/codex digest unsubscribe &lt;id&gt;`');
    expect(() => usageOf('nope')).toThrow();
  });
});

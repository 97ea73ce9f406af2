import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import { ConfigError } from '../../src/errors.js';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('teams config (issue 12)', () => {
  it('makes every user group a team when nothing is configured', () => {
    expect(loadConfig({}).teams).toEqual({ sources: ['usergroups'], channels: [] });
  });

  it('mixes sources, with channels, a roster and the seats group', () => {
    const teams = loadConfig({
      TEAM_SOURCES: 'roster, channels,roster',
      TEAM_CHANNELS: 'C1,C2',
      ROSTER_FILE: './roster.csv',
      SEATS_GROUP: 'S0LICENSED',
    }).teams;
    expect(teams).toEqual({
      sources: ['roster', 'channels'],
      channels: ['C1', 'C2'],
      rosterFile: './roster.csv',
      seatsGroup: 'S0LICENSED',
    });
  });

  it('takes the nudge DM text, and refuses one longer than 2000 characters', () => {
    expect(loadConfig({ NUDGE_MESSAGE: 'Hi! Try Codex.' }).teams.nudgeMessage).toBe('Hi! Try Codex.');
    expect(problemsOf(() => loadConfig({ NUDGE_MESSAGE: 'x'.repeat(2001) }))).toEqual([
      'NUDGE_MESSAGE: expected at most 2000',
    ]);
  });

  it('names an unknown source and the missing companions of channels and roster', () => {
    expect(problemsOf(() => loadConfig({ TEAM_SOURCES: 'usergroups,ldap' }))).toEqual([
      'TEAM_SOURCES: expected one of usergroups, channels, roster',
    ]);
    expect(problemsOf(() => loadConfig({ SEATS_GROUP: '#codex-licensed' }))).toEqual([
      'SEATS_GROUP: expected a channel id (C…), not a #name',
    ]);
    expect(problemsOf(() => loadConfig({ TEAM_SOURCES: 'channels,roster' }))).toEqual([
      'TEAM_CHANNELS: required when TEAM_SOURCES includes channels (comma-separated channel ids)',
      'ROSTER_FILE: required when TEAM_SOURCES includes roster (a .csv or .json file)',
    ]);
  });
});

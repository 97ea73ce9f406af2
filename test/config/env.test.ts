import { describe, expect, it } from 'vitest';
import { DEFAULT_CODEX_API_BASE_URL, DEMO_API_KEY, loadConfig } from '../../src/config/env.js';
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

describe('loadConfig', () => {
  it('runs on an empty environment with the documented defaults and demo credentials', () => {
    const config = loadConfig({});
    expect(config.codex.baseUrl).toBe(DEFAULT_CODEX_API_BASE_URL);
    expect(config.codex.apiKey).toBe(DEMO_API_KEY);
    expect(config.codex.demo).toBe(true);
    expect(config.charts.renderer).toBe('local');
    expect(config.slack.port).toBe(3000);
    expect(config.slack.adminUserIds).toEqual([]);
  });

  it('treats an empty string as missing', () => {
    const config = loadConfig({ CODEX_API_KEY: '', LOG_LEVEL: '', PORT: '' });
    expect(config.codex.demo).toBe(true);
    expect(config.logLevel).toBe('info');
    expect(config.slack.port).toBe(3000);
  });

  it('reports every problem at once, each naming its variable', () => {
    const problems = problemsOf(() =>
      loadConfig({ LOG_LEVEL: 'loud', PORT: 'eighty', CHART_RENDERER: 'svg', DATABASE_URL: 'mysql://x' }),
    );
    expect(problems).toHaveLength(4);
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'CHART_RENDERER',
      'DATABASE_URL',
      'LOG_LEVEL',
      'PORT',
    ]);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toContain('debug, info, warn, error');
  });

  it('lists what a subcommand needs and never echoes secret values', () => {
    const secret = 'not-a-bot-token-s3cr3t';
    const problems = problemsOf(() => loadConfig({ SLACK_BOT_TOKEN: secret }, ['codex', 'slack']));
    const text = problems.join('\n');
    expect(text).toContain('CODEX_API_KEY: required');
    expect(text).toContain('CODEX_WORKSPACE_ID: required');
    expect(text).toContain('SLACK_BOT_TOKEN: expected');
    expect(text).toContain('SLACK_SIGNING_SECRET: required');
    expect(text).not.toContain(secret);
  });

  it('accepts Socket Mode instead of a signing secret', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' }, ['slack']);
    expect(config.slack.appToken).toBe('xapp-1');
  });

  it('parses lists, numbers and the surface override map', () => {
    const config = loadConfig({
      ADMIN_USER_IDS: ' U1, U2 ,,U3',
      CODEX_API_BASE_URL: 'http://127.0.0.1:4010/v1/analytics/codex/',
      SURFACE_MAP: '{"CODEX_NEW_THING":"cli"}',
      SIMULATOR_RATE_429: '0.25',
    });
    expect(config.slack.adminUserIds).toEqual(['U1', 'U2', 'U3']);
    expect(config.codex.baseUrl).toBe('http://127.0.0.1:4010/v1/analytics/codex');
    expect(config.codex.surfaceMap).toEqual({ CODEX_NEW_THING: 'cli' });
    expect(config.simulator.rate429).toBe(0.25);
  });

  it('rejects a surface map that is not JSON or names an unknown surface', () => {
    expect(problemsOf(() => loadConfig({ SURFACE_MAP: '{nope' }))[0]).toMatch(
      /^SURFACE_MAP: expected a JSON object/,
    );
    expect(problemsOf(() => loadConfig({ SURFACE_MAP: '{"X":"tablet"}' }))[0]).toMatch(/^SURFACE_MAP/);
  });
});

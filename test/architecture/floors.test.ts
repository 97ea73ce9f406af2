/**
 * Every import arrow points down a floor, or stays on its floor (docs/ARCHITECTURE.md is the map; STYLE.md
 * "Dependency direction"). Same-floor arrows are kept acyclic by import-rules.test.ts. A new folder must
 * be given a floor here, which is the moment to decide where it belongs.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  type Floor,
  findUpwardImports,
  floorOf,
  type ImportGraph,
} from './import-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** The floors, bottom up; the same table as docs/ARCHITECTURE.md. */
const floors: readonly Floor[] = [
  // 0 — vocabulary and primitives: import nothing above them.
  ...['src/domain/', 'src/errors.ts', 'src/clock.ts', 'src/logger.ts', 'src/redact-personal-data.ts']
    .concat(['src/version.ts', 'src/shared-work.ts', 'src/abort-error.ts', 'src/cron-ticks.ts'])
    .map((prefix) => ({ prefix, level: 0 })),
  // 1 — configuration, metrics, the Codex API client, pure figures, the operational store.
  ...['src/config/', 'src/metrics/', 'src/codex/', 'src/figures/', 'src/store/'].map((prefix) => ({
    prefix,
    level: 1,
  })),
  // 2 — data services: the warehouse, its sync, teams, and analytics (the one door for numbers).
  ...['src/warehouse/', 'src/sync/', 'src/teams/', 'src/analytics/'].map((prefix) => ({ prefix, level: 2 })),
  // 3 — messages: pure Block Kit builders and chart specs, the chart renderers, Slack posting.
  ...['reports/', 'src/charts/', 'src/slack-posting/'].map((prefix) => ({ prefix, level: 3 })),
  // 4 — use cases: the /codex commands, the scheduled digests and the alerts that fire after a sync.
  ...['commands/', 'src/digests/', 'src/alerts/'].map((prefix) => ({ prefix, level: 4 })),
  // 5 — the Bolt listeners.
  { prefix: 'src/slack/', level: 5 },
  // 6 — the composition root.
  { prefix: 'src/main/', level: 6 },
  // 7 — the CLI subcommands, which only parse flags and call the root.
  { prefix: 'src/cli/', level: 7 },
  // 8 — the process entry and, beside it, the developer tools (which only it imports).
  { prefix: 'src/cli/bin.ts', level: 8 },
  { prefix: 'src/dev/', level: 8 },
];

describe('floors', () => {
  const graph = buildImportGraph(root, ['src', 'commands', 'reports']);

  it('puts every file on a floor and every import arrow on its floor or below', () => {
    expect(findUpwardImports(graph, floors)).toEqual([]);
  });
});

describe('the floor check itself', () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));
  const tiny: readonly Floor[] = [
    { prefix: 'low/', level: 0 },
    { prefix: 'high/', level: 1 },
    { prefix: 'high/top.ts', level: 2 },
  ];

  it('takes the longest prefix', () => {
    expect(floorOf(tiny, 'high/top.ts')?.level).toBe(2);
    expect(floorOf(tiny, 'high/other.ts')?.level).toBe(1);
    expect(floorOf(tiny, 'elsewhere/x.ts')).toBeUndefined();
  });

  it('reports an upward arrow and a file on no floor, and accepts downward and same-floor arrows', () => {
    const graph = graphOf({
      'low/a.ts': ['high/b.ts', 'low/c.ts'],
      'high/b.ts': ['low/a.ts', 'high/top.ts'],
      'high/top.ts': ['high/b.ts'],
      'stray.ts': [],
    });
    expect(findUpwardImports(graph, tiny)).toEqual([
      'low/a.ts (0) → high/b.ts (1)',
      'high/b.ts (1) → high/top.ts (2)',
      'stray.ts is on no floor',
    ]);
  });
});

/**
 * Which way imports may point (issue 10, part 4; STYLE.md "Dependency direction"): no file cycles in
 * src/, commands/ and reports/, and none of the forbidden arrows below. A failure names each offending
 * import. To forbid another arrow once the code obeys it, add a line to `forbiddenArrows`.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildImportGraph,
  type ForbiddenArrow,
  findCycles,
  findForbiddenImports,
  type ImportGraph,
} from './import-graph.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const checkedFolders = ['src', 'commands', 'reports'] as const;

const forbiddenArrows: readonly ForbiddenArrow[] = [
  {
    from: 'src/domain/',
    to: '',
    exceptTo: ['src/domain/'],
    why: 'src/domain is the ground floor: its vocabulary and arithmetic import nothing of ours',
  },
  { from: 'src/store/', to: 'commands/', why: 'the store sits below the commands that use it' },
  {
    from: 'reports/',
    to: 'src/codex/',
    why: 'reports speak the domain (src/domain), not the API client',
  },
  { from: 'reports/', to: 'commands/', why: 'commands import reports, never the other way' },
  {
    from: 'commands/',
    to: 'src/digests/',
    exceptTo: ['src/digests/digest-service.ts'],
    why: 'commands reach digests through the service contract; schedule arithmetic is in src/domain',
  },
  {
    from: 'src/',
    to: 'src/dev/',
    exceptFrom: ['src/dev/', 'src/cli/bin.ts'],
    why: 'production code never imports the developer tools; only the process entry adds them (issue 10.6)',
  },
  {
    from: 'src/dev/playground/',
    to: 'src/cli/',
    why: 'the playground builds its bot from src/main/, not the CLI',
  },
  {
    from: 'src/digests/',
    to: 'src/slack/',
    why: 'digests post through src/slack-posting, the floor below the Bolt listeners (issue 10, part 2)',
  },
  {
    from: 'src/slack-posting/',
    to: 'src/slack/',
    why: 'posting sits below the listeners that use it (issue 10, part 2)',
  },
  {
    from: 'src/slack-posting/',
    to: 'src/digests/',
    why: 'posting serves the digests; their pacing is passed in, never imported (issue 10, part 2)',
  },
  {
    from: 'src/slack-posting/',
    to: 'commands/',
    why: 'posting takes messages and files, not command replies',
  },
  {
    from: 'src/slack/',
    to: 'commands/',
    exceptTo: ['commands/command-types.ts'],
    why: 'the listeners receive the command registry; they know only its contract (STYLE.md)',
  },
];

describe('import rules', () => {
  const graph = buildImportGraph(root, checkedFolders);

  it('reads every relative import of the checked folders to a file that exists', () => {
    const edges = [...graph.values()].flat();
    // A parser that found nothing would make every rule below pass vacuously.
    expect(graph.size).toBeGreaterThan(200);
    expect(edges.length).toBeGreaterThan(graph.size);
    const missing = edges.filter((target) => !existsSync(`${root}${target}`));
    expect(missing).toEqual([]);
  });

  it('has no file-level import cycle', () => {
    expect(findCycles(graph).map((cycle) => cycle.join(' → '))).toEqual([]);
  });

  it.each(forbiddenArrows.map((arrow) => [`${arrow.from} → ${arrow.to || 'anything'}`, arrow] as const))(
    'no %s',
    (_name, arrow) => {
      expect(findForbiddenImports(graph, arrow), arrow.why).toEqual([]);
    },
  );
});

describe('the import graph checks themselves', () => {
  const graphOf = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('finds a cycle of two files and a longer one, and none in a diamond', () => {
    expect(findCycles(graphOf({ 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }))).toEqual([['a.ts', 'b.ts', 'a.ts']]);
    expect(
      findCycles(graphOf({ 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts', 'd.ts'], 'd.ts': [] })),
    ).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
    expect(
      findCycles(graphOf({ 'a.ts': ['b.ts', 'c.ts'], 'b.ts': ['d.ts'], 'c.ts': ['d.ts'], 'd.ts': [] })),
    ).toEqual([]);
  });

  it('reports an import across a forbidden arrow, and not one from or into an exception', () => {
    const graph = graphOf({
      'src/store/a.ts': ['commands/args/b.ts', 'src/domain/c.ts'],
      'src/domain/c.ts': ['src/domain/d.ts', 'src/codex/e.ts'],
    });
    expect(findForbiddenImports(graph, { from: 'src/store/', to: 'commands/', why: '' })).toEqual([
      'src/store/a.ts → commands/args/b.ts',
    ]);
    expect(
      findForbiddenImports(graph, { from: 'src/domain/', to: '', exceptTo: ['src/domain/'], why: '' }),
    ).toEqual(['src/domain/c.ts → src/codex/e.ts']);
    expect(
      findForbiddenImports(graph, { from: 'src/', to: 'src/codex/', exceptFrom: ['src/domain/'], why: '' }),
    ).toEqual([]);
  });

  it('parses multi-line, type-only, re-export and dynamic imports, and skips packages', () => {
    const graph = buildImportGraph(fileURLToPath(new URL('./fixture/', import.meta.url)), ['src']);
    expect(graph.get('src/a.ts')).toEqual(['src/b.ts', 'src/c.ts', 'src/d.ts', 'src/sub/e.ts']);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The file-level import graph of our own TypeScript (issue 10, part 4): every relative
 * `import … from`, `export … from`, `import '…'` and `import('…')`, type-only ones included —
 * a type import still ties two files together for a reader. Parsed with a regex, not the
 * TypeScript API: our imports are plain single-quoted specifiers (Biome formats them so).
 */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const specifierPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)'(\.{1,2}\/[^']+)'/gm;

export function buildImportGraph(root: string, folders: readonly string[]): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const folder of folders) {
    for (const file of listTsFiles(join(root, folder))) {
      const from = relative(root, file);
      const targets = new Set<string>();
      for (const match of readFileSync(file, 'utf8').matchAll(specifierPattern)) {
        const specifier = match[1];
        if (specifier === undefined) continue;
        targets.add(relative(root, resolve(dirname(file), specifier.replace(/\.js$/, '.ts'))));
      }
      graph.set(from, [...targets].sort());
    }
  }
  return graph;
}

function listTsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

/** Every cycle found by a depth-first search, each as the files in order with the first repeated at the end. */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      const seen = state.get(next);
      if (seen === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (seen === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return cycles;
}

/**
 * A forbidden arrow: no file under `from` may import a file under `to`, unless the importer is under
 * one of `exceptFrom` or the imported file under one of `exceptTo`. Paths are prefixes relative to the
 * repository root; end folders with `/`.
 */
export interface ForbiddenArrow {
  readonly from: string;
  readonly to: string;
  readonly exceptFrom?: readonly string[];
  readonly exceptTo?: readonly string[];
  /** Why the arrow is forbidden, shown when it fails. */
  readonly why: string;
}

/** Each import that crosses a forbidden arrow, as `importer → imported`. */
export function findForbiddenImports(graph: ImportGraph, arrow: ForbiddenArrow): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    if (!file.startsWith(arrow.from)) continue;
    if (arrow.exceptFrom?.some((allowed) => file.startsWith(allowed))) continue;
    for (const target of targets) {
      if (!target.startsWith(arrow.to)) continue;
      if (arrow.exceptTo?.some((allowed) => target.startsWith(allowed))) continue;
      found.push(`${file} → ${target}`);
    }
  }
  return found;
}

/** A floor of the house (docs/ARCHITECTURE.md): files under `prefix` (a folder ending in `/`, or a file). */
export interface Floor {
  readonly prefix: string;
  readonly level: number;
}

/** The floor of a file: the longest matching prefix wins (so `src/cli/bin.ts` can sit above `src/cli/`). */
export function floorOf(floors: readonly Floor[], file: string): Floor | undefined {
  let best: Floor | undefined;
  for (const floor of floors) {
    if (file.startsWith(floor.prefix) && (!best || floor.prefix.length > best.prefix.length)) best = floor;
  }
  return best;
}

/** Every import that points up a floor (`importer (level) → imported (level)`), and every file on no floor. */
export function findUpwardImports(graph: ImportGraph, floors: readonly Floor[]): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    const from = floorOf(floors, file);
    if (!from) {
      found.push(`${file} is on no floor`);
      continue;
    }
    for (const target of targets) {
      const to = floorOf(floors, target);
      if (to && to.level > from.level) found.push(`${file} (${from.level}) → ${target} (${to.level})`);
    }
  }
  return found;
}

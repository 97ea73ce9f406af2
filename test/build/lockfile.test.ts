/**
 * `npm ci` installs exactly what package-lock.json lists: a platform's optional binary that is missing
 * there is missing for everyone on that platform (no canvas on macOS or Alpine means no charts), and
 * npm 11 refuses the whole install. npm can drop these entries when it rewrites the lockfile with
 * node_modules present (npm/cli#4828), so this test guards the file itself (issue #9).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const lockEntry = z.object({
  version: z.string().optional(),
  optionalDependencies: z.record(z.string(), z.string()).optional(),
});
const lockfile = z.object({ lockfileVersion: z.number(), packages: z.record(z.string(), lockEntry) });

const lock = lockfile.parse(
  JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')),
);

/** Where npm would put `dep` for the package at `path`: nested first, then hoisted to the top. */
function resolves(path: string, dep: string): boolean {
  return `${path}/node_modules/${dep}` in lock.packages || `node_modules/${dep}` in lock.packages;
}

describe('package-lock.json lists every platform', () => {
  it('has an entry for each of @napi-rs/canvas’s platform binaries (macOS, Windows, musl, ARM)', () => {
    const canvas = lock.packages['node_modules/@napi-rs/canvas'];
    const platforms = Object.keys(canvas?.optionalDependencies ?? {});
    // The published package ships one binary package per platform; a handful would mean a pruned entry.
    expect(platforms.length).toBeGreaterThanOrEqual(8);
    for (const required of [
      '@napi-rs/canvas-darwin-arm64',
      '@napi-rs/canvas-darwin-x64',
      '@napi-rs/canvas-linux-x64-musl',
      '@napi-rs/canvas-linux-arm64-musl',
      '@napi-rs/canvas-win32-x64-msvc',
    ])
      expect(platforms).toContain(required);
    const missing = platforms.filter((dep) => !resolves('node_modules/@napi-rs/canvas', dep));
    expect(missing).toEqual([]);
  });

  it('resolves every optional dependency of every locked package (Biome, esbuild, … too)', () => {
    const missing = Object.entries(lock.packages).flatMap(([path, entry]) =>
      Object.keys(entry.optionalDependencies ?? {})
        .filter((dep) => !resolves(path, dep))
        .map((dep) => `${path || '(root)'} → ${dep}`),
    );
    expect(missing).toEqual([]);
  });
});

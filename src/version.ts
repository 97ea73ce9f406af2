import { readFileSync } from 'node:fs';

/**
 * The package version, read once. Walks up from this file because it runs both from `src/` (tsx) and
 * from `dist/src/` (the image), which sit at different depths below package.json.
 */
export const version: string = (() => {
  for (const up of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'codex-pulse' && pkg.version) return pkg.version;
    } catch {
      // Not at this depth; try the next one.
    }
  }
  return '0.0.0';
})();

import { readFile } from 'node:fs/promises';
import { CodexPulseError } from '../../errors.js';

/** One file the page needs, read once at start-up. */
export interface StaticAsset {
  type: string;
  body: Buffer;
}

const files: Record<string, { file: string; type: string }> = {
  '/': { file: 'playground.html', type: 'text/html; charset=utf-8' },
  '/assets/playground.css': { file: 'playground.css', type: 'text/css; charset=utf-8' },
  '/assets/playground.js': { file: 'playground.js', type: 'text/javascript; charset=utf-8' },
  '/assets/playground-view.js': { file: 'playground-view.js', type: 'text/javascript; charset=utf-8' },
  '/assets/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/**
 * The page, its stylesheet, script and icon: our own files under ./assets, no CDN, so the playground
 * works offline. Read once, served from memory.
 */
export async function loadStaticAssets(
  dir: URL = new URL('./assets/', import.meta.url),
): Promise<Map<string, StaticAsset>> {
  const assets = new Map<string, StaticAsset>();
  try {
    for (const [path, { file, type }] of Object.entries(files)) {
      assets.set(path, { type, body: await readFile(new URL(file, dir)) });
    }
  } catch (error) {
    // tsc copies no assets into dist/: the playground runs from a checkout (`npm run demo`).
    throw new CodexPulseError(
      'playground_assets_missing',
      `the playground's page files are not in this build (${dir.pathname}): run 'npm run demo' from a checkout, or pass --no-playground`,
      { cause: error },
    );
  }
  return assets;
}

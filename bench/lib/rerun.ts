import { fileURLToPath } from 'node:url';

/**
 * The node arguments that run the bench module at `moduleUrl` again (in a child process), in the form it
 * runs now: compiled JS as `npm run bench` runs it (plain node, like production), or TypeScript through
 * `bin/run-ts.js` when a developer runs one .ts file directly.
 */
export function rerunArgs(moduleUrl: string | URL): string[] {
  const path =
    moduleUrl instanceof URL || moduleUrl.startsWith('file:') ? fileURLToPath(moduleUrl) : moduleUrl;
  return path.endsWith('.ts') ? ['bin/run-ts.js', path] : [path];
}

/** The URL of a sibling bench module, with this module's extension (.ts or .js). */
export function siblingUrl(moduleUrl: string, relativeWithoutExtension: string): URL {
  const extension = moduleUrl.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${relativeWithoutExtension}${extension}`, moduleUrl);
}

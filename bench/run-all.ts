/**
 * `npm run bench`: every benchmark script in bench/ (not this one, not bench/lib/), one after another,
 * each in its own process so no run inherits another's warm caches or heap. Exit code 1 if any failed.
 * `npm run bench` compiles first (tsconfig.bench.json → dist-bench/) and runs plain node, as production
 * does: the TypeScript loader alone would add ~36 MB to every RSS figure. Also runs from source:
 * node bin/run-ts.js bench/run-all.ts
 */
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rerunArgs } from './lib/rerun.js';

/**
 * The production image's heap setting (Dockerfile NODE_OPTIONS): without a cap V8 on a 24 GB machine
 * postpones major collections and RSS measures garbage, not the app. Benches measure what production runs.
 */
export const PRODUCTION_NODE_OPTIONS = '--max-old-space-size=256';

const self = fileURLToPath(import.meta.url);
const extension = self.endsWith('.ts') ? '.ts' : '.js';
const benchDir = new URL('.', import.meta.url);
const scripts = (await readdir(benchDir, { withFileTypes: true }))
  .filter((entry) => entry.isFile() && entry.name.endsWith(extension) && entry.name !== `run-all${extension}`)
  .map((entry) => entry.name)
  .sort();

const outcomes: Array<{ script: string; code: number | null; seconds: number }> = [];
for (const script of scripts) {
  console.log(`\n=== bench/${script} ===`);
  const started = performance.now();
  const code = await new Promise<number | null>((resolve) => {
    const env = {
      ...process.env,
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${PRODUCTION_NODE_OPTIONS}`.trim(),
    };
    const child = spawn(process.execPath, rerunArgs(new URL(script, benchDir)), { stdio: 'inherit', env });
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  outcomes.push({ script, code, seconds: Math.round((performance.now() - started) / 100) / 10 });
}

console.log(`\n=== summary (NODE_OPTIONS ${PRODUCTION_NODE_OPTIONS}, as in the production image) ===`);
for (const { script, code, seconds } of outcomes)
  console.log(`${script.padEnd(24)} ${code === 0 ? 'ok' : `FAILED (exit ${code})`}  ${seconds} s`);
process.exitCode = outcomes.every((o) => o.code === 0) ? 0 : 1;

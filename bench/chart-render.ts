/**
 * Local chart rendering speed: each sample chart rendered 30 times after a warm-up, median and p95 wall
 * time in ms, plus peak RSS. Target from the issue: < 60 ms median per chart (800×400 @2x).
 * CPU ms (process user+system, which includes the PNG encoder's worker thread) is printed too: on a
 * shared machine it moves less than wall time. Compare runs as ratios, not absolute numbers.
 * Run: node bin/run-ts.js bench/chart-render.ts
 */
import { createLocalRenderer } from '../src/charts/local-renderer.js';
import { createLogger } from '../src/logger.js';
import { sampleSpecs, stackedWeeklySpec } from '../test/charts/sample-specs.js';

const runs = 30;
const warmUp = 5;
const renderer = createLocalRenderer({ logger: createLogger({ level: 'warn' }) });
const specs = [...sampleSpecs, stackedWeeklySpec(40)];

const coldStart = performance.now();
await renderer.render(stackedWeeklySpec(12));
console.log(`first render (loads chart.js, canvas, font): ${(performance.now() - coldStart).toFixed(1)} ms`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const rows = [];
for (const spec of specs) {
  for (let i = 0; i < warmUp; i++) await renderer.render(spec);
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const result = await renderer.render(spec);
    times.push(performance.now() - started);
    const { user, system } = process.cpuUsage(cpuBefore);
    cpu.push((user + system) / 1000);
    if (result.kind === 'png') bytes = result.png.length;
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  rows.push({
    chart: spec.key,
    size: `${spec.width}×${spec.height} @2x`,
    'median ms': Number(percentile(times, 50).toFixed(1)),
    'p95 ms': Number(percentile(times, 95).toFixed(1)),
    'median cpu ms': Number(percentile(cpu, 50).toFixed(1)),
    'png kB': Math.round(bytes / 1024),
  });
}
console.table(rows);
// maxRSS is the kernel's high-water mark (kB), so short peaks inside the encoder count too.
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

/**
 * Which CPUs the burst bench's processes run on (`--pin`, issue 9, 5.5). Slack's senders are other
 * machines: they never take the bot's CPU. On a 2-core bench machine an unpinned driver — 200 connects,
 * writes and reads — competes with the server under test for both cores, so the client-seen ack p99 is
 * mostly that contention (the server's own accept→ack p99 was a quarter of it). Pinned, the server under
 * test (bot or floor) has one core and everything that stands in for the rest of the world (driver,
 * fake Slack, simulator, this process polling /healthz) the other. taskset (util-linux) sets the masks;
 * `/proc/<pid>/status` says what each process actually got, which the bench prints.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

export interface CpuPlan {
  /** The server under test (bot or floor). */
  server: string;
  /** The driver, the fake Slack, the simulator and the bench process. */
  clients: string;
}

const TASKSET = '/usr/bin/taskset';

/**
 * `on`: the server on the last CPU, the rest of the world on the others (fails when that is impossible);
 * `off`: no masks (as measured before `--pin`); `auto`: `on` where taskset and 2+ CPUs exist, else `off`.
 */
export function cpuPlan(mode: string): CpuPlan | undefined {
  if (mode !== 'on' && mode !== 'off' && mode !== 'auto') throw new Error(`--pin ${mode}: on, off or auto`);
  if (mode === 'off') return undefined;
  const cpus = allowedCpus(process.pid);
  const possible = existsSync(TASKSET) && cpus.length >= 2 && availableParallelism() >= 2;
  if (!possible) {
    if (mode === 'on') throw new Error('--pin on needs /usr/bin/taskset and at least 2 CPUs');
    return undefined;
  }
  const server = String(cpus.at(-1));
  return { server, clients: cpus.slice(0, -1).join(',') };
}

/** Pins this process (every thread) to `cpus`; children spawned later inherit the mask. */
export function pinSelf(cpus: string): void {
  execFileSync(TASKSET, ['-a', '-cp', cpus, String(process.pid)], { stdio: 'ignore' });
}

/** `[command, args]` that run `args` (a node command line) on `cpus`, or as they are without a mask. */
export function pinnedCommand(command: string, args: string[], cpus: string | undefined): [string, string[]] {
  return cpus === undefined ? [command, args] : [TASKSET, ['-c', cpus, command, ...args]];
}

/** The CPUs a process may run on, from the kernel's own `Cpus_allowed_list` ("0-1", "1", "0,2-3"). */
export function allowedCpus(pid: number): number[] {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const list = /^Cpus_allowed_list:\s*(.+)$/m.exec(status)?.[1]?.trim() ?? '';
  return list.split(',').flatMap((part) => {
    const [from, to = from] = part.split('-').map(Number);
    if (from === undefined || to === undefined || Number.isNaN(from)) return [];
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  });
}

/** `allowedCpus` as the bench prints it: "1", "0-1" (undefined when the process is gone). */
export function cpusLabel(pid: number | undefined): string | undefined {
  if (pid === undefined) return undefined;
  try {
    const cpus = allowedCpus(pid);
    const first = cpus[0];
    const last = cpus.at(-1);
    const contiguous = first !== undefined && last !== undefined && last - first + 1 === cpus.length;
    return contiguous && cpus.length > 1 ? `${first}-${last}` : cpus.join(',');
  } catch {
    return undefined;
  }
}

/**
 * The bot's own view of its acks, from Node's diagnostics channels (no change to the app): for each
 * `/slack/events` request, when its connection was accepted, when the request was parsed and handed to
 * Bolt, and when the ack response finished. Tells the bot's receive→ack time apart from time the
 * driver or the kernel added, and how much CPU the bot itself got while the burst's acks were due.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { percentile } from './percentile.js';

interface Trace {
  connected: number;
  requested: number;
  finished: number;
  cpuAtConnect: number;
  cpuAtFinish: number;
}

export interface AckTraceSummary {
  n: number;
  /** Accepted connection → request parsed and handed to the listener. */
  connectToRequest: { p50: number; p99: number; max: number };
  /** Request handed to the listener → ack written. */
  requestToAck: { p50: number; p99: number; max: number };
  /** Connection accepted → ack written: the whole ack as this process saw it. */
  connectToAck: { p50: number; p99: number; max: number };
  /** First connection → last ack of the burst, and the bot's CPU time (user + system) in that span. */
  spanMs: number;
  cpuMs: number;
  /** The same span on the monotonic clock in µs, as V8's --cpu-prof timestamps count (to cut a profile). */
  monotonicUs: [number, number];
  /** The server's process id (its --cpu-prof file carries it). */
  pid: number;
}

/**
 * Process CPU ms, read at most once per CPU_READ_MS of wall time. The reading is a getrusage() that walks
 * every thread of the process: in the bot (DuckDB's and libuv's threads) a profile showed it costing ~7×
 * what it costs a floor, on the same loop as the acks it measures. The span's CPU is then known to ±5 ms.
 */
const CPU_READ_MS = 5;
let cpuReadAt = Number.NEGATIVE_INFINITY;
let cpuRead = 0;
const cpuMs = () => {
  const now = performance.now();
  if (now - cpuReadAt >= CPU_READ_MS) {
    const { user, system } = process.cpuUsage();
    cpuRead = (user + system) / 1000;
    cpuReadAt = now;
  }
  return cpuRead;
};
/** performance.now() on the monotonic clock (µs): hrtime and performance share CLOCK_MONOTONIC. */
const offsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;
const monotonicUs = (at: number) => Math.round(offsetUs + at * 1000);
const r = (n: number) => Math.round(n * 10) / 10;
const stats = (samples: number[]) => ({
  p50: r(percentile(samples, 50)),
  p99: r(percentile(samples, 99)),
  max: r(Math.max(...samples)),
});

/** Starts tracing; `summary(skip)` describes every traced request after the first `skip` (the warm-up). */
export function traceAcks(path: string) {
  const connected = new WeakMap<Socket, { at: number; cpu: number }>();
  const open = new Map<IncomingMessage, number>();
  const traces: Trace[] = [];
  subscribe('net.server.socket', (message) => {
    const { socket } = message as { socket: Socket };
    connected.set(socket, { at: performance.now(), cpu: cpuMs() });
  });
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    if (request.url?.split('?')[0] === path) open.set(request, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    const requested = open.get(request);
    if (requested === undefined) return;
    open.delete(request);
    const connection = connected.get(response.socket as Socket) ?? { at: requested, cpu: cpuMs() };
    traces.push({
      connected: connection.at,
      cpuAtConnect: connection.cpu,
      requested,
      finished: performance.now(),
      cpuAtFinish: cpuMs(),
    });
  });
  return {
    summary(skip: number): AckTraceSummary | null {
      const burst = traces.slice(skip);
      if (burst.length === 0) return null;
      const first = burst.reduce((a, b) => (b.connected < a.connected ? b : a));
      const last = burst.reduce((a, b) => (b.finished > a.finished ? b : a));
      return {
        n: burst.length,
        connectToRequest: stats(burst.map((t) => t.requested - t.connected)),
        requestToAck: stats(burst.map((t) => t.finished - t.requested)),
        connectToAck: stats(burst.map((t) => t.finished - t.connected)),
        spanMs: r(last.finished - first.connected),
        cpuMs: r(last.cpuAtFinish - first.cpuAtConnect),
        monotonicUs: [monotonicUs(first.connected), monotonicUs(last.finished)],
        pid: process.pid,
      };
    },
  };
}

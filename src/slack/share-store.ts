import { randomUUID } from 'node:crypto';
import type { ReportMessage, ThreadedReport } from '../../reports/report-message.js';
import type { Clock } from '../clock.js';

/** What "Share to channel" re-posts publicly: the reply as the command returned it (no button). */
export type Shareable =
  | { kind: 'message'; message: ReportMessage }
  | { kind: 'thread'; report: ThreadedReport };

/**
 * Remembers shareable ephemeral replies for as long as their response_url lives (30 min), so the
 * button's value stays a short id (button values are capped at 2000 chars). In memory: after a restart,
 * or on another process, the click gets an "expired, run it again" answer.
 */
export class ShareStore {
  private readonly entries = new Map<string, { reply: Shareable; until: number }>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = 30 * 60_000,
    private readonly capacity = 1_000,
  ) {}

  put(reply: Shareable): string {
    const now = this.clock.now().getTime();
    for (const [id, entry] of this.entries) if (entry.until <= now) this.entries.delete(id);
    // Map keeps insertion order: the first key is the oldest.
    while (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    const id = randomUUID();
    this.entries.set(id, { reply, until: now + this.ttlMs });
    return id;
  }

  get(id: string): Shareable | undefined {
    const entry = this.entries.get(id);
    if (!entry || entry.until <= this.clock.now().getTime()) return undefined;
    return entry.reply;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}

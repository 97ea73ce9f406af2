/**
 * Work started after an ack (the ack has answered Slack, so the HTTP server no longer sees it). Stop
 * waits for it to finish so a deploy does not drop answers people are waiting for.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  get accepting(): boolean {
    return !this.closing;
  }

  /** Runs `work` and remembers it until it settles; the result and any error pass through. */
  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** Refuses new work and resolves once everything already running has settled. */
  async drain(): Promise<void> {
    this.closing = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

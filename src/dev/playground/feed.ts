/** A file shared into a conversation (chart PNGs, exports), served by the playground at /files/<id>. */
export interface FeedFile {
  id: string;
  name: string;
  title: string;
}

/** One message as the playground channel shows it. */
export interface FeedMessage {
  id: string;
  conversation: string;
  /** Slack's ts for posted messages; a local one for ephemerals and file shares. */
  ts: string;
  threadTs?: string;
  author: 'bot' | 'user' | 'slackbot';
  ephemeral: boolean;
  text: string;
  blocks: unknown;
  files: FeedFile[];
  /** When it arrived (ms since epoch), shown as its time. */
  at: number;
  /** Bumped on every change, so the page only redraws what changed. */
  rev: number;
}

/** What subscribers hear: a message added or changed, removed, or a new App Home view. */
export type FeedChange =
  | { type: 'upsert'; message: FeedMessage }
  | { type: 'remove'; id: string }
  | { type: 'home'; blocks: unknown[] };

export type NewFeedMessage = Omit<FeedMessage, 'id' | 'rev' | 'files' | 'blocks'> & {
  files?: FeedFile[];
  blocks?: unknown;
};

/**
 * Everything the playground shows, in arrival order, with change notifications for the page's event
 * stream. In memory: a playground lives as long as its `npm run demo`.
 */
export class Feed {
  private readonly messages = new Map<string, FeedMessage>();
  private readonly listeners = new Set<(change: FeedChange) => void>();
  private seq = 0;
  home: unknown[] | null = null;

  add(input: NewFeedMessage): FeedMessage {
    this.seq += 1;
    const message: FeedMessage = { blocks: [], files: [], ...input, id: `m${this.seq}`, rev: 1 };
    this.messages.set(message.id, message);
    this.emit({ type: 'upsert', message });
    return message;
  }

  update(id: string, patch: Partial<Pick<FeedMessage, 'text' | 'blocks'>>): void {
    const current = this.messages.get(id);
    if (!current) return;
    const next = { ...current, ...patch, rev: current.rev + 1 };
    this.messages.set(id, next);
    this.emit({ type: 'upsert', message: next });
  }

  remove(id: string): void {
    if (this.messages.delete(id)) this.emit({ type: 'remove', id });
  }

  get(id: string): FeedMessage | undefined {
    return this.messages.get(id);
  }

  findByTs(conversation: string, ts: string): FeedMessage | undefined {
    for (const m of this.messages.values()) if (m.conversation === conversation && m.ts === ts) return m;
    return undefined;
  }

  setHome(blocks: unknown[]): void {
    this.home = blocks;
    this.emit({ type: 'home', blocks });
  }

  /** Every message, oldest first. */
  all(): FeedMessage[] {
    return [...this.messages.values()];
  }

  /** A Slack-shaped local ts ('1767225600.000042'), unique within this feed. */
  localTs(nowMs: number): string {
    this.seq += 1;
    return `${Math.floor(nowMs / 1000)}.${String(this.seq).padStart(6, '0')}`;
  }

  subscribe(listener: (change: FeedChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: FeedChange): void {
    for (const listener of this.listeners) listener(change);
  }
}

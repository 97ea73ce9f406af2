import type {
  FakeSlackChannel,
  FakeSlackMessage,
  FakeSlackUpload,
  FakeSlackUser,
  FakeSlackUsergroup,
} from './fake-slack-types.js';

/** A file between files.getUploadURLExternal and its share, as the fake tracks it. */
export interface FakeFile {
  id: string;
  filename: string;
  title: string;
  length: number;
  bytes?: Buffer;
  completed: boolean;
  channelId?: string;
  threadTs?: string;
  /** How many times files.info was asked about this file (shares appear after `filesProcessingCalls`). */
  polls: number;
  /** Set on a file a person shared (addUserFile): files.info gives its url_private_download. */
  sharedBy?: string;
}

export type FakeMessage = FakeSlackMessage;

/** Everything the fake remembers between calls; the method handlers read and write it. */
export class FakeSlackState {
  readonly users = new Map<string, FakeSlackUser>();
  readonly usergroupMembers = new Map<string, string[]>();
  readonly usergroups = new Map<string, FakeSlackUsergroup>();
  readonly channels = new Map<string, FakeSlackChannel>();
  readonly channelMembers = new Map<string, string[]>();
  readonly uploads: FakeSlackUpload[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly messages = new Map<string, FakeMessage>();
  readonly teamId = 'T0FAKE0001';
  readonly botUserId = 'U0FAKEBOT1';
  readonly botId = 'B0FAKEBOT1';
  private seq = 0;
  private lastTsMicros = 0;

  constructor(
    readonly baseUrl: string,
    readonly filesProcessingCalls: number,
    /** When set, message ts follow this clock (so `oldest`/`latest` bounds mean what they do in Slack). */
    private readonly now?: () => Date,
  ) {}

  /**
   * Slack-shaped message timestamps, unique and ordered: by default '1732440000.000100',
   * '1732440000.000200', …; with a clock, its time in microseconds (bumped by 1 µs when it stood still).
   */
  nextTs(): string {
    this.seq += 1;
    const micros = this.now
      ? Math.max(this.now().getTime() * 1_000, this.lastTsMicros + 1)
      : 1_732_440_000 * 1_000_000 + this.seq * 100;
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /**
   * A ts for a message that did not come through chat.postMessage (a file share, a test's seeded
   * message from someone else), taken after every ts so far without
   * consuming the default sequence: the ts callers get from chat.postMessage stay what they were.
   */
  shareTs(): string {
    const micros =
      Math.max(this.now ? this.now().getTime() * 1_000 : 0, this.lastTsMicros, 1_732_440_000 * 1_000_000) + 1;
    this.lastTsMicros = micros;
    return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  /** The messages of one channel, oldest first. */
  messagesIn(channel: string): FakeMessage[] {
    return [...this.messages.values()]
      .filter((m) => m.channel === channel)
      .sort((a, b) => compareTs(a.ts, b.ts));
  }

  nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}0FAKE${String(this.seq).padStart(5, '0')}`;
  }

  /** A file is usable in a `slack_file` image block once it is completed and "processed". */
  isProcessed(file: FakeFile): boolean {
    return file.completed && file.polls >= this.filesProcessingCalls;
  }

  channel(id: string): FakeSlackChannel {
    return this.channels.get(id) ?? { id, name: `channel-${id.toLowerCase()}`, is_member: true };
  }
}

/** Orders Slack ts strings numerically ('9.000001' < '10.000000'), without float rounding. */
export function compareTs(a: string, b: string): number {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || af.padEnd(6, '0').localeCompare(bf.padEnd(6, '0'));
}

/** Reads a string parameter; numbers are accepted because form encoding loses the difference. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

import type { FakeSlackChannel, FakeSlackUpload, FakeSlackUser } from './fake-slack-types.js';

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
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown;
}

/** Everything the fake remembers between calls; the method handlers read and write it. */
export class FakeSlackState {
  readonly users = new Map<string, FakeSlackUser>();
  readonly usergroupMembers = new Map<string, string[]>();
  readonly channels = new Map<string, FakeSlackChannel>();
  readonly uploads: FakeSlackUpload[] = [];
  readonly files = new Map<string, FakeFile>();
  readonly messages = new Map<string, FakeMessage>();
  readonly teamId = 'T0FAKE0001';
  readonly botUserId = 'U0FAKEBOT1';
  readonly botId = 'B0FAKEBOT1';
  private seq = 0;

  constructor(
    readonly baseUrl: string,
    readonly filesProcessingCalls: number,
  ) {}

  /** Slack-shaped message timestamps ('1732440000.000100', '1732440000.000200', …), unique and ordered. */
  nextTs(): string {
    this.seq += 1;
    const micros = this.seq * 100;
    return `${1_732_440_000 + Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
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

/** Reads a string parameter; numbers are accepted because form encoding loses the difference. */
export function str(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

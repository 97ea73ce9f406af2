/** The public shape of the fake Slack Web API server (tests, benchmarks, the local demo playground). */

/** One recorded Web API call, its body decoded (form fields that hold JSON, like `blocks`, are parsed). */
export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  /** The bearer token (or `token` field) the caller sent; null when none. */
  token: string | null;
  /** Date.now() when the call arrived. */
  at: number;
}

/** A POST to a `response_url` served by the fake (what Bolt's `respond()` sends). */
export interface FakeSlackResponse {
  url: string;
  body: Record<string, unknown>;
}

/**
 * Something the fake just served, for live views (the demo playground): a Web API call with the answer
 * it got (the `ts` of a new message is only in the answer), or a response_url post.
 */
export type FakeSlackEvent =
  | { kind: 'call'; call: FakeSlackCall; result: Record<string, unknown> }
  | { kind: 'response'; response: FakeSlackResponse };

export interface FakeSlackUser {
  id: string;
  name: string;
  email?: string;
  tz?: string;
  is_admin?: boolean;
  /** Deactivated accounts stay in users.list with `deleted: true`, like Slack. */
  deleted?: boolean;
  is_bot?: boolean;
}

/** A user group (`@platform`); its members are in `usergroupMembers` under the same id. */
export interface FakeSlackUsergroup {
  id: string;
  handle: string;
  name: string;
  /** Disabled groups appear in usergroups.list only with include_disabled. */
  disabled?: boolean;
}

/**
 * Slack's per-method rate tiers (requests per minute per workspace): Tier 1 1+, Tier 2 20+, Tier 3 50+,
 * Tier 4 100+ (api.slack.com/apis/rate-limits). The fake enforces the per-minute figure given here
 * for each tier, over a sliding 60 s window on its clock; a tier left out is not limited.
 */
export type FakeSlackTierLimits = Partial<Record<1 | 2 | 3 | 4, number>>;

/** A conversation the fake knows about; unknown ids are treated as public channels the bot is in. */
export interface FakeSlackChannel {
  id: string;
  name: string;
  is_private?: boolean;
  /** False → chat.postMessage / files.completeUploadExternal answer `not_in_channel`. */
  is_member?: boolean;
}

/** A message as the fake holds it (posted by the bot; edited by chat.update, gone after chat.delete). */
export interface FakeSlackMessage {
  channel: string;
  ts: string;
  /** The parent's ts for a thread reply. */
  threadTs?: string;
  text?: string;
  blocks?: unknown;
  /** chat.postMessage `metadata` ({ event_type, event_payload }), returned by history with include_all_metadata. */
  metadata?: unknown;
  /** A file share: files.completeUploadExternal with a channel posts a message of its own, like Slack. */
  files?: Array<{ id: string; name: string; title: string }>;
}

/**
 * What an interceptor does with one call: `answer` goes on as usual; `drop` ends the connection without
 * an answer, so the caller sees a network error — a lost response, or (after) a worker that died the
 * instant Slack answered.
 */
export type FakeSlackInterception = 'answer' | 'drop';

/**
 * Runs on a call of one method: `before` it is handled (nothing stored yet) or `after` (a message is
 * stored, the answer not yet sent). The answer waits for the returned promise, so a test can kill a
 * worker process at exactly that instant.
 */
export type FakeSlackInterceptor = (
  call: FakeSlackCall,
  result: Record<string, unknown> | undefined,
) => FakeSlackInterception | Promise<FakeSlackInterception>;

export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  bytes: Buffer;
  channelId?: string;
  threadTs?: string;
}

/** `{ error }` → HTTP 200 `ok:false`; `{ status: 429 }` → HTTP 429 with `Retry-After`. */
export type FakeSlackFailure = { error: string } | { status: 429; retryAfter: number };

export interface FakeSlackOptions {
  port?: number;
  /** files.info returns no `shares` until it has been polled this many times for a file (default 0). */
  filesProcessingCalls?: number;
  /** When set, more than N chat.postMessage per second in one channel answer HTTP 429. */
  messageRatePerChannel?: number;
  /**
   * The clock message ts follow (a test's manual clock), so `oldest`/`latest` in conversations.history
   * mean what they do in Slack. Default: a fixed sequence from 1732440000.000100.
   */
  now?: () => Date;
  /**
   * Rate tiers of the directory methods (users.list, usergroups.*, conversations.members): past the
   * per-minute figure of a method's tier, calls answer HTTP 429 with the Retry-After Slack would give
   * (seconds until the window frees a slot). Counted on `now` when given, else the system clock.
   */
  tierLimits?: FakeSlackTierLimits;
}

export interface FakeSlack {
  /** `http://127.0.0.1:PORT/api/` — use as SLACK_API_URL / clientOptions.slackApiUrl. */
  url: string;
  calls: FakeSlackCall[];
  responses: FakeSlackResponse[];
  /** A response_url served by this server, for test payloads. */
  responseUrl(id?: string): string;
  /** Makes the next `count` (default 1) calls of `method` fail; 'response_url' targets respond() posts. */
  failNext(method: string, error: FakeSlackFailure, count?: number): void;
  users: Map<string, FakeSlackUser>;
  usergroupMembers: Map<string, string[]>;
  /** Groups usergroups.list answers with (members in usergroupMembers). */
  usergroups: Map<string, FakeSlackUsergroup>;
  channels: Map<string, FakeSlackChannel>;
  /** Members conversations.members pages through, by channel id. */
  channelMembers: Map<string, string[]>;
  uploads: FakeSlackUpload[];
  /** The messages now in `channel` (parents and replies), oldest first. */
  messages(channel: string): FakeSlackMessage[];
  /** Puts a message from someone else in a channel (as if a person posted it); returns it with its ts. */
  addMessage(message: { channel: string; text: string; threadTs?: string }): FakeSlackMessage;
  /**
   * A file as if `user` had uploaded it in Slack (a roster dropped in the bot's DM): files.info answers
   * with its `url_private_download`, served on GET with any bearer token (recorded as `files.download`).
   */
  addUserFile(file: { name: string; content: string | Uint8Array; user: string }): {
    id: string;
    name: string;
    size: number;
  };
  /** Runs `hook` on every call of `method` at `when` until the returned function removes it. */
  intercept(method: string, when: 'before' | 'after', hook: FakeSlackInterceptor): () => void;
  /** Resolves with the first recorded call (past or future) matching `predicate`; rejects after timeoutMs. */
  waitFor(predicate: (call: FakeSlackCall) => boolean, timeoutMs?: number): Promise<FakeSlackCall>;
  /**
   * Calls `listener` after each answered Web API call and each accepted response_url post, in the order
   * they were served. Returns the unsubscribe function.
   */
  onEvent(listener: (event: FakeSlackEvent) => void): () => void;
  /** Same as waitFor, for response_url posts. */
  waitForResponse(
    predicate: (response: FakeSlackResponse) => boolean,
    timeoutMs?: number,
  ): Promise<FakeSlackResponse>;
  close(): Promise<void>;
}

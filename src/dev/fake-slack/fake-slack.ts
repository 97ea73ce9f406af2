import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { directoryMethods } from './directory-methods.js';
import { FakeSlackState, str } from './fake-slack-state.js';
import type {
  FakeSlack,
  FakeSlackCall,
  FakeSlackEvent,
  FakeSlackFailure,
  FakeSlackInterceptor,
  FakeSlackOptions,
  FakeSlackResponse,
} from './fake-slack-types.js';
import { fileMethods } from './file-methods.js';
import { historyMethods } from './history-methods.js';
import { bearer, send, sendFailure, sendText } from './http-replies.js';
import { messageMethods } from './message-methods.js';
import { MessageRateLimiter } from './message-rate-limiter.js';
import { fail, type MethodHandler } from './method-handler.js';
import { Recorder } from './recorder.js';
import { decodeBody, readRaw } from './request-body.js';
import { teamMethods } from './team-methods.js';
import { TierRateLimiter } from './tier-rate-limiter.js';

export type * from './fake-slack-types.js';

const methods: Record<string, MethodHandler> = {
  ...messageMethods,
  ...historyMethods,
  ...fileMethods,
  ...directoryMethods,
  ...teamMethods,
};

/**
 * Starts the fake Slack Web API on 127.0.0.1. Every method is `POST /api/{method}`; uploads go to
 * `/upload/{fileId}` and response_url posts to `/response/{id}`. Nothing leaves the loopback interface.
 */
export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls = new Recorder<FakeSlackCall>((items) => items.map((c) => c.method).join(', ') || 'no calls');
  const responses = new Recorder<FakeSlackResponse>((items) => `${items.length} response_url posts`);
  const failures = new Map<string, FakeSlackFailure[]>();
  const limiter = new MessageRateLimiter(options.messageRatePerChannel);
  const tiers = new TierRateLimiter(options.tierLimits ?? {});
  const nowMs = () => (options.now ? options.now().getTime() : Date.now());
  const listeners = new Set<(event: FakeSlackEvent) => void>();
  const emit = (event: FakeSlackEvent) => {
    for (const listener of listeners) listener(event);
  };
  let state: FakeSlackState | undefined;
  const interceptors = new Set<{ method: string; when: 'before' | 'after'; hook: FakeSlackInterceptor }>();
  /** True when an interceptor dropped the call: the connection is gone and nothing more is sent. */
  const intercepted = async (
    when: 'before' | 'after',
    call: FakeSlackCall,
    result: Record<string, unknown> | undefined,
    res: ServerResponse,
  ): Promise<boolean> => {
    for (const i of [...interceptors]) {
      if (i.method !== call.method || i.when !== when) continue;
      if ((await i.hook(call, result)) === 'drop') {
        res.destroy();
        return true;
      }
    }
    return false;
  };

  const takeFailure = (method: string): FakeSlackFailure | undefined => failures.get(method)?.shift();

  const handle = async (
    req: IncomingMessage,
    res: ServerResponse,
    current: FakeSlackState,
  ): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'GET' && path.startsWith('/files/')) return download(req, res, current, path);
    if (req.method !== 'POST') return send(res, 404, { ok: false, error: 'not_found' });
    const body = await decodeBody(await readRaw(req), req.headers['content-type']);

    const [, area, name = ''] = path.split('/');
    if (area === 'response') {
      const failure = takeFailure('response_url');
      // response_url answers errors with an HTTP status and a plain-text code, unlike the Web API.
      if (failure) return 'status' in failure ? sendFailure(res, failure) : sendText(res, 400, failure.error);
      const response = { url: `${current.baseUrl}response/${name}`, body: body.params };
      responses.record(response);
      emit({ kind: 'response', response });
      return send(res, 200, { ok: true });
    }
    if (area === 'upload') {
      const file = current.files.get(name);
      calls.record({
        method: 'upload',
        params: { file_id: name, bytes: body.file?.length ?? 0 },
        token: null,
        at: Date.now(),
      });
      if (!file || !body.file) return sendText(res, 404, 'file not found');
      file.bytes = body.file;
      return sendText(res, 200, `OK - ${body.file.length}`);
    }
    if (area !== 'api') return send(res, 404, { ok: false, error: 'not_found' });

    const token = bearer(req.headers.authorization) ?? str(body.params.token) ?? null;
    const { token: _omit, ...params } = body.params;
    const call = { method: name, params, token, at: Date.now() };
    calls.record(call);
    const failure = takeFailure(name);
    if (failure) return sendFailure(res, failure);
    if (!token) return send(res, 200, fail('invalid_auth'));
    const handler = methods[name];
    if (!handler) return send(res, 200, fail('unknown_method'));
    if (await intercepted('before', call, undefined, res)) return;
    if (name === 'chat.postMessage') {
      const retryAfter = limiter.take(str(params.channel) ?? '', Date.now());
      if (retryAfter !== null) return sendFailure(res, { status: 429, retryAfter });
    }
    const tierWait = tiers.take(name, nowMs());
    if (tierWait !== null) return sendFailure(res, { status: 429, retryAfter: tierWait });
    const result = handler(params, current);
    if (await intercepted('after', call, result, res)) return;
    send(res, 200, result);
    emit({ kind: 'call', call, result });
  };

  /** GET /files/{id}/download/{name}: a shared file's bytes, to a caller with a bearer token (like Slack). */
  const download = (req: IncomingMessage, res: ServerResponse, current: FakeSlackState, path: string) => {
    const [, , id = ''] = path.split('/');
    const token = bearer(req.headers.authorization) ?? null;
    calls.record({ method: 'files.download', params: { file: id }, token, at: Date.now() });
    const failure = takeFailure('files.download');
    if (failure) return sendFailure(res, failure);
    const file = current.files.get(id);
    // Slack answers a download without a valid token with its sign-in page, not the file.
    if (!token) return sendText(res, 302, 'sign in');
    if (!file?.sharedBy || !file.bytes) return sendText(res, 404, 'file not found');
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  };

  const server = createServer((req, res) => {
    if (!state) return send(res, 503, { ok: false, error: 'starting' });
    handle(req, res, state).catch((error: unknown) =>
      send(res, 500, { ok: false, error: 'fake_internal', detail: String(error) }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/`;
  state = new FakeSlackState(`${base}`, options.filesProcessingCalls ?? 0, options.now);
  const live = state;
  let responseSeq = 0;

  return {
    url: `${base}api/`,
    calls: calls.items,
    responses: responses.items,
    responseUrl: (id) => `${base}response/${id ?? `r${++responseSeq}`}`,
    failNext: (method, error, count = 1) => {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < count; i += 1) queue.push(error);
      failures.set(method, queue);
    },
    users: live.users,
    usergroupMembers: live.usergroupMembers,
    usergroups: live.usergroups,
    channels: live.channels,
    channelMembers: live.channelMembers,
    uploads: live.uploads,
    messages: (channel) => live.messagesIn(channel).map((m) => structuredClone(m)),
    addMessage: (message) => {
      const added = { ...message, ts: live.shareTs() };
      live.messages.set(`${added.channel}:${added.ts}`, added);
      return { ...added };
    },
    addUserFile: ({ name, content, user }) => {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
      const id = live.nextId('F');
      live.files.set(id, {
        id,
        filename: name,
        title: name,
        length: bytes.length,
        bytes,
        completed: true,
        polls: 0,
        sharedBy: user,
      });
      return { id, name, size: bytes.length };
    },
    intercept: (method, when, hook) => {
      const entry = { method, when, hook };
      interceptors.add(entry);
      return () => interceptors.delete(entry);
    },
    waitFor: (predicate, timeoutMs) => calls.waitFor(predicate, timeoutMs),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    waitForResponse: (predicate, timeoutMs) => responses.waitFor(predicate, timeoutMs),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

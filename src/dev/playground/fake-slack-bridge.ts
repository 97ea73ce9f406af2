import type { Clock } from '../../clock.js';
import type { FakeSlackCall, FakeSlackEvent, FakeSlackResponse } from '../fake-slack/fake-slack.js';
import type { Feed, FeedFile } from './feed.js';
import { isRec, recsOf, strAt } from './render/read-fields.js';

/** Where a response_url's posts land, and which message is its "original" (replace/delete target). */
interface ResponseRoute {
  conversation: string;
  originalId?: string;
  /** True once the bot answered through it: a later-arriving ack must not reappear. */
  answered: boolean;
}

/**
 * Turns what the fake Slack serves into what a person would see in Slack: chat.* calls, ephemerals,
 * shared files, App Home views, and response_url posts with Slack's replace/delete semantics.
 */
export class FakeSlackBridge {
  private readonly routes = new Map<string, ResponseRoute>();

  constructor(
    private readonly feed: Feed,
    private readonly clock: Clock,
    private readonly options: { homeUser: string; fileName: (id: string) => string | undefined },
  ) {}

  /** Registers a response_url the playground handed to the bot (a slash command or a click). */
  route(url: string, conversation: string, originalId?: string): void {
    this.routes.set(url, { conversation, answered: false, ...(originalId ? { originalId } : {}) });
  }

  /** The slash command's ack body: Slack shows it as the first ephemeral, unless the answer beat it. */
  ack(url: string, body: Record<string, unknown>): void {
    const route = this.routes.get(url);
    if (!route || route.answered || (body.text === undefined && body.blocks === undefined)) return;
    route.originalId = this.bot(route.conversation, true, body).id;
  }

  apply(event: FakeSlackEvent): void {
    if (event.kind === 'response') this.response(event.response);
    else if (event.result.ok === true) this.call(event.call, event.result);
  }

  private response({ url, body }: FakeSlackResponse): void {
    const route = this.routes.get(url);
    if (!route) return;
    route.answered = true;
    if (body.delete_original === true) {
      if (route.originalId) this.feed.remove(route.originalId);
      delete route.originalId;
      return;
    }
    const original = route.originalId ? this.feed.get(route.originalId) : undefined;
    if (body.replace_original === true && original) {
      this.feed.update(original.id, { text: strAt(body, 'text') ?? '', blocks: body.blocks ?? [] });
      return;
    }
    const added = this.bot(route.conversation, body.response_type !== 'in_channel', body);
    route.originalId ??= added.id;
  }

  private call({ method, params }: FakeSlackCall, result: Record<string, unknown>): void {
    const channel = strAt(params, 'channel') ?? '';
    const ts = strAt(params, 'ts') ?? '';
    if (method === 'chat.postMessage' || method === 'chat.postEphemeral') {
      const ephemeral = method === 'chat.postEphemeral';
      const posted = strAt(result, ephemeral ? 'message_ts' : 'ts');
      this.bot(channel, ephemeral, params, posted);
    } else if (method === 'chat.update') {
      const message = this.feed.findByTs(channel, ts);
      if (message)
        this.feed.update(message.id, {
          text: strAt(params, 'text') ?? message.text,
          blocks: params.blocks ?? message.blocks,
        });
    } else if (method === 'chat.delete') {
      const message = this.feed.findByTs(channel, ts);
      if (message) this.feed.remove(message.id);
    } else if (method === 'files.completeUploadExternal') {
      this.files(params);
    } else if (method === 'views.publish' && strAt(params, 'user_id') === this.options.homeUser) {
      const view = isRec(params.view) ? params.view : {};
      this.feed.setHome(recsOf(view.blocks));
    }
  }

  /** A shared file shows as a bot message carrying it (and the upload's comment), as in Slack. */
  private files(params: Record<string, unknown>): void {
    const channel = strAt(params, 'channel_id');
    if (!channel) return; // not shared anywhere: nobody sees it
    const files: FeedFile[] = recsOf(params.files).flatMap((f) => {
      const id = strAt(f, 'id');
      if (!id) return [];
      const name = this.options.fileName(id) ?? id;
      return [{ id, name, title: strAt(f, 'title') ?? name }];
    });
    const threadTs = strAt(params, 'thread_ts');
    this.feed.add({
      conversation: channel,
      ts: this.feed.localTs(this.clock.now().getTime()),
      ...(threadTs ? { threadTs } : {}),
      author: 'bot',
      ephemeral: false,
      text: strAt(params, 'initial_comment') ?? '',
      files,
      at: this.clock.now().getTime(),
    });
  }

  private bot(conversation: string, ephemeral: boolean, body: Record<string, unknown>, ts?: string) {
    const threadTs = strAt(body, 'thread_ts');
    return this.feed.add({
      conversation,
      ts: ts ?? this.feed.localTs(this.clock.now().getTime()),
      ...(threadTs ? { threadTs } : {}),
      author: 'bot',
      ephemeral,
      text: strAt(body, 'text') ?? '',
      blocks: body.blocks ?? [],
      at: this.clock.now().getTime(),
    });
  }
}

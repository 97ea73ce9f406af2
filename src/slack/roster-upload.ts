/**
 * A roster dropped in the bot's DM (issue 12 §1b): Slack sends a `message` event (subtype `file_share`,
 * channel type `im`). Only admins — the same check as the commands — may upload one; the file is found
 * with files.info, refused above the size cap before any download, downloaded from its private URL with
 * the bot token, and handed to the roster importer, which validates it whole and stores it in one
 * transaction. The outcome (or every problem with its line number) is posted back in the DM. `remove
 * roster` typed in the DM by an admin drops the uploaded roster.
 */
import type { App } from '@slack/bolt';
import { z } from 'zod';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import {
  buildRosterImportReply,
  buildRosterRefusal,
  buildRosterRemoveReply,
  REMOVE_ROSTER_WORDS,
  type RosterRefusal,
} from '../../reports/teams/roster-import-reply.js';
import { errorCode } from '../errors.js';
import type { SlackClient } from '../slack-posting/slack-client.js';
import { slackErrorCode } from '../slack-posting/slack-error-code.js';
import { type RosterImporter, rosterFormatOf } from '../teams/create-roster-importer.js';
import type { EdgeDeps } from './edge-deps.js';

/** The largest roster accepted: 2 MB is ~40,000 lines of `email,team,manager,cost_centre`. */
export const MAX_ROSTER_BYTES = 2 * 1_048_576;

export interface RosterUploadOptions {
  importer: RosterImporter;
  /** Downloads need the bot token (Slack's private file URLs require it). */
  botToken: string;
  /** How the file is downloaded (globalThis.fetch in production); injected like the Web API client's. */
  fetch: typeof globalThis.fetch;
  maxBytes: number;
}

const dmEvent = z.object({
  channel: z.string(),
  channel_type: z.literal('im'),
  user: z.string(),
  subtype: z.string().optional(),
  text: z.string().optional(),
  bot_id: z.string().optional(),
  files: z.array(z.object({ id: z.string() })).optional(),
});
const fileInfo = z.object({
  file: z.object({
    name: z.string(),
    size: z.number(),
    url_private_download: z.url(),
  }),
});

export function registerRosterUpload(app: App, deps: EdgeDeps, options: RosterUploadOptions): void {
  app.event('message', async ({ event, client }) => {
    const parsed = dmEvent.safeParse(event);
    // Not a person's message in a DM with the bot (channels, edits, the bot's own posts): not ours.
    if (!parsed.success || parsed.data.bot_id !== undefined) return;
    const dm = parsed.data;
    const isUpload = dm.subtype === 'file_share' && (dm.files?.length ?? 0) > 0;
    const isRemove = dm.subtype === undefined && dm.text?.trim().toLowerCase() === REMOVE_ROSTER_WORDS;
    if (!isUpload && !isRemove) return;
    const post = (message: ReportMessage) =>
      client.chat.postMessage({ channel: dm.channel, text: message.text, blocks: message.blocks });
    await deps.inFlight.track(
      (async () => {
        try {
          if (!(await deps.isAdmin(client, dm.user))) {
            deps.logger.warn('roster upload refused: not an admin', { user: dm.user });
            if (isUpload) await post(buildRosterRefusal('not_admin', options));
            return;
          }
          if (isRemove) {
            await post(buildRosterRemoveReply(await options.importer.remove(dm.user)));
            return;
          }
          const files = dm.files ?? [];
          const [first] = files;
          if (files.length !== 1 || !first)
            return void (await post(buildRosterRefusal('several_files', options)));
          await importFile(client, first.id, dm.user, options, post, deps);
        } catch (error) {
          deps.logger.error('roster upload failed', error, {
            code: slackErrorCode(error) ?? errorCode(error),
            user: dm.user,
          });
          await post({
            text: ":warning: I couldn't import that roster; nothing was changed. Please try again.",
            blocks: [],
            charts: [],
          }).catch((second: unknown) => deps.logger.warn('could not tell the uploader either', second));
        }
      })(),
    );
  });
}

async function importFile(
  client: SlackClient,
  fileId: string,
  user: string,
  options: RosterUploadOptions,
  post: (message: ReportMessage) => Promise<unknown>,
  deps: EdgeDeps,
): Promise<void> {
  const refuse = (reason: RosterRefusal) => post(buildRosterRefusal(reason, options));
  const info = fileInfo.safeParse(await client.files.info({ file: fileId }));
  if (!info.success) return void (await refuse('unreadable'));
  const { name, size, url_private_download: url } = info.data.file;
  const format = rosterFormatOf(name);
  if (format === null) return void (await refuse('not_a_roster'));
  if (size > options.maxBytes) return void (await refuse('too_large'));
  const bytes = await download(url, options);
  if (bytes === 'too_large') return void (await refuse('too_large'));
  if (bytes === null) {
    deps.logger.warn('roster download failed', { user });
    return void (await refuse('unreadable'));
  }
  const outcome = await options.importer.import({ fileName: name, format, bytes, uploadedBy: user });
  await post(buildRosterImportReply(outcome));
}

/** The file's bytes, read up to the cap (files.info's size is Slack's word, the body is what arrives). */
async function download(url: string, options: RosterUploadOptions): Promise<Uint8Array | 'too_large' | null> {
  const response = await options.fetch(url, {
    headers: { authorization: `Bearer ${options.botToken}` },
    redirect: 'manual',
  });
  // Slack answers a bad token with a redirect to its sign-in page: never read that as a roster.
  if (response.status !== 200 || !response.body) return null;
  const chunks: Uint8Array[] = [];
  let total = 0;
  // Leaving the loop early cancels the body: a file larger than the cap is never read whole.
  for await (const chunk of response.body) {
    total += chunk.length;
    if (total > options.maxBytes) return 'too_large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

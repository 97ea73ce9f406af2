import type { SlackClient } from './slack-client.js';

/** A file to share with its comment: what a command's file reply (CSV/JSON export) carries. */
export interface FileUpload {
  filename: string;
  filetype: string;
  content: string;
  title: string;
  comment: { text: string };
}

/** Uploads a file reply (CSV/JSON export) with its comment to a conversation, optionally in a thread. */
export async function uploadFileReply(
  client: SlackClient,
  reply: FileUpload,
  where: { channelId: string; threadTs?: string | undefined },
): Promise<void> {
  const destination = where.threadTs
    ? { channel_id: where.channelId, thread_ts: where.threadTs }
    : { channel_id: where.channelId };
  await client.filesUploadV2({
    ...destination,
    content: reply.content,
    filename: reply.filename,
    title: reply.title,
    snippet_type: reply.filetype,
    initial_comment: reply.comment.text,
  });
}

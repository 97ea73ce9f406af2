import { str } from './fake-slack-state.js';
import { fail, type MethodHandler } from './method-handler.js';
import { isRecord } from './request-body.js';

/**
 * The external upload flow (getUploadURLExternal → POST bytes → completeUploadExternal) and files.info,
 * whose `shares` appear only after `filesProcessingCalls` polls — Slack processes uploads asynchronously.
 * For files a person shared (FakeSlack.addUserFile), files.info also gives the private download URL.
 */
export const fileMethods: Record<string, MethodHandler> = {
  'files.getUploadURLExternal': (params, state) => {
    const filename = str(params.filename);
    const length = Number(params.length);
    if (!filename || !Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
    const id = state.nextId('F');
    state.files.set(id, { id, filename, title: filename, length, completed: false, polls: 0 });
    return { ok: true, upload_url: `${state.baseUrl}upload/${id}`, file_id: id };
  },

  'files.completeUploadExternal': (params, state) => {
    if (!Array.isArray(params.files) || params.files.length === 0) return fail('invalid_arguments');
    const channelId = str(params.channel_id);
    const threadTs = str(params.thread_ts);
    if (channelId && state.channel(channelId).is_member === false) return fail('not_in_channel');
    const done: Record<string, unknown>[] = [];
    for (const entry of params.files) {
      const file = isRecord(entry) && typeof entry.id === 'string' ? state.files.get(entry.id) : undefined;
      if (!file?.bytes) return fail('file_not_found');
      file.completed = true;
      if (isRecord(entry) && typeof entry.title === 'string') file.title = entry.title;
      if (channelId) file.channelId = channelId;
      if (threadTs) file.threadTs = threadTs;
      state.uploads.push({
        fileId: file.id,
        filename: file.filename,
        bytes: file.bytes,
        ...(channelId ? { channelId } : {}),
        ...(threadTs ? { threadTs } : {}),
      });
      done.push({ id: file.id, title: file.title });
    }
    if (channelId) {
      const ts = state.shareTs();
      const files = done.map((d) => {
        const file = state.files.get(String(d.id));
        return { id: String(d.id), name: file?.filename ?? '', title: String(d.title) };
      });
      state.messages.set(`${channelId}:${ts}`, {
        channel: channelId,
        ts,
        ...(threadTs ? { threadTs } : {}),
        text: '',
        files,
      });
    }
    return { ok: true, files: done };
  },

  'files.info': (params, state) => {
    const id = str(params.file);
    const file = id ? state.files.get(id) : undefined;
    if (!file?.completed) return fail('file_not_found');
    file.polls += 1;
    const shared = file.channelId !== undefined && state.isProcessed(file);
    const scope = file.channelId && /^[GD]/.test(file.channelId) ? 'private' : 'public';
    return {
      ok: true,
      file: {
        id: file.id,
        name: file.filename,
        title: file.title,
        size: file.length,
        mimetype: file.filename.endsWith('.png') ? 'image/png' : 'application/octet-stream',
        filetype: file.filename.split('.').pop() ?? 'binary',
        // A person's upload can be downloaded with the bot token (GET, Authorization: Bearer).
        ...(file.sharedBy
          ? {
              user: file.sharedBy,
              url_private: `${state.baseUrl}files/${file.id}/${encodeURIComponent(file.filename)}`,
              url_private_download: `${state.baseUrl}files/${file.id}/download/${encodeURIComponent(file.filename)}`,
            }
          : {}),
        // Real Slack leaves `shares` out until processing has finished.
        ...(shared && file.channelId
          ? {
              shares: {
                [scope]: {
                  [file.channelId]: [
                    { ts: state.nextTs(), ...(file.threadTs ? { thread_ts: file.threadTs } : {}) },
                  ],
                },
              },
            }
          : {}),
      },
    };
  },
};

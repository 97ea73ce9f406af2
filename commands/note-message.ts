import { context, section } from '../reports/blocks/block-helpers.js';
import type { ReportMessage } from '../reports/blocks/report-message.js';
import type { CommandReply } from './command-types.js';

/**
 * A short answer that is not a report (a refusal, a "not yet", a missing email): one mrkdwn section
 * and an optional context line. The caller writes the mrkdwn, so anything user-derived must already be
 * escaped. The fallback text is the same mrkdwn: Slack renders `text` as mrkdwn too, and stripping
 * markers would mangle emails like `jane_doe@…`.
 */
export function noteMessage(mrkdwn: string, footnote?: string): ReportMessage {
  return {
    text: mrkdwn,
    blocks: [section(mrkdwn), ...(footnote === undefined ? [] : [context([footnote])])],
    charts: [],
  };
}

/** A note as an ephemeral, non-shareable reply: only the asker needs to read it. */
export function noteReply(mrkdwn: string, footnote?: string): CommandReply {
  return {
    kind: 'message',
    message: noteMessage(mrkdwn, footnote),
    visibility: 'ephemeral',
    audience: 'requester',
    shareable: false,
  };
}

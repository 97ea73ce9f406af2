import type { Clock } from '../clock.js';
import type { SlackClient } from './slack-client.js';

export interface SharePollPolicy {
  /** files.info calls before giving up (bounded: a person is waiting). */
  attempts: number;
  /** Pause before each poll after the first, growing linearly (delayMs, 2·delayMs, …). */
  delayMs: number;
}

export const defaultSharePollPolicy: SharePollPolicy = { attempts: 6, delayMs: 500 };

/**
 * Waits until Slack has finished processing an upload, i.e. files.info shows `shares`. Until then a
 * `slack_file` image block fails with "invalid slack file" (docs/slack-platform.md, Files). Returns
 * false when processing did not finish within the policy; the file is still shared where it was sent.
 */
export async function waitForFileShares(
  client: SlackClient,
  fileId: string,
  clock: Clock,
  policy: SharePollPolicy = defaultSharePollPolicy,
): Promise<boolean> {
  // The first look is immediate: small uploads are often processed by the time the upload completes,
  // and a person is waiting for the answer. Later looks back off.
  for (let attempt = 0; attempt < policy.attempts; attempt += 1) {
    if (attempt > 0) await clock.sleep(policy.delayMs * attempt);
    const { file } = await client.files.info({ file: fileId });
    const shares = file?.shares;
    if (
      shares &&
      (Object.keys(shares.public ?? {}).length > 0 || Object.keys(shares.private ?? {}).length > 0)
    ) {
      return true;
    }
  }
  return false;
}

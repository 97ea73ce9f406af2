import type { FakeSlackState } from './fake-slack-state.js';
import { isRecord } from './request-body.js';

const MAX_BLOCKS = 50;

/**
 * The rejections real Slack makes that our edge must survive: too many blocks, an image URL Slack
 * cannot fetch (localhost), and a `slack_file` that is unknown or still processing ("invalid slack file").
 * Returns the Slack error code, or null when the blocks would be accepted.
 */
export function checkBlocks(blocks: unknown, state: FakeSlackState): string | null {
  if (blocks === undefined) return null;
  if (!Array.isArray(blocks)) return 'invalid_blocks_format';
  if (blocks.length > MAX_BLOCKS) return 'invalid_blocks';
  for (const block of blocks) {
    if (!isRecord(block) || typeof block.type !== 'string') return 'invalid_blocks';
    if (block.type !== 'image') continue;
    if (typeof block.alt_text !== 'string' || block.alt_text === '') return 'invalid_blocks';
    if (typeof block.image_url === 'string') {
      if (
        !/^https:\/\//.test(block.image_url) ||
        /\/\/(localhost|127\.|10\.|192\.168\.)/.test(block.image_url)
      ) {
        return 'invalid_blocks';
      }
      continue;
    }
    const ref = isRecord(block.slack_file) ? block.slack_file : undefined;
    const file = typeof ref?.id === 'string' ? state.files.get(ref.id) : undefined;
    if (!file || !state.isProcessed(file)) return 'invalid_blocks';
  }
  return null;
}

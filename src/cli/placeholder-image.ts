import type { ImageBlock } from '@slack/types';
import { chartImage } from '../../reports/blocks/block-helpers.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';

/** A public image service Slack and Block Kit Builder can fetch; it draws a grey box of any size. */
const PLACEHOLDER_BASE = 'https://placehold.co';

/**
 * The image block a Block Kit Builder link shows in place of a chart rendered to a local PNG: the
 * Builder (like Slack) refuses an `image_url` that is a file name or a localhost URL (issue 9, 4.3).
 * Same size and alt text as the chart; the title says it is a placeholder and names the real file.
 */
export function placeholderImage(spec: ChartSpec, pngName: string): ImageBlock {
  const text = encodeURIComponent(`${spec.title} (placeholder)`);
  const url = `${PLACEHOLDER_BASE}/${spec.width}x${spec.height}/png?text=${text}`;
  return {
    ...chartImage(spec, { image_url: url }),
    title: {
      type: 'plain_text',
      text: `${spec.title} — placeholder; the real chart is ${pngName}`.slice(0, 2000),
    },
  };
}

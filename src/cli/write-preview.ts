import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ImageBlock, KnownBlock } from '@slack/types';
import { chartImage, section } from '../../reports/blocks/block-helpers.js';
import { footerBlockId } from '../../reports/blocks/report-footer.js';
import type { ReportMessage } from '../../reports/blocks/report-message.js';
import type { ChartSpec } from '../../reports/charts/chart-spec.js';
import { withChartImages } from '../../reports/limits/with-chart-images.js';
import { errorCode } from '../errors.js';
import type { Composition } from '../main/compose.js';
import { isPublicImageUrl } from '../slack-posting/public-url.js';
import { placeholderImage } from './placeholder-image.js';

/** Block Kit Builder takes the message as a URL fragment. */
const BLOCK_KIT_BUILDER = 'https://app.slack.com/block-kit-builder#';
/** Longer links get cut by terminals and chat clients: point at the JSON file instead. */
const MAX_LINK_LENGTH = 8_000;

/** What writing a preview needs of the composition: the chart renderer and the logger. */
export type PreviewDeps = Pick<Composition, 'renderChart' | 'logger'>;

/** One message written to disk. */
export interface WrittenMessage {
  jsonPath: string;
  pngPaths: string[];
  text: string;
  blocks: number;
  /**
   * The Block Kit Builder link, or null when it would be too long (then `builderPath` holds the same
   * payload). Its charts are public placeholders: the Builder cannot fetch the local PNGs.
   */
  link: string | null;
  /** `<name>.builder.json`, written only when the link is too long to print. */
  builderPath: string | null;
  /** Charts the link shows as placeholders (their PNGs are in `pngPaths`). */
  placeholders: number;
}

/**
 * Renders each message's charts (PNG preferred) and writes `<name>[-N].json` ({ text, blocks }, image
 * blocks pointing at the PNG file names next to it) and `<name>[-N]-<chart>.png` into `outDir`.
 * A chart that fails to render becomes its alt text, as in Slack. The Block Kit Builder link carries
 * the same blocks with each local image replaced by a public placeholder of the same size.
 */
export async function writePreview(
  c: PreviewDeps,
  name: string,
  messages: readonly ReportMessage[],
  outDir: string,
): Promise<WrittenMessage[]> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const written: WrittenMessage[] = [];
  for (const [index, message] of messages.entries()) {
    const base = messages.length === 1 ? name : `${name}-${index + 1}`;
    const pngPaths: string[] = [];
    const images: Array<{ key: string; block: ImageBlock }> = [];
    const linkImages: Array<{ key: string; block: ImageBlock }> = [];
    const fallbacks: KnownBlock[] = [];
    let placeholders = 0;
    for (const spec of message.charts) {
      const fileName = `${base}-${spec.key}.png`;
      const shown = await renderForPreview(c, spec, fileName, dir);
      if (shown.png) pngPaths.push(shown.png);
      if (shown.fallback) fallbacks.push(shown.fallback);
      if (!shown.image) continue;
      images.push({ key: spec.key, block: shown.image });
      const url = 'image_url' in shown.image ? shown.image.image_url : undefined;
      if (url !== undefined && isPublicImageUrl(url)) linkImages.push({ key: spec.key, block: shown.image });
      else {
        linkImages.push({ key: spec.key, block: placeholderImage(spec, fileName) });
        placeholders += 1;
      }
    }
    const blocks = withFallbacks(withChartImages(message, images).blocks, fallbacks);
    const jsonPath = join(dir, `${base}.json`);
    await writeFile(jsonPath, `${JSON.stringify({ text: message.text, blocks }, null, 2)}\n`);
    const payload = JSON.stringify({
      blocks: withFallbacks(withChartImages(message, linkImages).blocks, fallbacks),
    });
    const link = `${BLOCK_KIT_BUILDER}${encodeURIComponent(payload)}`;
    let builderPath: string | null = null;
    if (link.length > MAX_LINK_LENGTH) {
      builderPath = join(dir, `${base}.builder.json`);
      await writeFile(builderPath, `${payload}\n`);
    }
    written.push({
      jsonPath,
      pngPaths,
      text: message.text,
      blocks: blocks.length,
      link: builderPath === null ? link : null,
      builderPath,
      placeholders,
    });
  }
  return written;
}

/** Text charts go where the image would: just above the footer. */
function withFallbacks(blocks: readonly KnownBlock[], fallbacks: readonly KnownBlock[]): KnownBlock[] {
  const out = [...blocks];
  const footerAt = out.findIndex((b) => b.block_id === footerBlockId);
  out.splice(footerAt >= 0 ? footerAt : out.length, 0, ...fallbacks);
  return out;
}

async function renderForPreview(
  c: PreviewDeps,
  spec: ChartSpec,
  fileName: string,
  dir: string,
): Promise<{ png?: string; image?: ImageBlock; fallback?: KnownBlock }> {
  try {
    const rendered = await c.renderChart(spec, { preferPng: true });
    if (rendered.kind === 'png') {
      const path = join(dir, fileName);
      await writeFile(path, rendered.png);
      return { png: path, image: chartImage(spec, { image_url: fileName }) };
    }
    if (rendered.kind === 'url') return { image: chartImage(spec, { image_url: rendered.url }) };
    return { fallback: section(`\`\`\`${rendered.text.slice(0, 2_900)}\`\`\``) };
  } catch (error) {
    c.logger.warn('chart failed in preview; showing its alt text', {
      chart: spec.key,
      code: errorCode(error),
    });
    return { fallback: section(`:bar_chart: *${spec.title}* — ${spec.altText}`) };
  }
}

/** The short per-message summary `preview` and `demo` print. */
export function describeWritten(
  written: readonly WrittenMessage[],
  options: { links?: boolean } = {},
): string {
  return written
    .map((w, i) => {
      const files = [w.jsonPath, ...w.pngPaths].map((p) => `    ${p}`).join('\n');
      if (options.links === false) return `Message ${i + 1}: ${w.text}\n${files}`;
      const note =
        w.placeholders > 0
          ? ` (${w.placeholders === 1 ? 'its chart is a placeholder' : 'its charts are placeholders'}; the real ${w.placeholders === 1 ? 'PNG is' : 'PNGs are'} listed above)`
          : '';
      const open = w.link
        ? `  Block Kit Builder${note}: ${w.link}`
        : `  Block Kit Builder link too long to print; paste ${w.builderPath} into ${BLOCK_KIT_BUILDER}${note}`;
      return `Message ${i + 1}: ${w.text}\n  ${w.blocks} blocks, ${w.pngPaths.length} chart(s):\n${files}\n${open}`;
    })
    .join('\n');
}

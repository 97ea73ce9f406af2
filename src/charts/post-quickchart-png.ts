import { type Dispatcher, request } from 'undici';
import type { Logger } from '../logger.js';
import type { QuickChartPostData } from './build-quickchart.js';
import { readPngSize } from './read-png-size.js';

/** Refuse bigger answers: a 1600×800 chart is ~100 kB, Slack's file limit is far above this anyway. */
const MAX_PNG_BYTES = 10 * 1024 * 1024;

export interface PostQuickChartOptions {
  /** `{QUICKCHART_URL}/chart` */
  endpoint: string;
  body: QuickChartPostData;
  timeoutMs: number;
  logger: Logger;
  dispatcher?: Dispatcher | undefined;
  signal?: AbortSignal | undefined;
}

/** Status and transport failures worth one more try; a 4xx or a non-PNG 200 will not change. */
class RetryableError extends Error {}

/**
 * POSTs the chart to a QuickChart server and returns the validated PNG. One retry at most, on network
 * errors, timeouts, 429 and 5xx: a chart is a nice-to-have and the report waits for it. Each attempt
 * has its own deadline; the caller's signal aborts everything. Throws plain Errors (the renderer wraps).
 */
export async function postQuickChartPng(
  options: PostQuickChartOptions,
): Promise<{ png: Buffer; width: number; height: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptPost(options);
    } catch (error) {
      const retry = error instanceof RetryableError && attempt < 2 && !options.signal?.aborted;
      if (!retry) throw error;
      options.logger.warn('quickchart request failed, retrying once', { attempt, errMsg: error.message });
    }
  }
}

async function attemptPost(
  options: PostQuickChartOptions,
): Promise<{ png: Buffer; width: number; height: number }> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, deadline]) : deadline;
  let response: Dispatcher.ResponseData;
  try {
    response = await request(options.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'image/png' },
      body: JSON.stringify(options.body),
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new RetryableError(`request failed: ${describe(error)}`, { cause: error });
  }
  const { statusCode } = response;
  if (statusCode !== 200) {
    await response.body.dump();
    const message = `QuickChart answered HTTP ${statusCode}`;
    throw statusCode === 429 || statusCode >= 500 ? new RetryableError(message) : new Error(message);
  }
  const length = Number(response.headers['content-length'] ?? 0);
  if (length > MAX_PNG_BYTES) {
    await response.body.dump();
    throw new Error(`QuickChart answered ${length} bytes, more than ${MAX_PNG_BYTES}`);
  }
  const png = Buffer.from(await response.body.arrayBuffer());
  const size = readPngSize(png);
  if (!size) {
    const type = String(response.headers['content-type'] ?? 'no content-type');
    throw new Error(`QuickChart answered 200 with ${png.length} bytes of ${type}, not a PNG`);
  }
  return { png, ...size };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { CodexPulseError } from '../errors.js';

/**
 * A chart could not be rendered. The Slack edge catches this code and sends the report's text without
 * the image, so a broken renderer never loses the report.
 */
export class ChartRenderError extends CodexPulseError {
  /** The spec's key, so the log line says which chart failed. */
  readonly chartKey: string;

  constructor(chartKey: string, message: string, options: { cause?: unknown } = {}) {
    super('chart_render_failed', `Chart '${chartKey}': ${message}`, options);
    this.chartKey = chartKey;
  }
}

import type { ChartSpec } from '../../reports/charts/chart-spec.js';

/** Keeps the text inside one Slack section (3000) with room for the ``` fence and a heading. */
export const MAX_TEXT_CHART_CHARS = 2500;
const BAR_CELLS = 24;
const MAX_LABEL = 16;
const eighths = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

/** Plain-JSON Chart.js config, read loosely: the text view only needs labels and numbers. */
interface LooseConfig {
  type?: string;
  data?: { labels?: unknown[]; datasets?: { label?: unknown; data?: unknown[] }[] };
  options?: { indexAxis?: string; scales?: Record<string, { stacked?: unknown } | undefined> };
}
interface Row {
  label: string;
  value: number | null;
}
interface Section {
  heading?: string;
  rows: Row[];
}

/**
 * The chart as unicode bars (`CLI  ██████████▌ 412`) for CHART_RENDERER=none, to be wrapped in a code
 * block by the caller. Pie/doughnut and single-series charts get one bar per label; stacked charts one
 * bar per label with the stack's total (what the bar's height shows), then the last label per series;
 * other multi-series charts one section per series. Cut to `maxChars` with a note saying what was left.
 */
export function renderTextBars(spec: ChartSpec, maxChars = MAX_TEXT_CHART_CHARS): string {
  const config = spec.config as unknown as LooseConfig;
  const labels = (config.data?.labels ?? []).map(clean);
  const valueAxis = config.options?.indexAxis === 'y' ? 'x' : 'y';
  const series = (config.data?.datasets ?? []).map((dataset, index) => ({
    name: typeof dataset.label === 'string' ? clean(dataset.label) : `Series ${index + 1}`,
    values: labels.map((_, i) => toNumber(dataset.data?.[i], valueAxis)),
  }));
  const stacked = Object.values(config.options?.scales ?? {}).some((scale) => scale?.stacked === true);
  const row = (i: number, value: number | null): Row => ({ label: labels[i] ?? '', value });

  let sections: Section[];
  const [first] = series;
  if (!first || labels.length === 0) {
    sections = [];
  } else if (series.length === 1 || ['pie', 'doughnut', 'polarArea'].includes(config.type ?? '')) {
    sections = [{ rows: first.values.map((v, i) => row(i, v)) }];
  } else if (stacked) {
    const totals = labels.map((_, i) => sum(series.map((s) => s.values[i] ?? null)));
    const last = labels.length - 1;
    sections = [
      { heading: 'Total', rows: totals.map((v, i) => row(i, v)) },
      {
        heading: `${labels[last]} by series`,
        rows: series.map((s) => ({ label: s.name, value: s.values[last] ?? null })),
      },
    ];
  } else {
    sections = series.map((s) => ({ heading: s.name, rows: s.values.map((v, i) => row(i, v)) }));
  }
  return layout(clean(spec.title), sections, maxChars);
}

function layout(title: string, sections: Section[], maxChars: number): string {
  const rows = sections.flatMap((s) => s.rows);
  if (rows.length === 0) return `${title}\n(no data)`;
  const max = Math.max(0, ...rows.map((r) => r.value ?? 0));
  const labelWidth = Math.min(MAX_LABEL, Math.max(...rows.map((r) => r.label.length)));
  const valueWidth = Math.max(...rows.map((r) => format(r.value).length));
  const lines = [title];
  for (const section of sections) {
    if (section.heading !== undefined) lines.push('', `${section.heading}:`);
    for (const { label, value } of section.rows) {
      const name = label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}…` : label;
      const bar = drawBar(value ?? 0, max).padEnd(BAR_CELLS);
      lines.push(`${name.padEnd(labelWidth)} ${bar} ${format(value).padStart(valueWidth)}`.trimEnd());
    }
  }
  return truncate(lines, maxChars);
}

/** Keeps whole lines; the note says how many were dropped so nobody reads a cut list as complete. */
function truncate(lines: string[], maxChars: number): string {
  let text = '';
  for (const [i, line] of lines.entries()) {
    const next = text === '' ? line : `${text}\n${line}`;
    const note = `\n… ${lines.length - i - 1} more lines`;
    if (next.length + (i < lines.length - 1 ? note.length : 0) > maxChars) {
      return `${text}\n… ${lines.length - i} more lines`;
    }
    text = next;
  }
  return text;
}

function drawBar(value: number, max: number): string {
  if (value <= 0 || max <= 0) return '';
  const cells = (value / max) * BAR_CELLS;
  const full = Math.floor(cells);
  const part = Math.round((cells - full) * 8);
  if (part === 8) return '█'.repeat(full + 1);
  // A non-zero value always shows something, however small next to the largest.
  return '█'.repeat(full) + (full === 0 && part === 0 ? '▏' : (eighths[part] ?? ''));
}

function toNumber(point: unknown, axis: 'x' | 'y'): number | null {
  const value =
    point !== null && typeof point === 'object' ? (point as Record<string, unknown>)[axis] : point;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function sum(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

function format(value: number | null): string {
  return value === null ? '–' : number.format(value);
}

/** Labels may be arrays (multi-line ticks) and must not close the caller's code block. */
function clean(label: unknown): string {
  const text = Array.isArray(label) ? label.join(' ') : String(label ?? '');
  return text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
}

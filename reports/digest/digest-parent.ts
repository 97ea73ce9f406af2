import type { DigestFigures, KpiDeltas } from '../../src/figures/figure-types.js';
import { fields, header, section } from '../blocks/block-helpers.js';
import {
  type DeltaKind,
  formatCredits,
  formatDelta,
  formatNumber,
  formatPercent,
  formatWindow,
  unknownValue,
} from '../blocks/format.js';
import type { ReportMessage } from '../blocks/report-message.js';
import { buildAdoptionChart } from '../charts/adoption-chart.js';
import { finishReport } from '../limits/finish-report.js';
import { describeChanges } from './change-summary.js';

const kpis: ReadonlyArray<[keyof KpiDeltas, string, DeltaKind]> = [
  ['activeUsers', 'Active users', 'count'],
  ['credits', 'Credits', 'credits'],
  ['threads', 'Threads', 'count'],
  ['prsReviewed', 'PRs reviewed', 'count'],
  ['positiveShare', 'Positive review share', 'share'],
];

function kpiValue(value: number | null, kind: DeltaKind): string {
  if (value === null) return unknownValue;
  if (kind === 'share') return formatPercent(value);
  return kind === 'credits' ? formatCredits(value) : formatNumber(value);
}

/**
 * The digest's parent message: the what-changed sentence, five headline KPIs with week-over-week arrows
 * and both values, and one chart (adoption by surface). Aggregate only: safe for both digests.
 */
export function buildDigestParent(
  digest: DigestFigures,
  title: string,
  /** What the thread replies hold, in order, for the pointer line (e.g. ['adoption', 'top users']). */
  threadTopics: readonly string[],
): ReportMessage {
  const week = formatWindow(digest.week);
  const summary = describeChanges(digest.deltas);
  return finishReport({
    text: `${title} · ${week}: ${summary}`,
    blocks: [
      header(`${title} · ${week}`),
      section(summary),
      fields(
        kpis.map(([key, name, kind]) => {
          const delta = digest.deltas[key];
          return `*${name}*\n${kpiValue(delta.current, kind)}\n${formatDelta(delta, kind)}`;
        }),
      ),
      section(`_Details in the thread: ${listOf(threadTopics)}._`),
    ],
    charts: digest.adoption.activeUsers > 0 ? [buildAdoptionChart(digest.adoption)] : [],
    window: digest.week,
    freshness: digest.freshness,
  });
}

/** 'a, b and c' — the pointer line names exactly the replies that follow. */
function listOf(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
